"""The data migration that closes issue 14 for rows written before the fix."""

import importlib

from django.apps import apps

from consultazione.contributions import lifecycle
from consultazione.contributions.models import Contribution
from consultazione.moderation.models import Decision

migration = importlib.import_module("consultazione.moderation.migrations.0003_withdrawn_after_moderation_stays_hidden")


def test_hidden_then_withdrawn_rows_go_back_to_hidden(submit, moderator, client):
    exploited, honest = submit(), submit()
    Decision.objects.create(actor=moderator, action="hide", contribution=exploited, from_state="published", to_state="hidden")
    # What the old withdraw wrote: "withdrawn" over the moderator's "hidden".
    Contribution.objects.filter(pk__in=[exploited.pk, honest.pk]).update(status="withdrawn", withdrawn_at=exploited.created_at)
    assert client.get(f"/contributi/{exploited.reference}/").status_code == 200

    migration.forwards(apps, None)

    exploited.refresh_from_db()
    honest.refresh_from_db()
    assert lifecycle.state_of(exploited) == lifecycle.State.HIDDEN_WITHDRAWN
    assert lifecycle.state_of(honest) == lifecycle.State.WITHDRAWN
    assert client.get(f"/contributi/{exploited.reference}/").status_code == 404
    assert client.get(f"/contributi/{honest.reference}/").status_code == 200

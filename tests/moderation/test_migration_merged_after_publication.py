"""The data migration of issue 16 item 4: merged rows written before `merged_after_publication`
are public only if their merge decision started from "published"."""

import importlib

from django.apps import apps

from consultazione.contributions import lifecycle
from consultazione.contributions.models import Contribution
from consultazione.moderation.models import Decision

migration = importlib.import_module("consultazione.moderation.migrations.0005_backfill_merged_after_publication")


def test_only_sources_merged_while_published_become_readable(submit, moderator, client):
    kept, was_published, was_hidden, no_decision = submit(), submit(), submit(), submit()
    for source, from_state in ((was_published, "published"), (was_hidden, "hidden")):
        Decision.objects.create(
            actor=moderator,
            action="merge",
            contribution=source,
            from_state=from_state,
            to_state="merged",
            related_contribution=kept,
        )
    # What the old merge wrote: status "merged", the new column at its default.
    Contribution.objects.filter(pk__in=[was_published.pk, was_hidden.pk, no_decision.pk]).update(
        status="merged", merged_into=kept, merged_after_publication=False
    )

    migration.forwards(apps, None)

    states = {item.pk: lifecycle.state_of(item) for item in Contribution.objects.filter(status="merged")}
    assert states == {
        was_published.pk: lifecycle.State.MERGED,
        was_hidden.pk: lifecycle.State.MERGED_UNPUBLISHED,
        no_decision.pk: lifecycle.State.MERGED_UNPUBLISHED,
    }
    assert client.get(f"/contributi/{was_published.reference}/").status_code == 200
    assert client.get(f"/contributi/{was_hidden.reference}/").status_code == 404
    assert client.get(f"/contributi/{no_decision.reference}/").status_code == 404

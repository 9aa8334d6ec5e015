"""The notification matrix: event × preference, with the outbox asserted.

immediate → one email now (recipient, subject, link, RFC 8058 headers), nothing in the digest;
digest → nothing now, one digest email later (and only once); off → nothing, ever.
"""

from dataclasses import dataclass

import pytest
from django.core import mail

from consultazione.moderation.services import outcome_record
from consultazione.notifications.models import Notification
from consultazione.notifications.services import follow_set, preferences_update
from consultazione.voting.services import support_add
from tests.conftest import make_user

from .conftest import digest, mails_to, unsubscribe_path


@dataclass
class Scene:
    recipient: object
    contribution: object
    kind: str
    subject: str
    trigger: object  # () -> the comment that notifies, or None


def reply_scene(submit, comment_on, staff) -> Scene:
    contribution = submit()
    recipient = make_user()
    parent = comment_on(contribution, author=recipient)
    return Scene(
        recipient,
        contribution,
        "comment_reply",
        f"Nuova risposta al tuo commento su {contribution.reference}",
        lambda: comment_on(contribution, parent=parent),
    )


def comment_scene(submit, comment_on, staff) -> Scene:
    contribution = submit()
    recipient = make_user()
    follow_set(user=recipient, contribution=contribution, following=True)
    return Scene(
        recipient,
        contribution,
        "contribution_comment",
        f"Nuovo commento su {contribution.reference}",
        lambda: comment_on(contribution),
    )


def outcome_scene(submit, comment_on, staff) -> Scene:
    contribution = submit()
    recipient = make_user()
    support_add(user=recipient, contribution=contribution)  # supporters follow what they support

    def trigger():
        outcome_record(actor=staff, contribution=contribution, outcome="accolto", motivation="Entra nel piano delle azioni.")

    return Scene(recipient, contribution, "outcome", f"Esito registrato per {contribution.reference}", trigger)


SCENES = {"reply": reply_scene, "comment": comment_scene, "outcome": outcome_scene}


@pytest.fixture(params=SCENES)
def scene(request, submit, comment_on, staff):
    return SCENES[request.param](submit, comment_on, staff)


def _link(scene, comment) -> str:
    url = f"http://testserver/contributi/{scene.contribution.reference}/"
    return url + f"#commento-{comment.pk}" if comment is not None else url


@pytest.mark.django_db
class TestMatrix:
    def test_immediate_sends_one_email_with_link_and_unsubscribe_headers(self, scene, committing, settings, client):
        settings.SITE_URL = "http://testserver"
        preferences_update(actor=scene.recipient, user=scene.recipient, changes={scene.kind: "immediate"})
        mail.outbox.clear()
        with committing():
            comment = scene.trigger()
        (message,) = mails_to(scene.recipient)
        assert message.subject == scene.subject
        assert _link(scene, comment) in message.body
        assert scene.contribution.title in message.body
        path = unsubscribe_path(message)
        assert path in message.body  # the same link, readable in the text
        mail.outbox.clear()
        digest()
        assert mails_to(scene.recipient) == []

    def test_digest_sends_nothing_now_and_one_digest_later(self, scene, committing, settings):
        settings.SITE_URL = "http://testserver"
        preferences_update(actor=scene.recipient, user=scene.recipient, changes={scene.kind: "digest"})
        mail.outbox.clear()
        with committing():
            comment = scene.trigger()
        assert mails_to(scene.recipient) == []
        with committing():
            digest()
        (summary,) = mails_to(scene.recipient)
        assert "Le novità di oggi" in summary.subject
        assert _link(scene, comment) in summary.body and scene.contribution.reference in summary.body
        unsubscribe_path(summary)
        mail.outbox.clear()
        digest()
        assert mails_to(scene.recipient) == []  # sent once

    def test_off_sends_nothing_ever(self, scene, committing):
        preferences_update(actor=scene.recipient, user=scene.recipient, changes={scene.kind: "off"})
        mail.outbox.clear()
        with committing():
            scene.trigger()
            digest()
        assert mails_to(scene.recipient) == []
        assert not Notification.objects.filter(recipient=scene.recipient).exists()

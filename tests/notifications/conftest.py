"""Fixtures: the moderation tests' contributions and comments (made through the real services)."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from tests.moderation.conftest import comment_on, open_psm, submit  # noqa: F401  (fixtures)

UNSUBSCRIBE = re.compile(r"^<(https?://[^>]+/notifiche/annulla-iscrizione/[^>]+/)>$")


def digest() -> str:
    """Run the daily digest command; returns what it printed."""
    out = io.StringIO()
    call_command("notifications_digest", stdout=out)
    return out.getvalue()


def mails_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def unsubscribe_path(message) -> str:
    """The path of the List-Unsubscribe URL of a message (asserting the RFC 8058 headers)."""
    match = UNSUBSCRIBE.match(message.extra_headers["List-Unsubscribe"])
    assert match, message.extra_headers
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    return "/" + match.group(1).split("/", 3)[3]


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """`with committing():` runs what the services queue after commit (the emails)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)

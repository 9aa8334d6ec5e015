"""Notification emails: one per event (immediate) or one a day per person (digest), sent by
django-tasks workers, each with a one-click unsubscribe link (RFC 8058 headers)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django_tasks import task

from consultazione.core.sites import absolute_url

from .kinds import KINDS, Delivery
from .models import Notification
from .selectors import preferences_of, reachable
from .tokens import unsubscribe_token
from .visibility import notification_is_public

EXCERPT_CHARS = 300


def unsubscribe_url(user, kinds) -> str:
    return absolute_url(reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(user, kinds)}))


def _actor_name(actor) -> str:
    if actor is None or actor.deleted_at:
        return _("utente eliminato")
    return actor.pseudonym


def describe(notification: Notification) -> dict:
    """What one notification says: its line, its link and an excerpt, for both kinds of email."""
    contribution, comment = notification.contribution, notification.comment
    path = reverse("contributions:detail", kwargs={"reference": contribution.reference})
    if comment is not None:
        path += f"#commento-{comment.pk}"
    values = {
        "actor": _actor_name(notification.actor),
        "ref": contribution.reference,
        "title": contribution.title,
        "outcome": contribution.get_outcome_display(),
    }
    rule = KINDS[notification.kind]
    excerpt = Truncator(" ".join(strip_tags(comment.body).split())).chars(EXCERPT_CHARS) if comment is not None else ""
    return {
        "notification": notification,
        "subject": str(rule.subject) % values,
        "line": str(rule.line) % values,
        "url": absolute_url(path),
        "excerpt": excerpt,
    }


def _message(*, recipient, subject: str, body: str, kinds) -> EmailMessage:
    link = unsubscribe_url(recipient, kinds)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def _common_context(recipient, kinds) -> dict:
    return {
        "recipient": recipient,
        "unsubscribe_url": unsubscribe_url(recipient, kinds),
        "preferences_url": absolute_url(reverse("notifications:preferences")),
    }


def _wanted(notification: Notification, preferences: dict[str, str], people: set[int]) -> bool:
    return (
        notification.recipient_id in people
        and preferences.get(notification.kind) != Delivery.OFF
        and notification_is_public(notification)
    )


def _claim(ids) -> int:
    """Mark pending rows sent (once: a retried task finds nothing left to send)."""
    return Notification.objects.filter(pk__in=ids, state=Notification.State.PENDING).update(
        state=Notification.State.SENT, sent_at=timezone.now()
    )


def _skip(ids) -> None:
    Notification.objects.filter(pk__in=ids, state=Notification.State.PENDING).update(state=Notification.State.SKIPPED)


def _send_claimed(message: EmailMessage, ids) -> None:
    try:
        message.send()
    except Exception:
        Notification.objects.filter(pk__in=ids).update(state=Notification.State.PENDING, sent_at=None)
        raise


RELATED = ("recipient", "actor", "contribution__author", "comment__author", "comment__contribution__author")


@task()
def notification_email_send(notification_id: int) -> None:
    notification = Notification.objects.select_related(*RELATED).filter(pk=notification_id).first()
    if notification is None or notification.state != Notification.State.PENDING:
        return
    recipient = notification.recipient
    if not _wanted(notification, preferences_of(recipient), reachable([recipient.pk])):
        _skip([notification.pk])
        return
    with transaction.atomic():
        if not _claim([notification.pk]):
            return
        item = describe(notification)
        with translation.override(settings.LANGUAGE_CODE):
            context = {**_common_context(recipient, [notification.kind]), **item}
            body = render_to_string("notifications/email/notification.txt", context)
            message = _message(recipient=recipient, subject=item["subject"], body=body, kinds=[notification.kind])
        _send_claimed(message, [notification.pk])


@task()
def digest_send(user_id: int) -> None:
    """One email with every pending digest notification of a person (the day's events)."""
    rows = list(Notification.objects.pending_digest().filter(recipient_id=user_id).select_related(*RELATED))
    if not rows:
        return
    recipient = rows[0].recipient
    preferences, people = preferences_of(recipient), reachable([recipient.pk])
    wanted = [row for row in rows if _wanted(row, preferences, people)]
    _skip([row.pk for row in rows if row not in wanted])
    if not wanted:
        return
    ids = [row.pk for row in wanted]
    kinds = sorted({row.kind for row in wanted})
    with transaction.atomic():
        if not _claim(ids):
            return
        with translation.override(settings.LANGUAGE_CODE):
            items = [describe(row) for row in wanted]
            subject = _("Le novità di oggi su %(site)s: %(n)s notifiche") % {"site": settings.PLATFORM_NAME, "n": len(items)}
            body = render_to_string("notifications/email/digest.txt", {**_common_context(recipient, kinds), "items": items})
            message = _message(recipient=recipient, subject=subject, body=body, kinds=kinds)
        _send_claimed(message, ids)


def digests_enqueue() -> int:
    """Queue one digest per person with pending digest notifications; returns how many."""
    people = sorted(set(Notification.objects.pending_digest().values_list("recipient_id", flat=True)))
    for user_id in people:
        digest_send.enqueue(user_id)
    return len(people)

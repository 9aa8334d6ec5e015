"""Events that notify, written in the transaction of the action that caused them.

One row per person and event (never to the person who acted, never to someone who cannot be
reached by email, never about content that is not public); immediate rows are emailed by a task
queued after the commit, digest rows wait for the daily digest (emails.py).
"""

from django.db import transaction

from ..emails import notification_email_send
from ..kinds import Delivery, EventKind
from ..models import Notification
from ..selectors import deliveries_for, follower_ids, reachable
from ..visibility import comment_is_public, contribution_is_public


def _record(*, kind: str, user_ids, contribution, comment=None, actor_id=None) -> list[Notification]:
    people = reachable({pk for pk in user_ids if pk is not None and pk != actor_id})
    deliveries = deliveries_for(people, kind)
    rows = [
        Notification(recipient_id=pk, kind=kind, delivery=delivery, contribution=contribution, comment=comment, actor_id=actor_id)
        for pk, delivery in sorted(deliveries.items())
        if delivery != Delivery.OFF
    ]
    Notification.objects.bulk_create(rows)
    immediate = [row.pk for row in rows if row.delivery == Delivery.IMMEDIATE]
    if immediate:
        transaction.on_commit(lambda: [notification_email_send.enqueue(pk) for pk in immediate])
    return rows


def comment_published(*, comment) -> list[Notification]:
    """A comment became public (at once, or approved by a moderator): the author of the comment it
    answers, and the followers of the contribution (its author among them), are told."""
    contribution = comment.contribution
    if not contribution_is_public(contribution) or not comment_is_public(comment):
        return []
    actor_id = comment.author_id
    rows, told = [], {actor_id}
    parent = comment.parent
    if parent is not None and parent.author_id:
        rows += _record(
            kind=EventKind.COMMENT_REPLY,
            user_ids=[parent.author_id],
            contribution=contribution,
            comment=comment,
            actor_id=actor_id,
        )
        told.add(parent.author_id)
    followers = follower_ids(contribution) - told
    rows += _record(
        kind=EventKind.CONTRIBUTION_COMMENT, user_ids=followers, contribution=contribution, comment=comment, actor_id=actor_id
    )
    return rows


def outcome_recorded(*, contribution, actor) -> list[Notification]:
    """The body recorded the outcome of a contribution: its followers (supporters among them) are
    told. Its author is not: the moderation app's decision email already tells them."""
    if not contribution_is_public(contribution):
        return []
    followers = follower_ids(contribution) - {contribution.author_id}
    return _record(kind=EventKind.OUTCOME, user_ids=followers, contribution=contribution, actor_id=getattr(actor, "pk", None))

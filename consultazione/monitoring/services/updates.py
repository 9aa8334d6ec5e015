"""Writes on an action's timeline (dated updates with documents) and the steering committee's comments."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from consultazione.core.permissions import check_perm

from ..models import ActionUpdate, SteeringComment
from .audit import as_text, change_record, diff

UPDATE_FIELDS = ("kind", "date", "title", "text")


def _snapshot(update: ActionUpdate | None, documents: Iterable[str]) -> dict[str, str]:
    if update is None:
        return {}
    prefix = f"aggiornamento:{update.pk}"
    values = {f"{prefix}:{field}": as_text(getattr(update, field)) for field in UPDATE_FIELDS}
    values[f"{prefix}:documenti"] = "; ".join(sorted(documents))
    return values


def _document_titles(update: ActionUpdate | None) -> list[str]:
    return [document.title for document in update.documents.all()] if update and update.pk else []


@transaction.atomic
def action_update_save(*, actor, update: ActionUpdate, documents: Iterable | None = None, source: str) -> ActionUpdate:
    check_perm(actor, "monitoring.change_tracking", update.tracking.action)
    old = ActionUpdate.objects.filter(pk=update.pk).first() if update.pk else None
    before = _snapshot(old, _document_titles(old))
    if old is None and update.author_id is None and getattr(actor, "is_authenticated", False):
        update.author = actor
    update.full_clean()
    update.save()
    if documents is not None:
        update.documents.set(documents)
    changes = diff(before, _snapshot(update, _document_titles(update)))
    if changes:
        summary = _("Aggiornamento pubblicato: %(t)s") if old is None else _("Aggiornamento modificato: %(t)s")
        change_record(
            tracking=update.tracking, actor=actor, source=source, summary=summary % {"t": update.title}, changes=changes
        )
    return update


@transaction.atomic
def action_update_delete(*, actor, update: ActionUpdate, source: str) -> None:
    check_perm(actor, "monitoring.change_tracking", update.tracking.action)
    change_record(
        tracking=update.tracking,
        actor=actor,
        source=source,
        summary=_("Aggiornamento eliminato: %(t)s") % {"t": update.title},
        changes=diff(_snapshot(update, _document_titles(update)), {}),
    )
    update.delete()


@transaction.atomic
def steering_comment_create(*, author, update: ActionUpdate, body: str) -> SteeringComment:
    check_perm(author, "monitoring.comment_update", update)
    comment = SteeringComment(update=update, author=author, body=(body or "").strip())
    comment.full_clean()
    comment.save()
    return comment

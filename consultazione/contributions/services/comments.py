"""Writes on comments: create (threaded to depth 3, with an alignment), edit within the window, delete.

Counters: `Contribution.comment_count` counts published comments; `Comment.reply_count` counts the
published children of a comment (a deleted reply keeps its place in the thread, so it keeps
counting). The moderation app calls `comment_counters_add` when it publishes or hides a comment.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.core.exceptions import Conflict
from consultazione.core.permissions import check_perm
from consultazione.notifications.services import comment_published

from .. import conf, lifecycle, text
from ..models import Alignment, Comment, CommentStatus, Contribution
from ..pagecache import pages_changed


def comment_counters_add(*, comment: Comment, delta: int, replies: bool = True) -> None:
    """Add `delta` to the contribution's comment count and (if `replies`) to the parent's reply count."""
    Contribution.objects.filter(pk=comment.contribution_id).update(comment_count=F("comment_count") + delta)
    if replies and comment.parent_id:
        Comment.objects.filter(pk=comment.parent_id).update(reply_count=F("reply_count") + delta)


def comment_body_checked(body: str) -> str:
    """The comment text policy (normalised, checked, sanitised); the netiquette edit uses it too."""
    body = text.normalise(body)
    if problems := text.body_errors(body, max_chars=conf.comment_max_chars()):
        raise ValidationError({"body": problems})
    return text.sanitise(body)


def _alignment_checked(alignment) -> int:
    try:
        value = int(alignment)
    except (TypeError, ValueError):
        value = None
    if value not in Alignment.values:
        raise ValidationError({"alignment": [_("Scegli se sei a favore, contro o neutrale.")]})
    return value


@transaction.atomic
def comment_create(
    *, author, contribution: Contribution, body: str, alignment: int = 0, parent: Comment | None = None
) -> Comment:
    check_perm(
        author,
        "contributions.add_comment",
        contribution,
        message=_("Per commentare serve un account verificato e una fase che accetti commenti."),
    )
    errors: dict[str, list[str]] = {}
    depth = 1
    if parent is not None:
        if parent.contribution_id != contribution.pk:
            errors["parent"] = [_("Il commento a cui rispondi non appartiene a questo contributo.")]
        elif parent.status != CommentStatus.PUBLISHED:
            errors["parent"] = [_("Non si può rispondere a un commento non pubblicato o eliminato.")]
        elif parent.depth >= Comment.MAX_DEPTH:
            errors["parent"] = [_("Le risposte arrivano al massimo al terzo livello: rispondi al commento precedente.")]
        depth = parent.depth + 1
    try:
        cleaned_body = comment_body_checked(body)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        alignment = _alignment_checked(alignment)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    published = contribution.process.comment_moderation != "pre"
    comment = Comment.objects.create(
        contribution=contribution,
        parent=parent,
        depth=depth,
        author=author,
        body=cleaned_body,
        alignment=alignment,
        status=CommentStatus.PUBLISHED if published else CommentStatus.PENDING,
    )
    if published:
        comment_counters_add(comment=comment, delta=1)
        comment_published(comment=comment)
    pages_changed(contribution, added=True)
    return comment


@transaction.atomic
def comment_update(*, actor, comment: Comment, body: str, alignment: int | None = None) -> Comment:
    check_perm(actor, "contributions.change_comment", comment, message=_("Il commento non è più modificabile."))
    fields = {"body": comment_body_checked(body)}
    if alignment is not None:
        fields["alignment"] = _alignment_checked(alignment)
    now = timezone.now()
    if lifecycle.edit_goes_to_review(comment):
        # Pre-moderation: the new text waits for a moderator, the approved one stays public.
        fields["pending_body"] = fields.pop("body")
        fields["pending_edit_at"] = now
        state = CommentStatus.PUBLISHED
    else:
        fields["edited_at"] = now
        state = comment.status
    updated = Comment.objects.filter(pk=comment.pk, status=state).update(updated_at=now, **fields)
    if not updated:
        raise Conflict(_("Il commento è stato eliminato o moderato nel frattempo."))
    for name, value in fields.items():
        setattr(comment, name, value)
    pages_changed(comment)
    return comment


@transaction.atomic
def comment_delete(*, actor, comment: Comment) -> Comment:
    """Blank the text and keep the comment in the thread (its replies stay readable)."""
    check_perm(actor, "contributions.delete_comment", comment, message=_("Non puoi eliminare questo commento."))
    now = timezone.now()
    was_published = comment.status == CommentStatus.PUBLISHED
    updated = (
        Comment.objects.filter(pk=comment.pk, status=comment.status)
        .exclude(status=CommentStatus.DELETED)
        .update(body="", status=CommentStatus.DELETED, deleted_at=now, updated_at=now)
    )
    if not updated:
        raise Conflict(_("Il commento è cambiato nel frattempo: ricarica la pagina."))
    if was_published:
        comment_counters_add(comment=comment, delta=-1, replies=False)
    pages_changed(comment)
    comment.body = ""
    comment.status = CommentStatus.DELETED
    comment.deleted_at = now
    return comment

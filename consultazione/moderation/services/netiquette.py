"""The netiquette edit: the only way anybody but the author changes the words of a contribution or a
comment. A moderator in scope (or staff) corrects the title and/or text with a mandatory reason;
the change is written to the audit log, shown on the item to everyone ("Modificato dalla
moderazione: <motivo>") and emailed to the author.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultazione.contributions.models import Comment, CommentStatus
from consultazione.contributions.pagecache import pages_changed
from consultazione.contributions.services import comment_body_checked, contribution_text_checked
from consultazione.core.exceptions import InvalidInput
from consultazione.core.permissions import check_perm

from ..models import Decision
from ..notifications import decision_notify
from ..reasons import ReasonCode
from ._common import audit, lock_item

# A duplicate is merged and an off-topic item hidden; words are corrected for these reasons.
NETIQUETTE_EDIT_REASONS = (ReasonCode.OFFENSIVE, ReasonCode.PERSONAL_DATA, ReasonCode.SPAM, ReasonCode.OTHER)
EDIT_REASON_MAX = 500
NOT_ALLOWED = gettext_lazy(
    "Non puoi modificare questo contenuto: serve il ruolo di moderatore nel suo ambito (o di staff) "
    "e non si modificano per moderazione i propri contenuti."
)


def _reason_errors(reason_code: str, reason_text: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if reason_code not in NETIQUETTE_EDIT_REASONS:
        errors["reason_code"] = [_("Scegli il motivo della modifica: offensivo, dati personali, spam o altro.")]
    if not reason_text:
        errors["reason_text"] = [_("Spiega il motivo della modifica: è pubblico e viene inviato all'autore.")]
    elif len(reason_text) > EDIT_REASON_MAX:
        errors["reason_text"] = [_("Il motivo supera i %(n)s caratteri.") % {"n": EDIT_REASON_MAX}]
    return errors


def _new_text(item, *, title: str | None, body: str | None) -> dict[str, str]:
    """The new fields through the same text policy as the author's own form."""
    if isinstance(item, Comment):
        if title is not None:
            raise ValidationError({"title": [_("Un commento non ha titolo.")]})
        return {} if body is None else {"body": comment_body_checked(body)}
    return contribution_text_checked(title=title, body=body)


@transaction.atomic
def item_edit_for_netiquette(
    *, actor, item, reason_code: str, reason_text: str, title: str | None = None, body: str | None = None
) -> Decision:
    """Replace the title and/or text of a contribution (or the text of a comment); None keeps a field."""
    locked = lock_item(item)
    check_perm(actor, "moderation.edit_for_netiquette", locked, message=str(NOT_ALLOWED))
    if isinstance(locked, Comment) and locked.status == CommentStatus.DELETED:
        raise InvalidInput(_("Il commento è stato eliminato dall'autore: non c'è testo da modificare."), code="deleted")
    reason_text = " ".join((reason_text or "").split())
    errors = _reason_errors(reason_code, reason_text)
    fields: dict[str, str] = {}
    try:
        fields = _new_text(locked, title=title, body=body)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    # Removed personal data must not survive in the append-only log: only the new text is kept.
    keep_old = reason_code != ReasonCode.PERSONAL_DATA
    changes = {
        name: {"from": getattr(locked, name) if keep_old else None, "to": value}
        for name, value in fields.items()
        if value != getattr(locked, name)
    }
    if not changes:
        raise InvalidInput(_("Il testo è già questo: nessuna modifica."), code="no_changes")
    for name in changes:
        setattr(locked, name, fields[name])
    locked.moderation_edited_at = timezone.now()
    locked.moderation_edit_reason = reason_text
    locked.save(update_fields=[*changes, "moderation_edited_at", "moderation_edit_reason", "updated_at"])
    pages_changed(locked)
    decision = audit(
        actor=actor,
        action=Decision.Action.NETIQUETTE_EDIT,
        item=locked,
        from_state=locked.status,
        to_state=locked.status,
        reason_code=reason_code,
        reason_text=reason_text,
        changes=changes,
    )
    transaction.on_commit(lambda: decision_notify(decision.pk))
    return decision

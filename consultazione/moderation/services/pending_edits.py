"""Edits waiting for moderation (pre-moderation): approve (the new text goes public) or reject
(the approved text stays) an edit of published content.

The author may edit again while an edit waits, so the moderator's form carries the version of the
edit they read (`expected_edit`, the time it was made): a different one is a conflict, recorded
in the audit like a stale state, and never approved unseen.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy

from consultazione.contributions.models import Comment
from consultazione.contributions.pagecache import pages_changed
from consultazione.core.exceptions import Conflict
from consultazione.core.permissions import check_perm

from ..models import Decision
from ..notifications import decision_notify
from ..reasons import ReasonCode
from ._common import OUT_OF_SCOPE, audit, lock_item, personal_data_flag

A = Decision.Action
EDIT_ACTIONS = (A.APPROVE_EDIT, A.REJECT_EDIT)
EDIT_CONFLICT = gettext_lazy(
    "La modifica è già stata decisa da qualcun altro o l'autore l'ha cambiata: ricarica la pagina e verifica."
)


def edited_fields(item) -> tuple[str, ...]:
    return ("body",) if isinstance(item, Comment) else ("title", "body")


def edit_version(item) -> str:
    """The version of the pending edit ("" when there is none): send it back as `expected_edit`."""
    return item.pending_edit_at.isoformat() if item.pending_edit_at else ""


@transaction.atomic
def _edit_decide_locked(*, actor, item, action, reason_code, reason_text, expected_edit) -> Decision:
    locked = lock_item(item)
    check_perm(actor, "moderation.decide", locked, message=str(OUT_OF_SCOPE))
    fields = edited_fields(locked)
    common = {
        "actor": actor,
        "action": action,
        "item": locked,
        "from_state": locked.status,
        "to_state": locked.status,
        "expected_state": locked.status,
        "reason_code": reason_code,
        "reason_text": reason_text,
    }
    if not expected_edit or edit_version(locked) != expected_edit:
        return audit(result=Decision.Result.CONFLICT, changes={"expected_edit": expected_edit}, **common)
    changed = []
    if action == A.APPROVE_EDIT:
        for name in fields:
            setattr(locked, name, getattr(locked, f"pending_{name}"))
        locked.edited_at = locked.pending_edit_at
        changed = [*fields, "edited_at"]
    for name in fields:
        setattr(locked, f"pending_{name}", "")
    locked.pending_edit_at = None
    locked.save(update_fields=[*changed, *(f"pending_{name}" for name in fields), "pending_edit_at", "updated_at"])
    pages_changed(locked)
    if reason_code == ReasonCode.PERSONAL_DATA and action == A.APPROVE_EDIT:
        personal_data_flag(locked)
    decision = audit(changes={"fields": list(fields)}, **common)
    transaction.on_commit(lambda: decision_notify(decision.pk))
    return decision


def pending_edit_decide(*, actor, item, action: str, reason_code: str, reason_text: str, expected_edit: str) -> Decision:
    """Approve or reject the pending edit of a contribution or comment (reason checked by the caller)."""
    decision = _edit_decide_locked(
        actor=actor, item=item, action=action, reason_code=reason_code, reason_text=reason_text, expected_edit=expected_edit
    )
    if decision.result == Decision.Result.CONFLICT:
        raise Conflict(EDIT_CONFLICT, code="already_decided")
    return decision

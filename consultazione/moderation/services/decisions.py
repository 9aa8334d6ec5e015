"""Approve, reject, hide, restore a contribution or a comment (one at a time or in bulk).

Concurrency: the item is re-read under a row lock (select_for_update) and compared with the
state the moderator saw (`expected_state`, carried by the form). When they differ, someone else
decided first: the attempt is written to the audit as a row with result "conflict" (committed,
so the log shows both moderators) and the caller gets a Conflict (HTTP 409).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultazione.contributions import lifecycle
from consultazione.contributions.models import Comment, CommentStatus
from consultazione.contributions.pagecache import pages_changed
from consultazione.core.exceptions import Conflict, InvalidInput
from consultazione.core.permissions import check_perm
from consultazione.notifications.services import comment_published

from ..items import item_type
from ..models import Decision, Report
from ..notifications import decision_notify
from ..reasons import ReasonCode
from ._common import (
    OUT_OF_SCOPE,
    audit,
    comment_visibility_changed,
    lock_item,
    personal_data_flag,
    reason_validate,
    reports_resolve,
)
from .pending_edits import EDIT_ACTIONS, pending_edit_decide

A = Decision.Action

# The decisions a moderator takes here; which states they apply to and where they lead is the
# lifecycle's business (consultazione/contributions/lifecycle.py), for contributions and comments.
DECISION_ACTIONS = (A.APPROVE, A.REJECT, A.HIDE, A.RESTORE)
MODERATOR = lifecycle.Actor.MODERATOR
REASON_REQUIRED = frozenset({A.REJECT, A.HIDE, A.REJECT_EDIT})
# What happens to the open reports when the item reaches a state.
REPORT_RESOLUTION = {
    "hidden": Report.Resolution.UPHELD,
    "rejected": Report.Resolution.UPHELD,
    "published": Report.Resolution.DISMISSED,
    "withdrawn": Report.Resolution.DISMISSED,
}

CONFLICT_MESSAGE = gettext_lazy("Già deciso da qualcun altro: il contenuto ora è «%(state)s». Ricarica la pagina e verifica.")


def allowed_actions(item) -> list[str]:
    """The decisions open on an item: its lifecycle's, and approve/reject of a pending edit."""
    actions = [action for action in DECISION_ACTIONS if lifecycle.allows(item, action, MODERATOR)]
    return [*actions, *EDIT_ACTIONS] if item.pending_edit_at else actions


def state_set(item, *, action: str, actor: str = MODERATOR) -> None:
    """Move a locked item along the lifecycle and write it, with what follows from it."""
    old_status = item.status
    fields = lifecycle.apply(item, action, actor)
    item.save(update_fields=[*fields, "updated_at"])
    if isinstance(item, Comment):
        comment_visibility_changed(item, old_status=old_status, new_status=item.status)
        if old_status == CommentStatus.PENDING and item.status == CommentStatus.PUBLISHED:
            comment_published(comment=item)  # pre-moderation: people hear of it once it is public
    pages_changed(item)


@transaction.atomic
def _decide_locked(*, actor, item, action, reason_code, reason_text, expected_state) -> Decision:
    locked = lock_item(item)
    check_perm(actor, "moderation.decide", locked, message=str(OUT_OF_SCOPE))
    requested = lifecycle.requested_status(locked, action, MODERATOR, seen_status=expected_state)
    common = {"reason_code": reason_code, "reason_text": reason_text, "expected_state": expected_state, "to_state": requested}
    if locked.status != expected_state:
        return audit(actor=actor, action=action, item=locked, from_state=locked.status, result=Decision.Result.CONFLICT, **common)
    state_set(locked, action=action)
    reports_resolve(locked, resolution=REPORT_RESOLUTION[locked.status])
    if reason_code == ReasonCode.PERSONAL_DATA:
        personal_data_flag(locked)
    decision = audit(actor=actor, action=action, item=locked, from_state=expected_state, **common)
    transaction.on_commit(lambda: decision_notify(decision.pk))
    return decision


def item_decide(
    *,
    actor,
    item,
    action: str,
    expected_state: str,
    reason_code: str = "",
    reason_text: str = "",
    expected_edit: str = "",
) -> Decision:
    """Apply one decision. Not atomic itself on purpose: the locked part is, and a conflicting
    attempt is committed to the audit before Conflict is raised. Approving or rejecting a pending
    edit needs `expected_edit`, the version of the edit the moderator read."""
    if action not in (*DECISION_ACTIONS, *EDIT_ACTIONS):
        raise InvalidInput(_("Azione di moderazione sconosciuta."), code="unknown_action")
    reason_validate(reason_code=reason_code, reason_text=reason_text, required=action in REASON_REQUIRED)
    if action in EDIT_ACTIONS:
        return pending_edit_decide(
            actor=actor,
            item=item,
            action=action,
            reason_code=reason_code,
            reason_text=reason_text,
            expected_edit=expected_edit,
        )
    decision = _decide_locked(
        actor=actor, item=item, action=action, reason_code=reason_code, reason_text=reason_text, expected_state=expected_state
    )
    if decision.result == Decision.Result.CONFLICT:
        raise Conflict(CONFLICT_MESSAGE % {"state": decision.target.get_status_display()}, code="already_decided")
    return decision


@dataclass
class BulkResult:
    applied: list[Decision] = field(default_factory=list)
    conflicts: list[Decision] = field(default_factory=list)


@transaction.atomic
def items_decide_bulk(
    *, actor, items: list[tuple[object, str]], action: str, reason_code: str = "", reason_text: str = ""
) -> BulkResult:
    """One action with one reason on many items, each with the state its moderator saw.

    All or nothing for permissions and transitions (a 403 or 400 changes nothing); items that
    someone else decided in the meantime are skipped and logged as conflicts.
    """
    if action not in DECISION_ACTIONS:
        raise InvalidInput(_("Azione di moderazione sconosciuta."), code="unknown_action")
    if not items:
        raise InvalidInput(_("Seleziona almeno un contenuto."), code="empty_selection")
    reason_validate(reason_code=reason_code, reason_text=reason_text, required=action in REASON_REQUIRED)
    result = BulkResult()
    ordered = sorted(items, key=lambda pair: (item_type(pair[0]), pair[0].pk))
    for item, expected_state in ordered:
        decision = _decide_locked(
            actor=actor, item=item, action=action, reason_code=reason_code, reason_text=reason_text, expected_state=expected_state
        )
        (result.applied if decision.result == Decision.Result.APPLIED else result.conflicts).append(decision)
    return result

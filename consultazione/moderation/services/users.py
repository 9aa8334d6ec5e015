"""Blocking: a blocked person's content disappears from public lists (Contribution.objects.public()
and Comment.objects.visible() exclude it) and the account can no longer post; both ways audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.accounts.models import User
from consultazione.core import pagecache
from consultazione.core.exceptions import Conflict
from consultazione.core.permissions import check_perm

from ..models import Decision
from ..notifications import decision_notify
from ._common import REASON_TEXT_MAX, audit

A = Decision.Action
ACTIVE, BLOCKED = "active", "blocked"

# What a person wrote is on lists, counts, figures and other people's pages (their comments): a
# block or an unblock renders every page again (SITE is in every page's versions).
_PAGES = (pagecache.SITE, pagecache.CONTRIBUTIONS, pagecache.CONTRIBUTIONS_BASE, pagecache.REPORTS)


def _reason_checked(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Indica il motivo: verrà comunicato alla persona.")]})
    if len(reason) > REASON_TEXT_MAX:
        raise ValidationError({"reason": [_("Il motivo supera i %(n)s caratteri.") % {"n": REASON_TEXT_MAX}]})
    return reason


@transaction.atomic
def user_block(*, actor, user: User, reason: str, reason_code: str = "") -> Decision:
    check_perm(
        actor, "moderation.block_user", user, message=_("Solo lo staff dell'ente può bloccare un account (non il proprio).")
    )
    reason = _reason_checked(reason)
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.blocked_at is not None:
        raise Conflict(_("L'account è già bloccato."), code="already_blocked")
    locked.blocked_at = timezone.now()
    locked.blocked_reason = reason
    locked.save(update_fields=["blocked_at", "blocked_reason"])
    user.blocked_at, user.blocked_reason = locked.blocked_at, reason
    decision = audit(
        actor=actor,
        action=A.BLOCK,
        subject_user=locked,
        from_state=ACTIVE,
        to_state=BLOCKED,
        reason_code=reason_code,
        reason_text=reason,
    )
    pagecache.changed(*_PAGES)
    transaction.on_commit(lambda: decision_notify(decision.pk))
    return decision


@transaction.atomic
def user_unblock(*, actor, user: User, reason: str) -> Decision:
    check_perm(
        actor, "moderation.block_user", user, message=_("Solo lo staff dell'ente può sbloccare un account (non il proprio).")
    )
    reason = _reason_checked(reason)
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.blocked_at is None:
        raise Conflict(_("L'account non è bloccato."), code="not_blocked")
    locked.blocked_at = None
    locked.blocked_reason = ""
    locked.save(update_fields=["blocked_at", "blocked_reason"])
    user.blocked_at, user.blocked_reason = None, ""
    decision = audit(actor=actor, action=A.UNBLOCK, subject_user=locked, from_state=BLOCKED, to_state=ACTIVE, reason_text=reason)
    pagecache.changed(*_PAGES)
    transaction.on_commit(lambda: decision_notify(decision.pk))
    return decision

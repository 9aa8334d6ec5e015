"""Reports (segnalazioni): anyone verified reports a visible item once; after N open reports the
item is hidden automatically until a moderator looks at it; moderators can dismiss reports."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from consultazione.contributions import lifecycle
from consultazione.core.exceptions import Conflict, InvalidInput
from consultazione.core.permissions import check_perm

from ..items import item_contribution, item_target_fields
from ..models import Decision, Report
from ..notifications import decision_notify
from ._common import OUT_OF_SCOPE, audit, lock_item, reason_validate, reports_resolve
from .decisions import state_set

A = Decision.Action
REPORT_TEXT_MAX = 1000
STATE_ACTIONS = (A.APPROVE, A.REJECT, A.HIDE, A.RESTORE, A.AUTO_HIDE, A.DISMISS_REPORTS, A.MERGE)


def auto_hide_threshold() -> int:
    return settings.MODERATION_AUTO_HIDE_REPORTS


def is_auto_hidden(item) -> bool:
    """Hidden, and the last state change was the automatic one (no person has reviewed it yet)."""
    if item.status != "hidden":
        return False
    last = Decision.objects.applied().filter(action__in=STATE_ACTIONS, **item_target_fields(item)).order_by("-id").first()
    return last is not None and last.action == A.AUTO_HIDE


def _is_publicly_visible(item) -> bool:
    contribution = item_contribution(item)
    return item.status == "published" and contribution.status == "published" and not contribution.is_private


@transaction.atomic
def report_create(*, reporter, item, reason_code: str, text: str = "") -> Report:
    locked = lock_item(item)
    check_perm(reporter, "moderation.report", locked, message=_("Non puoi segnalare questo contenuto."))
    reason_validate(reason_code=reason_code, reason_text=text, required=True)
    if len(text) > REPORT_TEXT_MAX:
        raise ValidationError({"text": [_("Il testo supera i %(n)s caratteri.") % {"n": REPORT_TEXT_MAX}]})
    if not _is_publicly_visible(locked):
        raise InvalidInput(_("Questo contenuto non è visibile e non si può segnalare."), code="not_visible")
    target = item_target_fields(locked)
    already = _("Hai già segnalato questo contenuto: i moderatori la stanno esaminando.")
    if Report.objects.filter(reporter=reporter, **target).exists():
        raise Conflict(already, code="already_reported")
    try:
        with transaction.atomic():
            report = Report.objects.create(reporter=reporter, reason_code=reason_code, text=text.strip(), **target)
    except IntegrityError:
        raise Conflict(already, code="already_reported")
    type(locked).objects.filter(pk=locked.pk).update(report_count=F("report_count") + 1)
    locked.refresh_from_db(fields=["report_count"])
    if locked.report_count >= auto_hide_threshold():
        state_set(locked, action=lifecycle.Action.AUTO_HIDE, actor=lifecycle.Actor.SYSTEM)
        decision = audit(
            actor=None,
            action=A.AUTO_HIDE,
            item=locked,
            from_state="published",
            to_state="hidden",
            reason_code=reason_code,
            reason_text=_("Oscurato automaticamente dopo %(n)s segnalazioni, in attesa di verifica.")
            % {"n": locked.report_count},
            changes={"reports": locked.report_count},
        )
        transaction.on_commit(lambda: decision_notify(decision.pk))
    return report


@transaction.atomic
def reports_dismiss(*, actor, item, reason_text: str = "") -> Decision:
    """Archive the open reports; an item hidden automatically becomes visible again."""
    locked = lock_item(item)
    check_perm(actor, "moderation.dismiss_reports", locked, message=str(OUT_OF_SCOPE))
    reason_validate(reason_code="", reason_text=reason_text, required=False)
    auto_hidden = is_auto_hidden(locked)
    from_state = locked.status
    if auto_hidden:
        state_set(locked, action=lifecycle.Action.UNHIDE)
    dismissed = reports_resolve(locked, resolution=Report.Resolution.DISMISSED)
    if not dismissed and not auto_hidden:
        raise Conflict(_("Non ci sono segnalazioni aperte: forse le ha già esaminate qualcun altro."), code="no_open_reports")
    decision = audit(
        actor=actor,
        action=A.DISMISS_REPORTS,
        item=locked,
        from_state=from_state,
        to_state=locked.status,
        reason_text=reason_text,
        changes={"reports": dismissed},
    )
    transaction.on_commit(lambda: decision_notify(decision.pk))
    return decision

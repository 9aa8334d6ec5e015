"""Building blocks shared by the moderation services: row locks, reason validation, audit rows,
report resolution and the comment counters that follow a comment's visibility."""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultazione.contributions.models import Comment, CommentStatus, Contribution
from consultazione.contributions.services import comment_counters_add

from ..items import item_target_fields
from ..models import Decision, Report
from ..reasons import REASONS_NEEDING_TEXT, ReasonCode

REASON_TEXT_MAX = 2000
OUT_OF_SCOPE = gettext_lazy("Non puoi moderare questo contenuto: non sei moderatore o non rientra nei tuoi ambiti.")


def lock_item(item):
    """Re-read the item under a row lock: concurrent deciders queue here and see each other's result."""
    if isinstance(item, Comment):
        # Lock the comment only: its contribution is read for the scope check, not changed.
        return Comment.objects.select_for_update(of=("self",)).select_related("contribution").get(pk=item.pk)
    return type(item).objects.select_for_update().get(pk=item.pk)


def lock_contributions(pks) -> list[Contribution]:
    """Lock several contributions in primary-key order (a fixed order avoids deadlocks)."""
    return list(Contribution.objects.select_for_update().filter(pk__in=list(pks)).order_by("pk"))


def reason_validate(*, reason_code: str, reason_text: str, required: bool) -> None:
    errors = {}
    if reason_code and reason_code not in ReasonCode.values:
        errors["reason_code"] = [_("Motivo sconosciuto.")]
    elif required and not reason_code:
        errors["reason_code"] = [_("Scegli il motivo della decisione dall'elenco pubblicato.")]
    if reason_code in REASONS_NEEDING_TEXT and not reason_text.strip():
        errors["reason_text"] = [_("Con il motivo «Altro» spiega la decisione per esteso.")]
    if len(reason_text) > REASON_TEXT_MAX:
        errors["reason_text"] = [_("La spiegazione supera i %(n)s caratteri.") % {"n": REASON_TEXT_MAX}]
    if errors:
        raise ValidationError(errors)


def audit(*, actor, action: str, item=None, subject_user=None, **fields) -> Decision:
    targets = item_target_fields(item) if item is not None else {"subject_user": subject_user}
    decision = Decision(actor=actor, action=action, **targets, **fields)
    decision.full_clean()
    decision.save()
    return decision


def personal_data_flag(item) -> None:
    type(item).objects.filter(pk=item.pk).update(contains_personal_data=True)


def reports_resolve(item, *, resolution: str) -> int:
    """Close the item's open reports; report_count goes down by as many (atomically)."""
    resolved = Report.objects.open().filter(**item_target_fields(item)).update(resolved_at=timezone.now(), resolution=resolution)
    if resolved:
        type(item).objects.filter(pk=item.pk).update(report_count=F("report_count") - resolved)
    return resolved


def comment_visibility_changed(comment: Comment, *, old_status: str, new_status: str) -> None:
    """The counters count published comments: moving in or out of "published" adjusts them."""
    was, now = old_status == CommentStatus.PUBLISHED, new_status == CommentStatus.PUBLISHED
    if was != now:
        comment_counters_add(comment=comment, delta=1 if now else -1)

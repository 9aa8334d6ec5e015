"""Template tags that fill the contributions pages' moderation slot (outcome box, report form)."""

from django import template
from django.utils.translation import gettext_lazy as _

from consultazione.contributions.models import CommentStatus, Outcome, Status

from ..forms import ReportForm
from ..selectors import outcome_for, user_has_reported

register = template.Library()

STATE_LABELS = {
    **dict(CommentStatus.choices),
    **dict(Status.choices),
    **dict(Outcome.choices),
    "active": _("Attivo"),
    "blocked": _("Bloccato"),
}


@register.filter
def state_label(value: str) -> str:
    """The readable name of a state stored in the audit (contribution, comment, outcome, account)."""
    return STATE_LABELS.get(value, value) if value else "—"


@register.inclusion_tag("moderation/slot_detail.html", takes_context=True)
def moderation_box(context, contribution):
    """At most two queries: the outcome (only when there is one) and "have I reported it?"."""
    user = context.get("user")
    can_report = bool(user) and contribution.status == "published" and user.has_perm("moderation.report", contribution)
    return {
        "contribution": contribution,
        "outcome": outcome_for(contribution) if contribution.outcome else None,
        "can_report": can_report,
        "already_reported": can_report and user_has_reported(user=user, item=contribution),
        "can_moderate": bool(user) and user.has_perm("moderation.decide", contribution),
        "form": ReportForm(auto_id="report_%s"),
        "request": context.get("request"),
        "user": user,
    }

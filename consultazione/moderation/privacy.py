"""What the moderation app holds about a person: their reports, the decisions about their content
and account. Registered with core.personal_data (download, erasure, profile page)."""

from django.utils.translation import gettext_lazy as _

from .conf import netiquette_url
from .models import Report
from .selectors import decisions_about_user

PROFILE_LIMIT = 50


def export(user) -> dict:
    return {
        "reports_made": [
            {
                "created_at": report.created_at,
                "contribution": report.contribution_id,
                "comment": report.comment_id,
                "reason_code": report.reason_code,
                "text": report.text,
                "resolution": report.resolution,
            }
            for report in Report.objects.filter(reporter=user).order_by("id")
        ],
        "decisions_about_me": [
            {
                "created_at": decision.created_at,
                "action": decision.action,
                "contribution": decision.contribution_id,
                "comment": decision.comment_id,
                "from_state": decision.from_state,
                "to_state": decision.to_state,
                "reason_code": decision.reason_code,
                "reason_text": decision.reason_text,
            }
            for decision in decisions_about_user(user).order_by("id")
        ],
    }


def erase(user) -> None:
    """Reports stay (they count), without the free text the person wrote."""
    Report.objects.filter(reporter=user).exclude(text="").update(text="")


def profile_section(user) -> dict | None:
    """The decisions about the person's content (with reasons); moderators also get their queue."""
    decisions = list(decisions_about_user(user)[:PROFILE_LIMIT])
    moderates = user.has_perm("moderation.view_queue")
    if not decisions and not moderates:
        return None
    return {
        "title": _("Moderazione ed esiti dei tuoi contenuti"),
        "template": "moderation/profile_section.html",
        "context": {"decisions": decisions, "netiquette_url": netiquette_url(), "moderates": moderates},
    }

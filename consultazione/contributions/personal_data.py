"""What this app holds about a person: export (GDPR art. 15/20), erasure, profile section."""

from typing import Any

from django.utils.translation import gettext as _

from . import text
from .selectors import comments_of_user, contributions_of_user, merged_into_for

PROFILE_LIMIT = 10


def export(user) -> dict[str, Any]:
    contributions = [
        {
            "reference": c.reference,
            "kind": c.kind,
            "title": c.title,
            "body": text.to_plain_text(c.body),
            "axis": c.axis.code,
            "status": c.status,
            "is_private": c.is_private,
            "organisation_id": c.organisation_id,
            "created_at": c.created_at,
            "edited_at": c.edited_at,
            "withdrawn_at": c.withdrawn_at,
            "pending_edit": {"title": c.pending_title, "body": text.to_plain_text(c.pending_body), "at": c.pending_edit_at}
            if c.pending_edit_at
            else None,
            "outcome": c.outcome,
        }
        for c in contributions_of_user(user)
    ]
    comments = [
        {
            "contribution": c.contribution.reference,
            "body": text.to_plain_text(c.body),
            "alignment": c.alignment,
            "status": c.status,
            "created_at": c.created_at,
            "edited_at": c.edited_at,
            "pending_edit": {"body": text.to_plain_text(c.pending_body), "at": c.pending_edit_at} if c.pending_edit_at else None,
            "deleted_at": c.deleted_at,
        }
        for c in comments_of_user(user)
    ]
    return {"contributions": contributions, "comments": comments}


def erase(user) -> None:
    """Nothing to delete: contributions and comments are part of the public record of the process
    and stay, authored by the anonymised account (the accounts app wipes the person's data)."""


def profile_section(user) -> dict[str, Any] | None:
    contributions = list(contributions_of_user(user)[:PROFILE_LIMIT])
    for contribution in contributions:
        contribution.merged_link = merged_into_for(contribution, user)
    comment_total = comments_of_user(user).count()
    if not contributions and not comment_total:
        return None
    return {
        "title": _("I miei contributi"),
        "template": "contributions/profile_section.html",
        "context": {"contributions": contributions, "comment_total": comment_total},
    }

"""Writes of the moderation app (one rule for web, API, commands): see each module."""

from .curation import contribution_retag, contributions_merge
from .decisions import DECISION_ACTIONS, BulkResult, allowed_actions, item_decide, items_decide_bulk
from .netiquette import NETIQUETTE_EDIT_REASONS, item_edit_for_netiquette
from .outcomes import outcome_record, thematic_response_create
from .pending_edits import EDIT_ACTIONS, edit_version
from .reports import is_auto_hidden, report_create, reports_dismiss
from .users import user_block, user_unblock

__all__ = [
    "DECISION_ACTIONS",
    "EDIT_ACTIONS",
    "NETIQUETTE_EDIT_REASONS",
    "BulkResult",
    "allowed_actions",
    "contribution_retag",
    "contributions_merge",
    "edit_version",
    "is_auto_hidden",
    "item_decide",
    "item_edit_for_netiquette",
    "items_decide_bulk",
    "outcome_record",
    "report_create",
    "reports_dismiss",
    "thematic_response_create",
    "user_block",
    "user_unblock",
]

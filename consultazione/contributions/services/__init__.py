"""Writes of the contributions app (one rule for web, API, commands): see each module."""

from ..uploads import DocumentUpload, ImageUpload
from .comments import comment_body_checked, comment_counters_add, comment_create, comment_delete, comment_update
from .contributions import contribution_submit, contribution_text_checked, contribution_update, contribution_withdraw

__all__ = [
    "DocumentUpload",
    "ImageUpload",
    "comment_body_checked",
    "comment_counters_add",
    "comment_create",
    "comment_delete",
    "comment_update",
    "contribution_submit",
    "contribution_text_checked",
    "contribution_update",
    "contribution_withdraw",
]

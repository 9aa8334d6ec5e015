"""Who may do what with contributions and comments (django-rules; services and templates ask these).

Phase checks read the active phase of the contribution's process: callers that evaluate rules in a
loop pass objects whose process has its phases prefetched (see selectors), so no query per row.
"""

import rules
from django.utils import timezone

from consultazione.accounts.rules import is_active_citizen, is_facilitator, is_moderator, is_not_blocked
from consultazione.core.permissions import add_rule_only_perm
from consultazione.process.rules import phase_allows_feature
from consultazione.process.selectors import phase_allows

from . import conf, lifecycle
from .models import Channel, CommentStatus

phase_allows_submit = phase_allows_feature("submit")


@rules.predicate
def is_contribution_author(user, contribution) -> bool:
    return contribution is not None and contribution.author_id is not None and contribution.author_id == user.pk


@rules.predicate
def entered_as_facilitator(user, contribution) -> bool:
    return (
        contribution is not None
        and contribution.channel != Channel.ONLINE
        and contribution.entered_by_id is not None
        and contribution.entered_by_id == user.pk
    )


@rules.predicate
def within_contribution_edit_window(_user, contribution) -> bool:
    return contribution is not None and timezone.now() - contribution.created_at <= conf.contribution_edit_window()


@rules.predicate
def contribution_is_editable(_user, contribution) -> bool:
    return contribution is not None and lifecycle.allows(contribution, lifecycle.Action.EDIT, lifecycle.Actor.AUTHOR)


@rules.predicate
def not_edited_by_moderation(_user, item) -> bool:
    """After a moderator's netiquette edit the author no longer edits: they would only undo it."""
    return item is not None and item.moderation_edited_at is None


@rules.predicate
def contribution_is_withdrawable(_user, contribution) -> bool:
    return contribution is not None and lifecycle.allows(contribution, lifecycle.Action.WITHDRAW, lifecycle.Actor.AUTHOR)


def _author_blocked(contribution) -> bool:
    return contribution.author_id is not None and contribution.author.blocked_at is not None


@rules.predicate
def contribution_is_public(_user, contribution) -> bool:
    """In a public lifecycle state (lifecycle.PUBLIC), not reserved to moderators, author not blocked."""
    if contribution is None or contribution.is_private or _author_blocked(contribution):
        return False
    return lifecycle.is_public_state(lifecycle.state_of(contribution))


def sees_pending_edit(user, contribution) -> bool:
    """Who reads an edit waiting for moderation on the public page: its author (or the facilitator
    who entered the contribution). Moderators read it on the review page."""
    return bool(user.is_authenticated) and (
        is_contribution_author(user, contribution) or entered_as_facilitator(user, contribution)
    )


@rules.predicate
def contribution_open_for_comments(_user, contribution) -> bool:
    return (
        contribution is not None
        and lifecycle.state_of(contribution) in lifecycle.LISTED
        and not contribution.is_private
        and not _author_blocked(contribution)
    )


@rules.predicate
def phase_allows_comment(_user, obj) -> bool:
    contribution = getattr(obj, "contribution", obj)
    return contribution is not None and phase_allows(contribution.process, "comment")


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return comment is not None and comment.author_id is not None and comment.author_id == user.pk


@rules.predicate
def within_comment_edit_window(_user, comment) -> bool:
    return comment is not None and timezone.now() - comment.created_at <= conf.comment_edit_window()


@rules.predicate
def comment_is_editable(_user, comment) -> bool:
    return comment is not None and comment.status in {CommentStatus.PENDING, CommentStatus.PUBLISHED}


@rules.predicate
def comment_not_deleted(_user, comment) -> bool:
    return comment is not None and comment.status != CommentStatus.DELETED


@rules.predicate
def comment_is_public(_user, comment) -> bool:
    """Published, its author not blocked, on a public contribution."""
    return (
        comment is not None
        and comment.status == CommentStatus.PUBLISHED
        and not (comment.author_id is not None and comment.author.blocked_at is not None)
        and contribution_is_public(None, comment.contribution)
    )


can_facilitate = is_not_blocked & is_facilitator
can_view_contribution = contribution_is_public | is_contribution_author | entered_as_facilitator | is_moderator

# Named so that the notifications app (below this one) tells people only about public content.
rules.add_rule("contributions.is_public", contribution_is_public)
rules.add_rule("contributions.comment_is_public", comment_is_public)

rules.add_perm("contributions.add_contribution", is_active_citizen & phase_allows_submit)
rules.add_perm("contributions.add_facilitated_contribution", can_facilitate)
# Author-only actions: django-rules answers, never Django's superuser shortcut (core.permissions).
add_rule_only_perm(
    "contributions.change_contribution",
    contribution_is_editable
    & within_contribution_edit_window
    & not_edited_by_moderation
    & ((is_contribution_author & is_active_citizen & phase_allows_submit) | (entered_as_facilitator & can_facilitate)),
)
add_rule_only_perm(
    "contributions.withdraw_contribution",
    contribution_is_withdrawable & (is_contribution_author | (entered_as_facilitator & can_facilitate)),
)
rules.add_perm("contributions.view_contribution", can_view_contribution)
# Following: whoever is signed in and may read it (only public content is ever notified).
rules.add_perm("contributions.follow_contribution", rules.is_authenticated & can_view_contribution)
rules.add_perm("contributions.add_comment", is_active_citizen & contribution_open_for_comments & phase_allows_comment)
add_rule_only_perm(
    "contributions.change_comment",
    is_comment_author
    & is_active_citizen
    & comment_is_editable
    & within_comment_edit_window
    & not_edited_by_moderation
    & phase_allows_comment,
)
add_rule_only_perm("contributions.delete_comment", is_comment_author & comment_not_deleted)
# Whose words these are (the edit pages answer 403 to anybody else, a message to the author past the window).
add_rule_only_perm("contributions.own_contribution", is_contribution_author | (entered_as_facilitator & can_facilitate))
add_rule_only_perm("contributions.own_comment", is_comment_author)

"""Who may moderate, curate, answer, report and block. Services, views, templates and the API
all ask these same permissions (through check_perm, has_perm or api.permissions)."""

import rules

from consultazione.accounts.rules import is_moderator, is_not_blocked, is_staff_member, is_verified
from consultazione.core.permissions import add_rule_only_perm

from .items import item_contribution
from .scopes import moderator_scope


@rules.predicate
def item_in_scope(user, item) -> bool:
    """The contribution (or the comment's contribution) falls within the moderator's axes and zones."""
    if item is None:
        return False
    contribution = item_contribution(item)
    return moderator_scope(user).allows(axis_id=contribution.axis_id, zona_id=contribution.zona_id)


@rules.predicate
def is_own_content(user, item) -> bool:
    return item is not None and item.author_id is not None and item.author_id == user.pk


@rules.predicate
def is_self(user, other) -> bool:
    return other is not None and other.pk == user.pk


moderates_item = is_not_blocked & (is_staff_member | (is_moderator & item_in_scope))
staff_at_work = is_not_blocked & is_staff_member

rules.add_perm("moderation.view_queue", is_not_blocked & is_moderator)
rules.add_perm("moderation.decide", moderates_item)
rules.add_perm("moderation.dismiss_reports", moderates_item)
rules.add_perm("moderation.curate", moderates_item)
# Changing someone's words is never a superuser shortcut: staff or a moderator in scope, not on their own.
add_rule_only_perm("moderation.edit_for_netiquette", moderates_item & ~is_own_content)
rules.add_perm("moderation.record_outcome", staff_at_work)
rules.add_perm("moderation.block_user", staff_at_work & ~is_self)
rules.add_perm("moderation.report", rules.is_authenticated & is_verified & is_not_blocked & ~is_own_content)

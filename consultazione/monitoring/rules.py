import rules

from consultazione.accounts.rules import is_not_blocked, is_staff_member, is_steering_member

rules.add_perm("monitoring.change_tracking", is_staff_member)
rules.add_perm("monitoring.import_tracking", is_staff_member)
rules.add_perm("monitoring.view_steering", is_steering_member & is_not_blocked)
rules.add_perm("monitoring.comment_update", is_steering_member & is_not_blocked)

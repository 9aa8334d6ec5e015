"""Who may create and run live sessions: facilitators (and staff, who hold every facilitator right)."""

import rules

from consultazione.accounts.rules import is_facilitator, is_not_blocked

can_run = rules.is_authenticated & is_not_blocked & is_facilitator

rules.add_perm("live.add_livesession", can_run)
rules.add_perm("live.run_livesession", can_run)
rules.add_perm("live.view_livesession", can_run)

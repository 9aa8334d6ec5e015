"""Permissions of the reports app.

`reports.export_personal_data` is deliberately NOT granted by the staff role: it needs a
superuser or the Django permission given explicitly (to the person or to a group other than
the role groups, e.g. "Responsabili del trattamento"). The check goes through Django's
ModelBackend so that it reads real permission rows, never the role predicates.
"""

import rules
from django.contrib.auth.backends import ModelBackend

from consultazione.accounts.rules import is_staff_member

PERSONAL_DATA_PERM = "reports.export_personal_data"


@rules.predicate
def has_personal_data_grant(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or ModelBackend().has_perm(user, PERSONAL_DATA_PERM)


rules.add_perm("reports.view_dashboard", rules.always_allow)
rules.add_perm("reports.export_data", is_staff_member)
rules.add_perm(PERSONAL_DATA_PERM, is_staff_member & has_personal_data_grant)
rules.add_perm("reports.edit_report", is_staff_member)
rules.add_perm("reports.publish_report", is_staff_member)

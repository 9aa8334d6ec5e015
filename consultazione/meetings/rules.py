"""Who may do what with meetings.

Facilitators record what emerged at their own table and check people in at the door of a
meeting where they facilitate a table; everything about personal data (attendance list,
exports, imports) and the publication of the restituzione is for staff only.
"""

import rules

from consultazione.accounts.rules import is_facilitator, is_staff_member


def _meeting_of(obj):
    if obj is None:
        return None
    return getattr(obj, "meeting", obj)


@rules.predicate
def facilitates_table(user, table) -> bool:
    if table is None or not getattr(user, "is_authenticated", False):
        return False
    return getattr(table, "facilitator_id", None) == user.pk


@rules.predicate
def facilitates_meeting(user, obj) -> bool:
    meeting = _meeting_of(obj)
    if meeting is None or not getattr(user, "is_authenticated", False):
        return False
    return meeting.tables.filter(facilitator=user).exists()


rules.add_perm("meetings.add_meeting", is_staff_member)
rules.add_perm("meetings.change_meeting", is_staff_member)
rules.add_perm("meetings.delete_meeting", is_staff_member)
rules.add_perm("meetings.view_meeting", rules.always_allow)
for model in ("agendaitem", "meetingtable"):  # inlines of the meeting in the admin
    for verb in ("add", "change", "delete", "view"):
        rules.add_perm(f"meetings.{verb}_{model}", is_staff_member)
rules.add_perm("meetings.record_table_output", is_staff_member | (is_facilitator & facilitates_table))
rules.add_perm("meetings.check_in", is_staff_member | (is_facilitator & facilitates_meeting))
rules.add_perm("meetings.view_attendance", is_staff_member)
rules.add_perm("meetings.export_attendance", is_staff_member)
rules.add_perm("meetings.view_registrations", is_staff_member)
rules.add_perm("meetings.import_registrations", is_staff_member)
rules.add_perm("meetings.build_report", is_staff_member)
rules.add_perm("meetings.change_meetingreport", is_staff_member)
rules.add_perm("meetings.publish_report", is_staff_member)
rules.add_perm("meetings.manage_meeting", is_staff_member | (is_facilitator & facilitates_meeting))

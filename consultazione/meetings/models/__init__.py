"""Meetings: the event, its agenda and tables (meetings.py), who takes part (participation.py)
and what it produced (outputs.py)."""

from .meetings import AgendaItem, Meeting, MeetingFormat, MeetingKind, MeetingQuerySet, MeetingTable, RegistrationMode
from .outputs import MeetingReport, ReportStatus, TableContribution, TableOutput
from .participation import Attendance, AttendanceMethod, Registration, RegistrationSource, RegistrationStatus

__all__ = [
    "AgendaItem",
    "Attendance",
    "AttendanceMethod",
    "Meeting",
    "MeetingFormat",
    "MeetingKind",
    "MeetingQuerySet",
    "MeetingReport",
    "MeetingTable",
    "Registration",
    "RegistrationMode",
    "RegistrationSource",
    "RegistrationStatus",
    "ReportStatus",
    "TableContribution",
    "TableOutput",
]

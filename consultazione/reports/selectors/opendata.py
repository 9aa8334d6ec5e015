"""When the open data of a process were first published and last changed (DCAT dct:issued and
dct:modified), read from the data themselves rather than from the day of the request."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Min
from django.utils import timezone

from consultazione.meetings.models import Attendance, Meeting
from consultazione.process.models import Process

from .scope import Scope


@dataclass(frozen=True)
class DataDates:
    issued: date
    modified: date


def open_data_dates(*, process: Process) -> DataDates:
    """issued = the earliest publication (a public contribution published, a meeting created);
    modified = the latest change (a public contribution published, edited or given its outcome;
    a meeting changed; a presence recorded). A process with no data yet: the process's own dates."""
    contributions = (
        Scope(process=process)
        .contributions()
        .aggregate(first=Min("published_at"), published=Max("published_at"), changed=Max("updated_at"), outcome=Max("outcome_at"))
    )
    meetings = Meeting.objects.filter(process=process).aggregate(first=Min("created_at"), changed=Max("updated_at"))
    presence = Attendance.objects.filter(meeting__process=process).aggregate(changed=Max("checked_in_at"))
    firsts = [value for value in (contributions["first"], meetings["first"]) if value]
    changes = [contributions["published"], contributions["changed"], contributions["outcome"], meetings["changed"]]
    lasts = [value for value in [*changes, presence["changed"]] if value]
    issued = min(firsts, default=process.created_at)
    modified = max([*lasts, issued])
    return DataDates(issued=timezone.localdate(issued), modified=timezone.localdate(modified))

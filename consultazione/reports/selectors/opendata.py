"""When the open data of a process were first published and last changed (DCAT dct:issued and
dct:modified), read from the data themselves rather than from the day of the request."""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Min, Sum
from django.utils import timezone

from consultazione.meetings.models import Attendance, Meeting
from consultazione.plan.models import Action
from consultazione.process.models import Process
from consultazione.voting.models import Ballot

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


def open_data_fingerprint(*, process: Process) -> str:
    """A short digest of what the open-data package reads: it changes when a public contribution
    appears, goes, is edited, supported, commented or answered, when a meeting, a presence, a
    ballot or the plan changes (counts, sums and latest times, so that rows written with
    QuerySet.update() count too). A package built from another fingerprint is stale."""
    contributions = (
        Scope(process=process)
        .contributions()
        .aggregate(
            n=Count("id"),
            last=Max("id"),
            changed=Max("updated_at"),
            published=Max("published_at"),
            outcome=Max("outcome_at"),
            supports=Sum("support_count"),
            comments=Sum("comment_count"),
        )
    )
    meetings = Meeting.objects.filter(process=process).aggregate(n=Count("id"), changed=Max("updated_at"))
    presence = Attendance.objects.filter(meeting__process=process).aggregate(n=Count("id"), last=Max("id"))
    ballots = Ballot.objects.filter(exercise__process=process).aggregate(n=Count("id"), changed=Max("updated_at"))
    plan_ids = [pk for pk in (process.plan_produced_id, process.plan_revised_id) if pk]
    plan = Action.objects.filter(strategy__axis__plan_id__in=plan_ids).aggregate(n=Count("id"), last=Max("id"))
    parts = [contributions, meetings, presence, ballots, plan, {"process": process.updated_at}]
    text = repr([sorted((key, str(value)) for key, value in part.items()) for part in parts])
    return hashlib.sha256(text.encode()).hexdigest()[:32]

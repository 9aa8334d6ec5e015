from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from consultazione.core import pagecache

from .models import Phase, Process


def processes_with_phases() -> QuerySet[Process]:
    return Process.objects.select_related("plan_revised", "plan_produced").prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("position"))
    )


def active_phase(process: Process, *, on: date | None = None) -> Phase | None:
    """The phase explicitly forced active, else the one whose (actual or planned) dates include `on`.

    Uses the prefetched phases when present, so lists of processes cost no extra query.
    """
    on = on or timezone.localdate()
    phases = list(process.phases.all())
    forced = [phase for phase in phases if phase.force_active]
    if forced:
        return forced[0]
    for phase in sorted(phases, key=lambda p: p.position):
        if phase.start <= on <= phase.end:
            return phase
    return None


def phase_allows(process: Process | None, feature: str, *, on: date | None = None) -> bool:
    if process is None:
        return False
    phase = active_phase(process, on=on)
    return phase is not None and feature in phase.features


def process_current() -> Process | None:
    """The process with an active phase, else the most recent one (read once per change of a
    process or phase, and per day: a phase's planned dates decide which is active)."""
    return pagecache.memo("process_current", [pagecache.SITE], _process_current, timezone.localdate())


def _process_current() -> Process | None:
    processes = list(processes_with_phases())
    for process in processes:
        if active_phase(process):
            return process
    return processes[0] if processes else None


def working_plan_ids() -> set[int]:
    """The plans the processes are building (Process.working_plan): what a plenary prioritises."""
    processes = Process.objects.only("plan_produced_id", "plan_revised_id")
    return {process.working_plan_id for process in processes if process.working_plan_id}

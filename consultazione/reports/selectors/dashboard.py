"""All the figures of the public dashboard of a process, in a fixed number of queries."""

from dataclasses import dataclass

from django.utils import timezone, translation

from consultazione.core import pagecache
from consultazione.plan.models import Axis
from consultazione.process.models import Phase, Process
from consultazione.stakeholders.models import Category
from consultazione.territory.models import ZonaOmogenea

from ..conf import dashboard_cache_seconds
from .contributions import contribution_figures, outcome_figures, status_figures, territorial_figures, top_supported
from .figures import (
    ContributionFigures,
    MeetingFigures,
    OutcomeFigures,
    ParticipantFigures,
    PriorityResult,
    StatusFigures,
    SupportedContribution,
    TerritorialFigures,
)
from .participation import meeting_figures, participant_figures
from .priorities import priority_figures
from .scope import Reference, Scope


@dataclass
class Dashboard:
    process: str
    process_title: str
    axis: int | None
    zona: int | None
    phase: str | None
    category: str | None
    generated_at: str
    participants: ParticipantFigures
    contributions: ContributionFigures
    moderation_funnel: StatusFigures
    outcomes: OutcomeFigures
    top_supported: list[SupportedContribution]
    priorities: list[PriorityResult]
    meetings: MeetingFigures
    territory: TerritorialFigures


def dashboard(
    *,
    process: Process,
    axis: Axis | None = None,
    zona: ZonaOmogenea | None = None,
    phase: Phase | None = None,
    category: Category | None = None,
    ref: Reference | None = None,
) -> Dashboard:
    scope = Scope(process=process, axis=axis, zona=zona, phase=phase, category=category)
    ref = ref or Reference.load(process)
    return Dashboard(
        process=process.slug,
        process_title=process.title,
        axis=axis.code if axis else None,
        zona=zona.number if zona else None,
        phase=phase.kind if phase else None,
        category=category.code if category else None,
        generated_at=timezone.now().isoformat(timespec="seconds"),
        participants=participant_figures(scope, ref),
        contributions=contribution_figures(scope, ref),
        moderation_funnel=status_figures(scope),
        outcomes=outcome_figures(scope, ref),
        top_supported=top_supported(scope, ref),
        priorities=priority_figures(scope, ref),
        meetings=meeting_figures(scope, ref),
        territory=territorial_figures(scope, ref),
    )


# What the dashboard counts: a change in any of them gives it new figures (core/pagecache.py).
DASHBOARD_SCOPES = (pagecache.CONTRIBUTIONS, pagecache.MEETINGS, pagecache.VOTING, pagecache.REPORTS)


def dashboard_key(*, process: Process, axis=None, zona=None, phase=None, category=None) -> str:
    """The cache key of these figures: it changes when anything they count changes."""
    versions = "-".join(pagecache.versions_of(DASHBOARD_SCOPES)[scope] for scope in DASHBOARD_SCOPES)
    filters = ":".join(str(value.pk) if value is not None else "-" for value in (axis, zona, phase, category))
    # the figures carry translated labels (kinds, phases, meeting types): one entry per language
    return f"reports:dashboard:{process.pk}:{filters}:{translation.get_language()}:{versions}"


def cached_dashboard(
    *,
    process: Process,
    axis: Axis | None = None,
    zona: ZonaOmogenea | None = None,
    phase: Phase | None = None,
    category: Category | None = None,
) -> Dashboard:
    """The dashboard, cached until what it counts changes (the page cache's scope versions are in
    the key; REPORTS_DASHBOARD_CACHE_SECONDS bounds it): the page and the API show the same numbers."""
    key = dashboard_key(process=process, axis=axis, zona=zona, phase=phase, category=category)
    return pagecache.kept(
        key, lambda: dashboard(process=process, axis=axis, zona=zona, phase=phase, category=category), dashboard_cache_seconds()
    )

"""All the figures of the public dashboard of a process, in a fixed number of queries."""

import time
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone, translation

from consultazione.core import pagecache
from consultazione.plan.models import Axis
from consultazione.process.models import Phase, Process
from consultazione.stakeholders.models import Category
from consultazione.territory.models import ZonaOmogenea

from ..conf import dashboard_cache_seconds
from .contributions import (
    contribution_figures,
    contributions_by_zone,
    outcome_figures,
    status_figures,
    territorial_figures,
    top_supported,
)
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
from .participation import meeting_figures, organisation_figures, participant_figures, people_before, people_since
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


def _about(process, axis, zona, phase, category) -> dict:
    """What the figures are of, and when they were counted."""
    return {
        "process": process.slug,
        "process_title": process.title,
        "axis": axis.code if axis else None,
        "zona": zona.number if zona else None,
        "phase": phase.kind if phase else None,
        "category": category.code if category else None,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
    }


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
        **_about(process, axis, zona, phase, category),
        participants=participant_figures(scope, ref),
        contributions=contribution_figures(scope, ref),
        moderation_funnel=status_figures(scope),
        outcomes=outcome_figures(scope, ref),
        top_supported=top_supported(scope, ref),
        priorities=priority_figures(scope, ref),
        meetings=meeting_figures(scope, ref),
        territory=territorial_figures(scope, ref),
    )


# What the dashboard counts: a change in any of them gives the page new figures (core/pagecache.py).
DASHBOARD_SCOPES = (pagecache.CONTRIBUTIONS, pagecache.MEETINGS, pagecache.VOTING, pagecache.REPORTS)

# What moves each part of the figures. A new support or comment moves `CONTRIBUTIONS` only: the
# next dashboard reads the most supported again and the people of the last minutes, and keeps the
# rest — the figures over every contribution, and the people before those minutes — until the
# contributions themselves (`CONTRIBUTIONS_BASE`: a publish, a hide, a re-tag, an outcome, a
# removed support...), the exercises or the meetings change.
_BASE = (pagecache.SITE, pagecache.CONTRIBUTIONS_BASE)
PARTS = {
    "contributions": _BASE,  # by kind, axis, zone, phase, channel, outcome; the moderation funnel
    "voting": (*_BASE, pagecache.VOTING),  # priorities (their items name contributions), ballots by zone
    "organisations": (*_BASE, pagecache.VOTING, pagecache.MEETINGS),
    "meetings": (pagecache.SITE, pagecache.MEETINGS),
    "people": (*_BASE, pagecache.VOTING),  # but for the supports and comments of the last minutes
    "supported": (pagecache.SITE, pagecache.CONTRIBUTIONS),
}
_ALL_SCOPES = tuple(dict.fromkeys(scope for scopes in PARTS.values() for scope in scopes))

# The people count: those before a moment, kept (one UNION over four tables), plus those of the
# supports and comments given since, read by date at each new version. The moment is a minute
# before the kept part is computed (a transaction slower than that to commit its new support would
# otherwise be missed) and moves every `PEOPLE_KEPT_SECONDS` (so the rows read by date stay few).
PEOPLE_MARGIN = timedelta(seconds=60)
PEOPLE_KEPT_SECONDS = 120


def _filters(axis, zona, phase, category) -> str:
    return ":".join(str(value.pk) if value is not None else "-" for value in (axis, zona, phase, category))


# What a new support or comment cannot move: the sections of the page that do not show the people
# or the most supported are rendered once per version of these (reports/views/dashboard.py).
_STABLE_SCOPES = tuple(scope for scope in _ALL_SCOPES if scope != pagecache.CONTRIBUTIONS)


def dashboard_key(*, process: Process, axis=None, zona=None, phase=None, category=None, stable: bool = False) -> str:
    """The cache key of these figures: it changes when anything they count changes (`stable`: when
    anything changes but a new support or comment — for what does not show them)."""
    scopes = _STABLE_SCOPES if stable else _ALL_SCOPES
    versions = pagecache.versions_of(scopes)
    # the figures carry translated labels (kinds, phases, meeting types): one entry per language
    parts = [str(process.pk), _filters(axis, zona, phase, category), translation.get_language(), *map(versions.get, scopes)]
    if stable:  # and the meetings held or upcoming, as their part (`_assembled`)
        parts += ["stable", str(_meetings_period())]
    return "reports:dashboard:" + ":".join(parts)


def _meetings_period() -> int:
    """A meeting that ends moves no version: the meetings' figures are counted again at least once
    per REPORTS_DASHBOARD_CACHE_SECONDS."""
    return int(time.time() // dashboard_cache_seconds())


def _people_online(scope: Scope, filters: str) -> int:
    def kept_part():  # as a sorted array of ids: 8 bytes a person in this worker's memory
        moment = timezone.now() - PEOPLE_MARGIN
        return moment, array("q", sorted(people_before(scope, moment)))

    period = int(time.time() // PEOPLE_KEPT_SECONDS)
    moment, before = pagecache.local_memo("reports-people", PARTS["people"], kept_part, scope.process.pk, filters, period)
    return len(before) + sum(1 for pk in people_since(scope, moment) if not _holds(before, pk))


def _holds(ids: array, pk: int) -> bool:
    at = bisect_left(ids, pk)
    return at < len(ids) and ids[at] == pk


def _assembled(*, process: Process, axis=None, zona=None, phase=None, category=None) -> Dashboard:
    """`dashboard()`, each part read from the cache unless what moves it changed (`PARTS`)."""
    scope = Scope(process=process, axis=axis, zona=zona, phase=phase, category=category)
    filters = _filters(axis, zona, phase, category)
    language = translation.get_language()
    ref = pagecache.local_memo("reports-reference", [pagecache.SITE], lambda: Reference.load(process), process.pk)

    def part(name: str, compute, *key):
        return pagecache.memo(f"reports-{name}", PARTS[name], compute, process.pk, filters, language, *key)

    def counted_contributions():  # one grouped query for the four
        return contribution_figures(scope, ref), status_figures(scope), outcome_figures(scope, ref), contributions_by_zone(scope)

    contributions, funnel, outcomes, by_zone = part("contributions", counted_contributions)
    priorities, territory = part(
        "voting", lambda: (priority_figures(scope, ref), territorial_figures(scope, ref, by_zone=by_zone))
    )
    return Dashboard(
        **_about(process, axis, zona, phase, category),
        participants=ParticipantFigures(
            people_online=_people_online(scope, filters),
            **part("organisations", lambda: organisation_figures(scope, ref)),
        ),
        contributions=contributions,
        moderation_funnel=funnel,
        outcomes=outcomes,
        top_supported=part("supported", lambda: top_supported(scope, ref)),
        priorities=priorities,
        meetings=part("meetings", lambda: meeting_figures(scope, ref), _meetings_period()),  # held or upcoming
        territory=territory,
    )


def cached_dashboard(
    *,
    process: Process,
    axis: Axis | None = None,
    zona: ZonaOmogenea | None = None,
    phase: Phase | None = None,
    category: Category | None = None,
) -> Dashboard:
    """The dashboard, cached until what it counts changes (the scopes' versions are in the key;
    REPORTS_DASHBOARD_CACHE_SECONDS bounds it, for the meetings that end): the page and the API show
    the same numbers. After a change, only the parts it moves are counted again (`PARTS`)."""
    key = dashboard_key(process=process, axis=axis, zona=zona, phase=phase, category=category)
    return pagecache.kept(
        key, lambda: _assembled(process=process, axis=axis, zona=zona, phase=phase, category=category), dashboard_cache_seconds()
    )

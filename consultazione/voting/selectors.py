"""Reads of the voting app: lists, a person's supports and ballots, rankings and results.

Rankings and results are aggregate queries (values + Sum/Count) grouped by item and segment;
Python only rolls up those few grouped rows, never the ballots themselves.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import rules
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.accounts.rules import is_staff_member
from consultazione.core import pagecache
from consultazione.process.models import Phase
from consultazione.stakeholders.models import Category
from consultazione.territory.models import ZonaOmogenea

from .models import Allocation, Ballot, ExerciseItem, ExerciseStatus, PriorityExercise, Support


@dataclass(frozen=True)
class RankedItem:
    """One item of an exercise in the ranking, best first (`rank` 1 = top, ties share a rank)."""

    label: str
    score: int
    strategy_id: int | None
    contribution_id: int | None
    item_id: int = 0
    rank: int = 0
    code: str = ""
    title: str = ""
    voters: int = 0


# A zone's or a category's points are published only when at least this many ballots make them:
# with fewer, one person's choice could be read (issue 16 item 9g; docs/security.md).
MIN_BALLOTS_PER_CELL = 5


@dataclass(frozen=True)
class Segment:
    """One column of a breakdown. `hidden`: fewer than MIN_BALLOTS_PER_CELL ballots (or hidden
    so that it cannot be worked out from the others): no participants, no scores."""

    key: str
    label: str
    participants: int | None
    scores: dict[int, int]
    hidden: bool = False


@dataclass
class Breakdown:
    key: str
    title: str
    segments: list[Segment]
    items: list[RankedItem] = field(repr=False)

    @property
    def rows(self) -> list[tuple[RankedItem, list[int | None]]]:
        return [(item, [segment_score(segment, item) for segment in self.segments]) for item in self.items]

    @property
    def visible_segments(self) -> list[Segment]:
        return [segment for segment in self.segments if not segment.hidden]


def segment_score(segment: Segment, item: RankedItem) -> int | None:
    """The points of `item` in `segment`; None when the segment is hidden."""
    return None if segment.hidden else segment.scores.get(item.item_id, 0)


def small_cells(counts: dict, groups: dict | None = None) -> set:
    """Keys of the cells to hide: those with fewer than MIN_BALLOTS_PER_CELL ballots, and then, in
    each group (the whole breakdown, or the zones of one macro-area), the smallest other cells
    until the hidden ones add up to at least MIN_BALLOTS_PER_CELL — else the group's total minus
    the visible cells would give the hidden one back."""
    hidden = {key for key, n in counts.items() if 0 < n < MIN_BALLOTS_PER_CELL}
    by_group: dict = defaultdict(list)
    for key, n in counts.items():
        if n:
            by_group[(groups or {}).get(key)].append(key)
    for keys in by_group.values():
        hidden_here = [key for key in keys if key in hidden]
        if not hidden_here:
            continue
        visible = sorted((key for key in keys if key not in hidden), key=lambda key: counts[key])
        while visible and sum(counts[key] for key in hidden_here) < MIN_BALLOTS_PER_CELL:
            extra = visible.pop(0)
            hidden.add(extra)
            hidden_here.append(extra)
    return hidden


@dataclass
class ExerciseResults:
    exercise: PriorityExercise
    items: list[RankedItem]
    participants: int
    breakdowns: list[Breakdown]


# --- supports ---------------------------------------------------------------------------------


def user_has_supported(user, contribution) -> bool:
    """Whether the person supports the contribution, read once per version of their own state,
    the contribution's and the site's (a support moves the first two — voting/apps.py and the
    support services; a merge moves supports and both contributions; a block, the site)."""
    if not getattr(user, "is_authenticated", False):
        return False

    def read():
        return Support.objects.filter(user=user, contribution=contribution).exists()

    return pagecache.person_memo("supported", user.pk, [pagecache.contribution(contribution.reference)], read, contribution.pk)


def supported_ids(user, contribution_ids) -> set[int]:
    """Which of these contributions the person supports (one query, for lists)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Support.objects.filter(user=user, contribution_id__in=contribution_ids).values_list("contribution_id", flat=True))


def supports_of(user) -> QuerySet[Support]:
    return Support.objects.filter(user=user).select_related("contribution").order_by("-created_at")


# --- exercises --------------------------------------------------------------------------------


def _items_queryset() -> QuerySet[ExerciseItem]:
    return ExerciseItem.objects.select_related("strategy", "contribution").order_by("position", "id")


def _count_of(model, **lookup):
    """A correlated COUNT subquery (no join fan-out when several counts sit on one row)."""
    rows = model.objects.filter(**{key: OuterRef(value) for key, value in lookup.items()})
    return Coalesce(Subquery(rows.order_by().values(*lookup).annotate(n=Count("pk")).values("n")), 0)


def exercises_for(user) -> QuerySet[PriorityExercise]:
    """Exercises the person may see (drafts only for staff), open ones first, with participants."""
    qs = (
        PriorityExercise.objects.select_related("process", "zona", "macro_area", "axis")
        .prefetch_related(Prefetch("process__phases", queryset=Phase.objects.order_by("position")))
        .annotate(participants=_count_of(Ballot, exercise="pk"), items_count=_count_of(ExerciseItem, exercise="pk"))
    )
    if not is_staff_member(user):
        qs = qs.exclude(status=ExerciseStatus.DRAFT)
    still_open = Q(status=ExerciseStatus.OPEN) & (Q(closes_at__isnull=True) | Q(closes_at__gt=timezone.now()))
    open_first = Case(When(still_open, then=Value(1)), default=Value(0), output_field=IntegerField())
    return qs.annotate(open_first=open_first).order_by("-open_first", "-created_at")


def with_ballot_state(exercises):
    """Each exercise with `takes_ballots` (the rule `voting.exercise_takes_ballots`) and, when it is
    marked open but the phase has moved on, `phase_closed`, for the pages to say so."""
    exercises = list(exercises)
    for exercise in exercises:
        exercise.takes_ballots = rules.test_rule("voting.exercise_takes_ballots", None, exercise)
        exercise.phase_closed = exercise.is_open and not exercise.takes_ballots
    return exercises


def exercise_with_items(pk: int) -> PriorityExercise:
    return (
        PriorityExercise.objects.select_related("process", "phase", "zona", "macro_area", "axis")
        .prefetch_related(Prefetch("items", queryset=_items_queryset()), "process__phases")
        .annotate(participants=_count_of(Ballot, exercise="pk"))
        .get(pk=pk)
    )


def ballot_of(user, exercise: PriorityExercise) -> Ballot | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Ballot.objects.filter(user=user, exercise=exercise)
        .select_related("zona", "comune", "organisation")
        .prefetch_related(
            Prefetch(
                "allocations",
                queryset=Allocation.objects.select_related("item__strategy", "item__contribution").order_by(
                    "rank", "-points", "item_id"
                ),
            )
        )
        .first()
    )


def last_declared_place(user) -> Ballot | None:
    """The person's most recent ballot anywhere, to prefill their zone and comune."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Ballot.objects.filter(user=user).select_related("zona", "comune").order_by("-updated_at").first()


def ballots_of(user) -> QuerySet[Ballot]:
    return (
        Ballot.objects.filter(user=user)
        .select_related("exercise", "zona", "comune", "organisation")
        .prefetch_related(
            Prefetch("allocations", queryset=Allocation.objects.select_related("item__strategy", "item__contribution"))
        )
        .order_by("-updated_at")
    )


# --- ranking and results ----------------------------------------------------------------------


def _rank(items: list[ExerciseItem], scores: dict[int, int], voters: dict[int, int]) -> list[RankedItem]:
    ordered = sorted(items, key=lambda item: (-scores.get(item.pk, 0), item.position, item.pk))
    ranked = []
    for index, item in enumerate(ordered):
        score = scores.get(item.pk, 0)
        rank = ranked[-1].rank if ranked and ranked[-1].score == score else index + 1
        ranked.append(
            RankedItem(
                label=item.label,
                score=score,
                strategy_id=item.strategy_id,
                contribution_id=item.contribution_id,
                item_id=item.pk,
                rank=rank,
                code=item.code,
                title=item.title,
                voters=voters.get(item.pk, 0),
            )
        )
    return ranked


def exercise_ranking(exercise: PriorityExercise) -> list[RankedItem]:
    """All items with their total score, best first (two queries whatever the number of ballots)."""
    items = list(ExerciseItem.objects.filter(exercise=exercise).select_related("strategy", "contribution"))
    totals = (
        Allocation.objects.filter(exercise=exercise).values("item_id").annotate(score=Sum("points"), voters=Count("*")).order_by()
    )
    scores, voters = {}, {}
    for row in totals:
        scores[row["item_id"]] = row["score"]
        voters[row["item_id"]] = row["voters"]
    return _rank(items, scores, voters)


def exercise_results(exercise: PriorityExercise) -> ExerciseResults:
    """Ranking plus breakdowns by zone, macro-area and stakeholder category (five queries)."""
    items = list(ExerciseItem.objects.filter(exercise=exercise).select_related("strategy", "contribution"))
    cells = (
        Allocation.objects.filter(exercise=exercise)
        .values("item_id", "zona_id", "category_id")
        .annotate(score=Sum("points"), voters=Count("*"))
        .order_by()
    )
    people = Ballot.objects.filter(exercise=exercise).values("zona_id", "category_id").annotate(n=Count("id")).order_by()
    zones = {zone.pk: zone for zone in ZonaOmogenea.objects.select_related("macro_area")}
    categories = {category.pk: category for category in Category.objects.all()}

    totals: dict[int, int] = defaultdict(int)
    voters: dict[int, int] = defaultdict(int)
    by_dimension: dict[str, dict[object, dict[int, int]]] = {"zone": {}, "macro": {}, "category": {}}
    participants_by: dict[str, dict[object, int]] = {
        "zone": defaultdict(int),
        "macro": defaultdict(int),
        "category": defaultdict(int),
    }

    def keys(zona_id, category_id) -> dict[str, object]:
        macro = zones[zona_id].macro_area_id if zona_id in zones else None
        return {"zone": zona_id, "macro": macro, "category": category_id}

    for row in cells:
        item_id = row["item_id"]
        totals[item_id] += row["score"]
        voters[item_id] += row["voters"]
        for dimension, key in keys(row["zona_id"], row["category_id"]).items():
            bucket = by_dimension[dimension].setdefault(key, defaultdict(int))
            bucket[item_id] += row["score"]
    participants = 0
    for row in people:
        participants += row["n"]
        for dimension, key in keys(row["zona_id"], row["category_id"]).items():
            participants_by[dimension][key] += row["n"]

    ranked = _rank(items, totals, voters)
    macro_of = {pk: zone.macro_area_id for pk, zone in zones.items()}
    return ExerciseResults(
        exercise=exercise,
        items=ranked,
        participants=participants,
        breakdowns=[
            # zones are hidden within their macro-area: the macro-area's column minus the visible zones
            # must not give a hidden zone back
            _breakdown(
                "zone", _("Per zona omogenea"), ranked, by_dimension, participants_by, _zone_labels(zones), groups=macro_of
            ),
            _breakdown("macro", _("Per macro-area"), ranked, by_dimension, participants_by, _macro_labels(zones)),
            _breakdown(
                "category",
                _("Per categoria di partecipanti"),
                ranked,
                by_dimension,
                participants_by,
                _category_labels(categories),
            ),
        ],
    )


def _zone_labels(zones) -> list[tuple[object, str]]:
    return [(zone.pk, str(zone)) for zone in sorted(zones.values(), key=lambda z: z.number)]


def _macro_labels(zones) -> list[tuple[object, str]]:
    macros = {zone.macro_area.pk: zone.macro_area for zone in zones.values() if zone.macro_area_id}
    return [(macro.pk, str(macro)) for macro in sorted(macros.values(), key=lambda m: m.code)] + [
        (None, _("Zona senza macro-area"))
    ]


def _category_labels(categories) -> list[tuple[object, str]]:
    ordered = sorted(categories.values(), key=lambda c: (c.position, c.code))
    return [(None, _("Cittadine e cittadini"))] + [(c.pk, _("Rappresentanti: %(c)s") % {"c": c.label}) for c in ordered]


def _breakdown(key, title, ranked, by_dimension, participants_by, labels, *, groups=None) -> Breakdown:
    hidden = small_cells(dict(participants_by[key]), groups)
    segments = [
        Segment(key=str(segment_key), label=label, participants=None, scores={}, hidden=True)
        if segment_key in hidden
        else Segment(
            key=str(segment_key),
            label=label,
            participants=participants_by[key][segment_key],
            scores=dict(by_dimension[key].get(segment_key, {})),
        )
        for segment_key, label in labels
        if participants_by[key].get(segment_key)
    ]
    return Breakdown(key=key, title=title, segments=segments, items=ranked)

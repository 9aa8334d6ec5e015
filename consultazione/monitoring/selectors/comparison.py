"""Comparison of two plans: which strategies were carried over, merged, split, dropped or are new,
and the criticità on the previous plan that motivated the change.

Staff's StrategyLineage rows win; the remaining strategies are matched automatically by code and
title similarity (Dice coefficient on word stems), greedily from the best pair down.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q

from consultazione.contributions.models import Contribution, ContributionKind
from consultazione.plan.models import Plan, Strategy

from ..models import LineageRelation, StrategyLineage

# Italian function words that say nothing about a strategy's subject.
STOPWORDS = frozenset(
    (  # noqa: SIM905 - one readable line per group of words
        "a ad al alla alle agli ai all con da dal dalla dalle dai dagli de del della delle dei degli dell di e ed "
        "gli i il in l la le lo nel nella nelle nei negli nell per su sul sulla sulle sui tra fra un una uno che "
        "come più sua suo sue suoi loro anche"
    ).split()
)
STEM_LENGTH = 6
MATCH_THRESHOLD = 0.5  # similarity needed to call two differently numbered strategies the same
SAME_CODE_THRESHOLD = 0.3  # lower bar when the code is also the same
SAME_CODE_BONUS = 0.2


def stems(title: str) -> frozenset[str]:
    words = re.findall(r"[^\W\d_]+|\d+", title.lower())
    return frozenset(word[:STEM_LENGTH] for word in words if word not in STOPWORDS and len(word) > 2)


def title_similarity(first: str, second: str) -> float:
    a, b = stems(first), stems(second)
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass
class LineageRow:
    relation: str
    previous: Strategy | None
    next: Strategy | None
    manual: bool
    similarity: float | None = None
    note: str = ""
    criticita: list[Contribution] = field(default_factory=list)

    @property
    def relation_label(self) -> str:
        return LineageRelation(self.relation).label


@dataclass
class PlanComparison:
    previous: Plan
    next: Plan
    rows: list[LineageRow]
    loaded_previous: int = 0
    loaded_next: int = 0

    def by_relation(self) -> list[tuple[str, str, list[LineageRow]]]:
        """(relation, label, rows) in a fixed reading order, skipping empty groups."""
        groups = []
        for relation in LineageRelation:
            rows = [row for row in self.rows if row.relation == relation]
            if rows:
                groups.append((relation.value, relation.label, rows))
        return groups

    @property
    def counts(self) -> dict[str, int]:
        return {relation.value: sum(1 for row in self.rows if row.relation == relation) for relation in LineageRelation}

    @property
    def partial_plans(self) -> list[tuple[Plan, int, int]]:
        """Plans with fewer strategies loaded than officially counted: (plan, loaded, official)."""
        result = []
        for plan, loaded in ((self.previous, self.loaded_previous), (self.next, self.loaded_next)):
            official = (plan.official_counts or {}).get("strategies")
            if official and loaded < official:
                result.append((plan, loaded, official))
        return result


def _automatic_matches(previous: list[Strategy], following: list[Strategy]) -> list[tuple[Strategy, Strategy, float]]:
    candidates = []
    for old in previous:
        for new in following:
            similarity = title_similarity(old.title, new.title)
            same_code = old.code == new.code
            if similarity >= MATCH_THRESHOLD or (same_code and similarity >= SAME_CODE_THRESHOLD):
                candidates.append((similarity + (SAME_CODE_BONUS if same_code else 0), old, new, similarity))
    candidates.sort(key=lambda item: (-item[0], item[1].code, item[2].code))
    used_old: set[int] = set()
    used_new: set[int] = set()
    matches = []
    for _score, old, new, similarity in candidates:
        if old.pk in used_old or new.pk in used_new:
            continue
        used_old.add(old.pk)
        used_new.add(new.pk)
        matches.append((old, new, round(similarity, 2)))
    return matches


def _criticita_by_strategy(previous: Plan) -> dict[int, list[Contribution]]:
    contributions = (
        Contribution.objects.public()
        .filter(kind=ContributionKind.CRITICITA)
        .filter(Q(strategy__axis__plan=previous) | Q(action__strategy__axis__plan=previous))
        .select_related("action", "organisation")
        .order_by("-support_count", "-created_at")
    )
    grouped: dict[int, list[Contribution]] = {}
    for contribution in contributions:
        strategy_id = contribution.strategy_id or contribution.action.strategy_id
        grouped.setdefault(strategy_id, []).append(contribution)
    return grouped


def plan_comparison(*, previous: Plan, following: Plan) -> PlanComparison:
    previous_strategies = list(Strategy.objects.filter(axis__plan=previous).select_related("axis").order_by("axis__code", "code"))
    next_strategies = list(Strategy.objects.filter(axis__plan=following).select_related("axis").order_by("axis__code", "code"))
    previous_ids = {strategy.pk for strategy in previous_strategies}
    next_ids = {strategy.pk for strategy in next_strategies}
    manual = StrategyLineage.objects.filter(
        Q(previous_strategy__in=previous_ids, next_strategy__isnull=True)
        | Q(previous_strategy__isnull=True, next_strategy__in=next_ids)
        | Q(previous_strategy__in=previous_ids, next_strategy__in=next_ids)
    ).select_related("previous_strategy__axis", "next_strategy__axis")
    rows = [LineageRow(item.relation, item.previous_strategy, item.next_strategy, manual=True, note=item.note) for item in manual]
    decided_previous = {row.previous.pk for row in rows if row.previous}
    decided_next = {row.next.pk for row in rows if row.next}
    open_previous = [s for s in previous_strategies if s.pk not in decided_previous]
    open_next = [s for s in next_strategies if s.pk not in decided_next]
    for old, new, similarity in _automatic_matches(open_previous, open_next):
        rows.append(LineageRow(LineageRelation.CARRIED_OVER, old, new, manual=False, similarity=similarity))
        decided_previous.add(old.pk)
        decided_next.add(new.pk)
    rows += [LineageRow(LineageRelation.DROPPED, s, None, manual=False) for s in open_previous if s.pk not in decided_previous]
    rows += [LineageRow(LineageRelation.NEW, None, s, manual=False) for s in open_next if s.pk not in decided_next]
    criticita = _criticita_by_strategy(previous)
    for row in rows:
        if row.previous:
            row.criticita = criticita.get(row.previous.pk, [])
    rows.sort(key=lambda row: (row.previous or row.next).axis.code * 1000 + _code_rank(row))
    return PlanComparison(previous, following, rows, len(previous_strategies), len(next_strategies))


def _code_rank(row: LineageRow) -> int:
    strategy = row.previous or row.next
    return int(strategy.code.split(".")[1])

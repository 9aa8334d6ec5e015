"""Options generated from the consultation: the most supported contributions (of an axis and/or a
zone), the strategies (or actions) of an axis, the ranking of a priority exercise.

One place for the web form (with its preview) and the API: `options_from_source(SourceRequest)`.
Each option keeps its link (contribution or strategy) and a `reference` to tell equal titles
apart (`options_deduplicated`).
"""

from collections import Counter
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultazione.contributions.models import Contribution
from consultazione.core.exceptions import InvalidInput
from consultazione.plan.models import Action, Strategy
from consultazione.voting.selectors import exercise_ranking

from .questions import LABEL_LENGTH, MIN_OPTIONS, OptionSpec, normalised_label, shortened_label

SOURCE_LIMIT = 20


class Source:
    CONTRIBUTIONS = "contributions"
    AXIS = "axis"
    EXERCISE = "exercise"
    ALL = (CONTRIBUTIONS, AXIS, EXERCISE)


class AxisLevel:
    AUTO = ""
    STRATEGIES = "strategies"
    ACTIONS = "actions"
    ALL = (AUTO, STRATEGIES, ACTIONS)


class Dedupe:
    SUFFIX = "suffix"
    MERGE = "merge"
    ALL = (SUFFIX, MERGE)


@dataclass(frozen=True)
class SourceRequest:
    """What to generate from; model instances (axis, zona, exercise) are already looked up."""

    source: str
    limit: int = 5
    axis: object = None
    zona: object = None
    exercise: object = None
    level: str = AxisLevel.AUTO


@dataclass(frozen=True)
class SourceOptions:
    options: tuple[OptionSpec, ...]
    note: str = ""  # how the options were chosen when it is not obvious (an axis's actions)

    @property
    def enough(self) -> bool:
        return len(self.options) >= MIN_OPTIONS

    @property
    def too_few_message(self) -> str:
        n = len(self.options)
        return ngettext(
            "Questa fonte ha %(n)d voce: per una domanda ne servono almeno %(min)d.",
            "Questa fonte ha %(n)d voci: per una domanda ne servono almeno %(min)d.",
            n,
        ) % {"n": n, "min": MIN_OPTIONS}

    @property
    def duplicates(self) -> set[str]:
        return duplicate_labels(self.options)


def duplicate_labels(options) -> set[str]:
    """The labels (as compared: spaces collapsed, case folded) that more than one option has."""
    counts = Counter(normalised_label(option.label).casefold() for option in options)
    return {label for label, n in counts.items() if n > 1}


def options_deduplicated(options, *, how: str) -> tuple[OptionSpec, ...]:
    """Equal titles made different: `suffix` adds each one's reference (or its number among the
    equal ones), `merge` keeps the first of each (its link too) and drops the others."""
    if how not in Dedupe.ALL:
        raise InvalidInput(_("Modo di distinguere i titoli uguali sconosciuto."), code="dedupe")
    repeated = duplicate_labels(options)
    kept, seen = [], Counter()
    for option in options:
        key = normalised_label(option.label).casefold()
        seen[key] += 1
        if key not in repeated:
            kept.append(option)
        elif how == Dedupe.MERGE:
            if seen[key] == 1:
                kept.append(option)
        else:
            suffix = f" ({option.reference or seen[key]})"
            base = normalised_label(option.label)[: LABEL_LENGTH - len(suffix)]
            kept.append(replace(option, label=base + suffix))
    return tuple(kept)


def _option(label: str, reference: str = "", **links) -> OptionSpec:
    return OptionSpec(label=shortened_label(label), reference=reference or "", **links)


def options_from_contributions(*, limit: int, axis=None, zona=None) -> SourceOptions:
    """The most supported public contributions (optionally of one axis and/or one zone)."""
    contributions = Contribution.objects.public()
    if axis is not None:
        contributions = contributions.for_axis(axis)
    if zona is not None:
        contributions = contributions.filter(zona=zona)
    top = contributions.order_by("-support_count", "-published_at", "-id").values("id", "title", "reference")[:limit]
    return SourceOptions(tuple(_option(row["title"], row["reference"], contribution_id=row["id"]) for row in top))


def options_from_axis(axis, *, level: str = AxisLevel.AUTO) -> SourceOptions:
    """The strategies of an axis; its actions when asked, or when the axis has fewer than two
    strategies (the seeded plan has one per axis: a plenary then prioritises its actions)."""
    strategies = list(Strategy.objects.filter(axis=axis).order_by("code").values("id", "code", "title"))
    if level == AxisLevel.STRATEGIES or (level == AxisLevel.AUTO and len(strategies) >= MIN_OPTIONS):
        return SourceOptions(
            tuple(_option(f"{row['code']} {row['title']}", row["code"], strategy_id=row["id"]) for row in strategies)
        )
    actions = Action.objects.filter(strategy__axis=axis).order_by("strategy__code", "code").values("strategy_id", "code", "title")
    options = tuple(_option(f"{row['code']} {row['title']}", row["code"], strategy_id=row["strategy_id"]) for row in actions)
    note = ""
    if level == AxisLevel.AUTO and options:
        note = ngettext(
            "L'asse ha %(n)d strategia: le opzioni sono le azioni delle sue strategie.",
            "L'asse ha %(n)d strategie: le opzioni sono le azioni delle sue strategie.",
            len(strategies),
        ) % {"n": len(strategies)}
    return SourceOptions(options, note=note)


def options_from_exercise(exercise, *, limit: int) -> SourceOptions:
    """The current ranking of a priority exercise (voting app), best first; a contribution no
    longer public (hidden by moderation) is left out: the projector must not show it."""
    ranking = exercise_ranking(exercise)
    hidden = set(
        Contribution.objects.filter(pk__in=[item.contribution_id for item in ranking if item.contribution_id])
        .exclude(pk__in=Contribution.objects.readable_by_anyone().values("pk"))
        .values_list("pk", flat=True)
    )
    items = [item for item in ranking if item.contribution_id not in hidden][:limit]
    note = ngettext(
        "%(n)d voce dell'esercizio non è più pubblica ed è esclusa.",
        "%(n)d voci dell'esercizio non sono più pubbliche e sono escluse.",
        len(hidden),
    ) % {"n": len(hidden)}
    return SourceOptions(
        tuple(
            _option(item.label, item.code, strategy_id=item.strategy_id, contribution_id=item.contribution_id) for item in items
        ),
        note=note if hidden else "",
    )


def options_from_source(request: SourceRequest) -> SourceOptions:
    """The options of one source, for the preview (web) and the API; bad parameters → InvalidInput."""
    if not 1 <= request.limit <= SOURCE_LIMIT:
        raise InvalidInput(_("Puoi prendere da 1 a %(n)d voci.") % {"n": SOURCE_LIMIT}, code="limit")
    if request.source == Source.CONTRIBUTIONS:
        return options_from_contributions(limit=request.limit, axis=request.axis, zona=request.zona)
    if request.source == Source.AXIS:
        if request.axis is None:
            raise InvalidInput(_("Scegli un asse."), code="axis")
        if request.level not in AxisLevel.ALL:
            raise InvalidInput(_("Livello sconosciuto: strategie o azioni."), code="level")
        return options_from_axis(request.axis, level=request.level)
    if request.source == Source.EXERCISE:
        if request.exercise is None:
            raise InvalidInput(_("Scegli un esercizio di priorità."), code="exercise")
        return options_from_exercise(request.exercise, limit=request.limit)
    raise InvalidInput(_("Fonte sconosciuta."), code="source")

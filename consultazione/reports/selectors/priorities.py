"""Results of the priority exercises, as the voting app defines them (points summed per item)."""

from collections import defaultdict

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from consultazione.voting.models import Allocation, ExerciseItem, ExerciseStatus, PriorityExercise, ResultsVisibility
from consultazione.voting.selectors import MIN_BALLOTS_PER_CELL

from .figures import PriorityItem, PriorityResult
from .registry import statistic
from .scope import Reference, Scope


def _visible_exercises(scope: Scope) -> list[PriorityExercise]:
    qs = PriorityExercise.objects.filter(process=scope.process).exclude(status=ExerciseStatus.DRAFT).order_by("created_at", "id")
    if scope.axis is not None:
        qs = qs.filter(axis=scope.axis)
    if scope.phase is not None:
        qs = qs.filter(phase=scope.phase)
    return [e for e in qs if e.results_visibility == ResultsVisibility.LIVE or e.is_closed]


@statistic(
    "priorities",
    _("Risultati degli esercizi di priorità"),
    _(
        "Priorità: per ogni esercizio di priorità i cui risultati sono pubblici (chiuso, oppure con risultati "
        "visibili in tempo reale), la somma dei punti di ciascuna voce su tutte le schede (punti distribuiti, "
        "oppure punteggio di classifica: con K voci la prima vale K punti e la K-esima 1). A parità di punti "
        "le voci condividono la posizione. Partecipanti: le schede votate. Per ogni zona omogenea dichiarata "
        "dai votanti è indicata la voce con più punti. Con un filtro di zona contano solo le schede di chi ha "
        "dichiarato quella zona."
    ),
)
def priority_figures(scope: Scope, ref: Reference, *, top: int = 5) -> list[PriorityResult]:
    """Public definition in the decorator (dashboard, final report, API; translated)."""
    exercises = _visible_exercises(scope)
    if not exercises:
        return []
    ids = [e.pk for e in exercises]
    items = list(ExerciseItem.objects.filter(exercise_id__in=ids).select_related("strategy", "contribution"))
    # Allocations carry their ballot's exercise and zone: the voting app's covering index answers this.
    allocations = Allocation.objects.filter(exercise_id__in=ids)
    if scope.zona is not None:
        allocations = allocations.filter(zona=scope.zona)
    if scope.category is not None:
        allocations = allocations.filter(category=scope.category)
    cells = allocations.values("item_id", "zona_id").annotate(score=Sum("points"), voters=Count("id")).order_by()
    ballot_rows = scope.ballots().filter(exercise_id__in=ids).values_list("exercise_id", "zona_id").annotate(n=Count("id"))
    participants: dict[int, int] = defaultdict(int)
    zone_ballots: dict[tuple[int, int], int] = {}
    for exercise_id, zona_id, n in ballot_rows.order_by():
        participants[exercise_id] += n
        zone_ballots[(exercise_id, zona_id)] = n
    # A zone or category filter narrows the ballots to a group: under MIN_BALLOTS_PER_CELL its
    # ranking would show one person's choice (issue 16 item 9g).
    narrowed = scope.zona is not None or scope.category is not None
    scores: dict[int, int] = defaultdict(int)
    voters: dict[int, int] = defaultdict(int)
    zone_scores: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in cells:
        scores[row["item_id"]] += row["score"]
        voters[row["item_id"]] += row["voters"]
        zone_scores[row["zona_id"]][row["item_id"]] += row["score"]
    by_exercise: dict[int, list[ExerciseItem]] = defaultdict(list)
    for item in items:
        by_exercise[item.exercise_id].append(item)
    results = []
    for exercise in exercises:
        ranked = sorted(by_exercise[exercise.pk], key=lambda i: (-scores.get(i.pk, 0), i.position, i.pk))
        ranking: list[PriorityItem] = []
        for index, item in enumerate(ranked):
            score = scores.get(item.pk, 0)
            rank = ranking[-1].rank if ranking and ranking[-1].score == score else index + 1
            ranking.append(PriorityItem(rank=rank, code=item.code, title=item.title, score=score, voters=voters.get(item.pk, 0)))
        own = {item.pk: item for item in ranked}
        top_by_zone = []
        for zona_id, zone in ref.zones.items():
            if zone_ballots.get((exercise.pk, zona_id), 0) < MIN_BALLOTS_PER_CELL:
                continue  # a zone with fewer ballots: its first item could be one person's choice
            candidates = {pk: s for pk, s in zone_scores.get(zona_id, {}).items() if pk in own}
            if candidates:
                best = min(candidates, key=lambda pk: (-candidates[pk], own[pk].position, pk))
                top_by_zone.append((str(zone), own[best].label))
        count = participants.get(exercise.pk, 0)
        hidden = narrowed and 0 < count < MIN_BALLOTS_PER_CELL
        results.append(
            PriorityResult(
                exercise_id=exercise.pk,
                title=exercise.title,
                method=str(exercise.get_method_display()),
                axis=ref.axis_label(exercise.axis_id) if exercise.axis_id else "",
                closed=exercise.is_closed,
                participants=None if hidden else count,
                items=[] if hidden else ranking[:top],
                top_by_zone=top_by_zone,
                hidden=hidden,
            )
        )
    return results

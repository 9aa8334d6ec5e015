"""Priority exercises: staff create them over a set of items, open and close them."""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.contributions.models import Contribution
from consultazione.core.exceptions import Conflict
from consultazione.core.permissions import check_perm
from consultazione.plan.models import Axis, Strategy
from consultazione.process.models import Phase, Process
from consultazione.territory.models import MacroArea, ZonaOmogenea

from ..models import ExerciseItem, ExerciseStatus, Method, PriorityExercise, ResultsVisibility, Scope


def _strategies(*, process: Process, scope: str, axis: Axis | None) -> list[Strategy]:
    if scope == Scope.AXIS:
        strategies = list(axis.strategies.order_by("code"))
        if not strategies:
            raise ValidationError({"axis": _("L'asse scelto non ha ancora strategie.")})
        return strategies
    plan = process.working_plan
    strategies = list(Strategy.objects.filter(axis__plan=plan).order_by("axis__code", "code")) if plan else []
    if not strategies:
        raise ValidationError({"scope": _("Il piano del processo non ha ancora strategie.")})
    return strategies


def _contributions(*, process: Process, contributions: Iterable[Contribution]) -> list[Contribution]:
    chosen = list(dict.fromkeys(contributions))
    if not chosen:
        raise ValidationError({"contributions": _("Indica almeno un contributo.")})
    public_ids = set(
        Contribution.objects.public().filter(process=process, pk__in=[c.pk for c in chosen]).values_list("pk", flat=True)
    )
    missing = [c.reference or f"#{c.pk}" for c in chosen if c.pk not in public_ids]
    if missing:
        raise ValidationError(
            {
                "contributions": _("Questi contributi non sono pubblici in questo processo: %(refs)s.")
                % {"refs": ", ".join(missing)}
            }
        )
    return chosen


@transaction.atomic
def exercise_create(
    *,
    actor,
    process: Process,
    title: str,
    method: str,
    scope: str,
    description: str = "",
    axis: Axis | None = None,
    contributions: Iterable[Contribution] = (),
    phase: Phase | None = None,
    zona: ZonaOmogenea | None = None,
    macro_area: MacroArea | None = None,
    points_total: int = 10,
    points_per_item_max: int = 3,
    top_k: int = 3,
    results_visibility: str = ResultsVisibility.AFTER_CLOSE,
    closes_at: datetime | None = None,
    open_now: bool = False,
) -> PriorityExercise:
    check_perm(actor, "voting.add_priorityexercise")
    exercise = PriorityExercise(
        process=process,
        phase=phase,
        title=title,
        description=description,
        method=method,
        scope=scope,
        axis=axis if scope == Scope.AXIS else None,
        zona=zona,
        macro_area=macro_area,
        points_total=points_total,
        points_per_item_max=points_per_item_max,
        top_k=top_k,
        results_visibility=results_visibility,
        closes_at=closes_at,
        status=ExerciseStatus.OPEN if open_now else ExerciseStatus.DRAFT,
        created_by=actor,
    )
    exercise.full_clean()
    if scope == Scope.CONTRIBUTIONS:
        targets = [{"contribution": c} for c in _contributions(process=process, contributions=contributions)]
    else:
        targets = [{"strategy": s} for s in _strategies(process=process, scope=scope, axis=axis)]
    if method == Method.RANKING and top_k > len(targets):
        raise ValidationError({"top_k": _("Le voci sono %(n)s: la classifica non può averne di più.") % {"n": len(targets)}})
    if closes_at is not None and closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("La chiusura automatica deve essere nel futuro.")})
    exercise.save()
    ExerciseItem.objects.bulk_create(
        ExerciseItem(exercise=exercise, position=position, **target) for position, target in enumerate(targets, start=1)
    )
    return exercise


@transaction.atomic
def exercise_update(
    *, actor, exercise: PriorityExercise, title: str, description: str, results_visibility: str, closes_at: datetime | None
) -> PriorityExercise:
    """Change what never alters the counting rules (so it is allowed while people are voting)."""
    check_perm(actor, "voting.change_priorityexercise", exercise)
    exercise.title = title
    exercise.description = description
    exercise.results_visibility = results_visibility
    exercise.closes_at = closes_at
    exercise.full_clean()
    exercise.save(update_fields=["title", "description", "results_visibility", "closes_at", "updated_at"])
    return exercise


@transaction.atomic
def exercise_open(*, actor, exercise: PriorityExercise) -> PriorityExercise:
    check_perm(actor, "voting.change_priorityexercise", exercise)
    if exercise.closes_at is not None and exercise.closes_at <= timezone.now():
        raise Conflict(_("La chiusura automatica è già passata: spostala in avanti prima di aprire."), code="deadline_passed")
    updated = (
        PriorityExercise.objects.filter(pk=exercise.pk)
        .exclude(status=ExerciseStatus.OPEN)
        .update(status=ExerciseStatus.OPEN, closed_at=None, updated_at=timezone.now())
    )
    if not updated:
        raise Conflict(_("L'esercizio è già aperto."), code="already_open")
    exercise.refresh_from_db()
    return exercise


@transaction.atomic
def exercise_close(*, actor, exercise: PriorityExercise) -> PriorityExercise:
    """Close now. The UPDATE waits for ballots in flight (they hold a share lock on the row)."""
    check_perm(actor, "voting.change_priorityexercise", exercise)
    now = timezone.now()
    updated = PriorityExercise.objects.filter(pk=exercise.pk, status=ExerciseStatus.OPEN).update(
        status=ExerciseStatus.CLOSED, closed_at=now, updated_at=now
    )
    if not updated:
        raise Conflict(_("Si possono chiudere solo gli esercizi aperti."), code="not_open")
    exercise.refresh_from_db()
    return exercise

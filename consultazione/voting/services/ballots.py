"""Ballots: one per person and exercise; recasting replaces the allocations atomically."""

from collections.abc import Mapping, Sequence

import rules
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.accounts.rules import is_not_blocked, is_verified
from consultazione.core.exceptions import Conflict, NotAllowedInPhase, PermissionDenied
from consultazione.stakeholders.models import Organisation
from consultazione.stakeholders.selectors import organisations_represented_by
from consultazione.territory.models import Comune, ZonaOmogenea

from ..checks import require
from ..models import Allocation, Ballot, BallotRevision, ExerciseItem, ExerciseStatus, Method, PriorityExercise
from ..rules import is_in_exercise_phase, is_open_exercise, phase_allows_prioritise

BALLOT_REASONS = [
    (rules.is_authenticated, lambda: PermissionDenied(_("Accedi per indicare le tue priorità."), code="login_required")),
    (
        is_verified,
        lambda: PermissionDenied(_("Conferma il tuo indirizzo email per indicare le tue priorità."), code="not_verified"),
    ),
    (is_not_blocked, lambda: PermissionDenied(_("Il tuo account è sospeso: non puoi partecipare."), code="blocked")),
    (phase_allows_prioritise, lambda: NotAllowedInPhase(_("In questa fase del processo non si indicano le priorità."))),
    (is_in_exercise_phase, lambda: NotAllowedInPhase(_("Questo esercizio si svolge in un'altra fase del processo."))),
    (
        is_open_exercise,
        lambda: Conflict(_("L'esercizio non è aperto: la scheda non è stata registrata."), code="exercise_closed"),
    ),
]


def _lock_exercise_open(exercise: PriorityExercise) -> None:
    """Read the state under a share lock, so that closing waits for ballots in flight and no
    ballot lands after the close commits. (SQLite serialises writers: a plain read suffices.)"""
    table = connection.ops.quote_name(PriorityExercise._meta.db_table)
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
    sql = f"SELECT id, status, closes_at FROM {table} WHERE id = %s{lock}"  # noqa: S608 - table name from the model
    (current,) = PriorityExercise.objects.raw(sql, [exercise.pk])
    status, closes_at = current.status, current.closes_at
    if status != ExerciseStatus.OPEN or (closes_at is not None and closes_at <= timezone.now()):
        raise Conflict(_("L'esercizio è stato chiuso: la scheda non è stata registrata."), code="exercise_closed")


def _dots(exercise: PriorityExercise, items: dict[int, ExerciseItem], points: Mapping[int, int] | None) -> list[Allocation]:
    if not points:
        raise ValidationError({"points": _("Assegna almeno un punto.")})
    errors = []
    for item_id, value in points.items():
        if item_id not in items:
            errors.append(_("La voce %(id)s non fa parte di questo esercizio.") % {"id": item_id})
        elif value < 0:
            errors.append(_("I punti non possono essere negativi («%(item)s»).") % {"item": items[item_id].code})
        elif value > exercise.points_per_item_max:
            errors.append(
                _("Al massimo %(max)s punti per voce: «%(item)s» ne ha %(n)s.")
                % {"max": exercise.points_per_item_max, "item": items[item_id].code, "n": value}
            )
    total = sum(value for value in points.values() if value > 0)
    if total > exercise.points_total:
        errors.append(_("Hai assegnato %(n)s punti: il massimo è %(max)s.") % {"n": total, "max": exercise.points_total})
    if not errors and total == 0:
        errors.append(_("Assegna almeno un punto."))
    if errors:
        raise ValidationError({"points": errors})
    return [Allocation(item=items[item_id], points=value) for item_id, value in points.items() if value > 0]


def _ranking(exercise: PriorityExercise, items: dict[int, ExerciseItem], ranking: Sequence[int] | None) -> list[Allocation]:
    if not ranking:
        raise ValidationError({"ranking": _("Metti in classifica almeno una voce.")})
    errors = [
        _("La voce %(id)s non fa parte di questo esercizio.") % {"id": item_id} for item_id in ranking if item_id not in items
    ]
    if len(ranking) > exercise.top_k:
        errors.append(_("Puoi mettere in classifica al massimo %(k)s voci.") % {"k": exercise.top_k})
    if len(set(ranking)) != len(ranking):
        errors.append(_("Ogni voce può comparire una sola volta in classifica."))
    if errors:
        raise ValidationError({"ranking": errors})
    return [
        Allocation(item=items[item_id], rank=rank, points=exercise.borda_points(rank))
        for rank, item_id in enumerate(ranking, start=1)
    ]


def _territory(
    exercise: PriorityExercise, zona: ZonaOmogenea | None, comune: Comune | None
) -> tuple[ZonaOmogenea, Comune | None]:
    if comune is not None:
        if comune.zona_id is None:
            raise ValidationError({"comune": _("Il comune %(c)s non è ancora assegnato a una zona.") % {"c": comune.name}})
        if zona is not None and zona.pk != comune.zona_id:
            raise ValidationError({"comune": _("Il comune %(c)s non è nella zona indicata.") % {"c": comune.name}})
        zona = comune.zona
    if zona is None:
        raise ValidationError({"zona": _("Indica la tua zona omogenea o il tuo comune.")})
    if exercise.zona_id and zona.pk != exercise.zona_id:
        raise ValidationError(
            {"zona": _("Questo esercizio è riservato a chi vive o lavora nella zona %(z)s.") % {"z": exercise.zona}}
        )
    if exercise.macro_area_id and zona.macro_area_id != exercise.macro_area_id:
        raise ValidationError(
            {"zona": _("Questo esercizio è riservato a chi vive o lavora nella macro-area %(m)s.") % {"m": exercise.macro_area}}
        )
    return zona, comune


def _organisation(user, organisation: Organisation | None) -> Organisation | None:
    """Representatives take part for their organisation (the first one unless they choose)."""
    represented = organisations_represented_by(user).order_by("name")
    if organisation is None:
        return represented.first()
    if not represented.filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("Non risulti rappresentante verificato di %(o)s.") % {"o": organisation}})
    return organisation


@transaction.atomic
def ballot_cast(
    *,
    user,
    exercise: PriorityExercise,
    points: Mapping[int, int] | None = None,
    ranking: Sequence[int] | None = None,
    zona: ZonaOmogenea | None = None,
    comune: Comune | None = None,
    organisation: Organisation | None = None,
) -> Ballot:
    """Cast or replace the person's ballot: `points` {item_id: n} for dot-voting, `ranking`
    [item_id, …] best first for ranking. Nothing is stored when any rule is broken."""
    require(user, "voting.cast_ballot", exercise, BALLOT_REASONS)
    items = {item.pk: item for item in exercise.items.select_related("strategy", "contribution")}
    errors: dict[str, list[str]] = {}
    try:
        allocations = _dots(exercise, items, points) if exercise.method == Method.DOTS else _ranking(exercise, items, ranking)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        zona, comune = _territory(exercise, zona, comune)
        organisation = _organisation(user, organisation)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    _lock_exercise_open(exercise)
    # One statement: INSERT … ON CONFLICT (exercise, user) DO UPDATE, which also locks the row,
    # so the same person casting twice at once is serialised and ends with one ballot.
    (ballot,) = Ballot.objects.bulk_create(
        [
            Ballot(
                exercise=exercise,
                user=user,
                zona=zona,
                comune=comune,
                organisation=organisation,
                category_id=organisation.category_id if organisation else None,
            )
        ],
        update_conflicts=True,
        unique_fields=["exercise", "user"],
        update_fields=["zona", "comune", "organisation", "category", "updated_at"],
    )
    Allocation.objects.filter(ballot=ballot).delete()
    for allocation in allocations:
        allocation.ballot = ballot
        allocation.exercise = exercise
        allocation.zona = zona
        allocation.category_id = ballot.category_id
    Allocation.objects.bulk_create(allocations)
    BallotRevision.objects.create(
        ballot=ballot,
        choices={
            "zona": zona.number,
            "comune": comune.istat_code if comune else None,
            "organisation": organisation.pk if organisation else None,
            "allocations": [{"item": a.item_id, "points": a.points, "rank": a.rank} for a in allocations],
        },
    )
    return ballot

"""Creating, changing, opening and closing exercises (staff only, through the services)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultazione.core.exceptions import Conflict, PermissionDenied
from consultazione.plan.models import Strategy
from consultazione.territory.models import MacroArea
from consultazione.voting.models import ExerciseStatus, Method, PriorityExercise, ResultsVisibility, Scope
from consultazione.voting.services import exercise_close, exercise_create, exercise_open, exercise_update


def create(actor, psm, **fields):
    fields.setdefault("title", "Priorità")
    fields.setdefault("method", Method.DOTS)
    fields.setdefault("scope", Scope.PLAN)
    return exercise_create(actor=actor, process=psm.process, **fields)


def test_plan_scope_takes_every_strategy_of_the_plan(psm, staff):
    exercise = create(staff, psm)
    expected = list(Strategy.objects.filter(axis__plan=psm.plan).order_by("axis__code", "code").values_list("pk", flat=True))
    assert list(exercise.items.order_by("position").values_list("strategy_id", flat=True)) == expected
    assert exercise.status == ExerciseStatus.DRAFT
    assert exercise.created_by == staff


def test_axis_scope(psm, staff):
    axis = psm.axes[1]
    exercise = create(staff, psm, scope=Scope.AXIS, axis=axis, method=Method.RANKING, top_k=1)
    assert set(exercise.items.values_list("strategy__axis", flat=True)) == {axis.pk}


def test_axis_scope_needs_axis_with_strategies(psm, staff):
    with pytest.raises(ValidationError) as error:
        create(staff, psm, scope=Scope.AXIS)
    assert "axis" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        create(staff, psm, scope=Scope.AXIS, axis=psm.axes[5])
    assert "non ha ancora strategie" in error.value.message_dict["axis"][0]
    assert not PriorityExercise.objects.exists()


def test_contributions_scope_needs_public_ones(psm, staff, contribution_factory):
    public, hidden = contribution_factory(), contribution_factory(status="hidden")
    with pytest.raises(ValidationError) as error:
        create(staff, psm, scope=Scope.CONTRIBUTIONS, contributions=[public, hidden])
    assert hidden.reference in error.value.message_dict["contributions"][0]
    with pytest.raises(ValidationError):
        create(staff, psm, scope=Scope.CONTRIBUTIONS, contributions=[])
    exercise = create(staff, psm, scope=Scope.CONTRIBUTIONS, contributions=[public])
    assert list(exercise.items.values_list("contribution_id", flat=True)) == [public.pk]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (lambda psm: {"points_per_item_max": 11, "points_total": 10}, "points_per_item_max"),
        (lambda psm: {"method": Method.RANKING, "top_k": 99}, "top_k"),
        (lambda psm: {"closes_at": timezone.now() - timedelta(hours=1)}, "closes_at"),
        (lambda psm: {"zona": psm.zones[1], "macro_area": MacroArea.objects.get(code="B")}, "macro_area"),
    ],
)
def test_invalid_settings(psm, staff, fields, field):
    with pytest.raises(ValidationError) as error:
        create(staff, psm, **fields(psm))
    assert field in error.value.message_dict
    assert not PriorityExercise.objects.exists()


@pytest.mark.parametrize("role", ["citizen", "moderator", "facilitator"])
def test_only_staff_create(psm, request, role):
    with pytest.raises(PermissionDenied):
        create(request.getfixturevalue(role), psm)


def test_open_close_reopen(psm, staff, citizen):
    exercise = create(staff, psm)
    with pytest.raises(PermissionDenied):
        exercise_open(actor=citizen, exercise=exercise)
    assert exercise_open(actor=staff, exercise=exercise).is_open
    with pytest.raises(Conflict):
        exercise_open(actor=staff, exercise=exercise)
    closed = exercise_close(actor=staff, exercise=exercise)
    assert closed.is_closed and closed.closed_at is not None
    with pytest.raises(Conflict):
        exercise_close(actor=staff, exercise=exercise)
    assert exercise_open(actor=staff, exercise=exercise).closed_at is None


def test_cannot_open_after_deadline(psm, staff):
    exercise = create(staff, psm)
    PriorityExercise.objects.filter(pk=exercise.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    exercise.refresh_from_db()
    assert exercise.is_closed
    with pytest.raises(Conflict) as error:
        exercise_open(actor=staff, exercise=exercise)
    assert error.value.code == "deadline_passed"


def test_update_settings(psm, staff, citizen):
    exercise = create(staff, psm)
    with pytest.raises(PermissionDenied):
        exercise_update(actor=citizen, exercise=exercise, title="X", description="", results_visibility="live", closes_at=None)
    exercise_update(
        actor=staff,
        exercise=exercise,
        title="Nuovo titolo",
        description="Testo",
        results_visibility=ResultsVisibility.LIVE,
        closes_at=None,
    )
    exercise.refresh_from_db()
    assert (exercise.title, exercise.results_visibility) == ("Nuovo titolo", ResultsVisibility.LIVE)

"""The demo loader: exercises per macro-area, a closed ranking with results, supports; idempotent."""

from consultazione.accounts.roles import Role
from consultazione.territory.models import MacroArea
from consultazione.voting.demo import demo_load
from consultazione.voting.models import Ballot, ExerciseStatus, Method, PriorityExercise, Support
from consultazione.voting.selectors import exercise_results
from tests.conftest import make_user


def test_demo_load(psm, contribution_factory):
    psm.set_phase("co_pianificazione")
    for _ in range(5):
        contribution_factory()
    make_user(roles=[Role.STAFF])
    citizen = make_user()
    created = demo_load(process=psm.process, users={"citizen": citizen, "moderator": make_user()})

    dots = PriorityExercise.objects.filter(method=Method.DOTS)
    assert dots.count() == MacroArea.objects.count()
    assert all(exercise.is_open and exercise.macro_area_id for exercise in dots)
    ranking = PriorityExercise.objects.get(method=Method.RANKING)
    assert ranking.status == ExerciseStatus.CLOSED
    results = exercise_results(ranking)
    assert results.participants == 33 and results.items[0].score > 0
    assert len([s for s in results.breakdowns[2].segments if s.label.startswith("Rappresentanti")]) == 6
    assert Support.objects.exists()
    assert not Support.objects.filter(user=citizen).exists() and not Ballot.objects.filter(user=citizen).exists()
    assert created == Ballot.objects.count() + Support.objects.count() + PriorityExercise.objects.count()
    assert demo_load(process=psm.process, users={}) == 0

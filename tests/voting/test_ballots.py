"""Ballot validation: every broken rule is refused with a clear message and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultazione.core.exceptions import Conflict, NotAllowedInPhase, PermissionDenied
from consultazione.stakeholders.models import Category, Organisation
from consultazione.territory.models import MacroArea
from consultazione.voting.models import Allocation, Ballot, BallotRevision, Method, Scope
from consultazione.voting.services import ballot_cast, exercise_close
from consultazione.voting.services.ballots import _lock_exercise_open
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def coplanning(psm):
    psm.set_phase("co_pianificazione")


@pytest.fixture
def dots(exercise_factory):
    return exercise_factory(method=Method.DOTS, points_total=5, points_per_item_max=3)


@pytest.fixture
def ranking(exercise_factory):
    return exercise_factory(method=Method.RANKING, top_k=3)


def ids(exercise):
    return [item.pk for item in exercise.items.order_by("position")]


def assert_nothing_stored():
    assert not Ballot.objects.exists()
    assert not Allocation.objects.exists()
    assert not BallotRevision.objects.exists()


def test_dots_ballot_is_stored(psm, citizen, dots):
    a, b, *_ = ids(dots)
    ballot = ballot_cast(user=citizen, exercise=dots, points={a: 3, b: 2}, zona=psm.zones[5])
    assert ballot.zona == psm.zones[5]
    assert dict(ballot.allocations.values_list("item_id", "points")) == {a: 3, b: 2}
    assert ballot.category is None and ballot.organisation is None


def test_recast_replaces_allocations_and_keeps_history(psm, citizen, dots):
    a, b, c, *_ = ids(dots)
    first = ballot_cast(user=citizen, exercise=dots, points={a: 3, b: 2}, zona=psm.zones[5])
    second = ballot_cast(user=citizen, exercise=dots, points={c: 1, a: 0}, comune=psm.comune("Pinerolo"))
    assert second.pk == first.pk
    assert Ballot.objects.count() == 1
    assert list(Allocation.objects.values_list("item_id", "points")) == [(c, 1)]
    second.refresh_from_db()
    assert second.comune.name == "Pinerolo"
    history = list(BallotRevision.objects.order_by("id").values_list("choices", flat=True))
    assert [len(entry["allocations"]) for entry in history] == [2, 1]
    assert history[1]["comune"] == psm.comune("Pinerolo").istat_code


@pytest.mark.parametrize(
    ("points", "message"),
    [
        (lambda a, b, c: {a: 3, b: 3}, "Hai assegnato 6 punti: il massimo è 5."),
        (lambda a, b, c: {a: 4}, "Al massimo 3 punti per voce"),
        (lambda a, b, c: {a: 1, 999999: 1}, "La voce 999999 non fa parte di questo esercizio."),
        (lambda a, b, c: {a: 0, b: 0}, "Assegna almeno un punto."),
        (lambda a, b, c: {}, "Assegna almeno un punto."),
        (lambda a, b, c: {a: -1, b: 2}, "I punti non possono essere negativi"),
    ],
)
def test_dots_rules(psm, citizen, dots, points, message):
    a, b, c, *_ = ids(dots)
    with pytest.raises(ValidationError) as error:
        ballot_cast(user=citizen, exercise=dots, points=points(a, b, c), zona=psm.zones[1])
    assert any(message in text for text in error.value.message_dict["points"])
    assert_nothing_stored()


def test_item_of_another_exercise_is_refused(psm, citizen, dots, exercise_factory):
    other = exercise_factory()
    foreign = ids(other)[0]
    with pytest.raises(ValidationError) as error:
        ballot_cast(user=citizen, exercise=dots, points={foreign: 1}, zona=psm.zones[1])
    assert "non fa parte di questo esercizio" in error.value.message_dict["points"][0]
    assert_nothing_stored()


def test_failed_recast_keeps_previous_ballot(psm, citizen, dots):
    a, b, *_ = ids(dots)
    ballot_cast(user=citizen, exercise=dots, points={a: 2}, zona=psm.zones[1])
    with pytest.raises(ValidationError):
        ballot_cast(user=citizen, exercise=dots, points={a: 3, b: 3}, zona=psm.zones[1])
    assert list(Allocation.objects.values_list("item_id", "points")) == [(a, 2)]
    assert BallotRevision.objects.count() == 1


def test_ranking_scores_borda(psm, citizen, ranking):
    a, b, c, *_ = ids(ranking)
    ballot = ballot_cast(user=citizen, exercise=ranking, ranking=[c, a, b], zona=psm.zones[2])
    assert list(ballot.allocations.order_by("rank").values_list("item_id", "rank", "points")) == [(c, 1, 3), (a, 2, 2), (b, 3, 1)]


def test_partial_ranking_keeps_top_scores(psm, citizen, ranking):
    a, *_ = ids(ranking)
    ballot = ballot_cast(user=citizen, exercise=ranking, ranking=[a], zona=psm.zones[2])
    assert list(ballot.allocations.values_list("points", flat=True)) == [3]


@pytest.mark.parametrize(
    ("order", "message"),
    [
        (lambda a, b, c, d: [a, b, c, d], "al massimo 3 voci"),
        (lambda a, b, c, d: [a, a], "una sola volta"),
        (lambda a, b, c, d: [a, 999999], "non fa parte"),
        (lambda a, b, c, d: [], "almeno una voce"),
    ],
)
def test_ranking_rules(psm, citizen, ranking, order, message):
    a, b, c, d, *_ = ids(ranking)
    with pytest.raises(ValidationError) as error:
        ballot_cast(user=citizen, exercise=ranking, ranking=order(a, b, c, d), zona=psm.zones[1])
    assert any(message in text for text in error.value.message_dict["ranking"])
    assert_nothing_stored()


def test_closed_exercise_refuses(psm, citizen, staff, dots):
    exercise_close(actor=staff, exercise=dots)
    with pytest.raises(Conflict) as error:
        ballot_cast(user=citizen, exercise=dots, points={ids(dots)[0]: 1}, zona=psm.zones[1])
    assert error.value.code == "exercise_closed"
    assert_nothing_stored()


def test_closing_under_a_stale_object_refuses(psm, citizen, staff, dots):
    """The state is re-read inside the transaction: a ballot built on a stale object is refused."""
    stale = type(dots).objects.get(pk=dots.pk)
    exercise_close(actor=staff, exercise=dots)
    with pytest.raises(Conflict):
        _lock_exercise_open(stale)


def test_deadline_passed_refuses(psm, citizen, dots):
    type(dots).objects.filter(pk=dots.pk).update(closes_at=timezone.now())
    dots.refresh_from_db()
    with pytest.raises(Conflict):
        ballot_cast(user=citizen, exercise=dots, points={ids(dots)[0]: 1}, zona=psm.zones[1])
    assert_nothing_stored()


def test_phase_without_prioritise_refuses(psm, citizen, dots):
    psm.set_phase("ascolto")
    with pytest.raises(NotAllowedInPhase):
        ballot_cast(user=citizen, exercise=dots, points={ids(dots)[0]: 1}, zona=psm.zones[1])
    assert_nothing_stored()


def test_unverified_refused(psm, unverified_user, dots):
    with pytest.raises(PermissionDenied) as error:
        ballot_cast(user=unverified_user, exercise=dots, points={ids(dots)[0]: 1}, zona=psm.zones[1])
    assert error.value.code == "not_verified"


def test_zone_restriction(psm, citizen, exercise_factory):
    exercise = exercise_factory(zona=psm.zones[5])
    item = ids(exercise)[0]
    with pytest.raises(ValidationError) as error:
        ballot_cast(user=citizen, exercise=exercise, points={item: 1}, zona=psm.zones[1])
    assert "riservato a chi vive o lavora nella zona" in error.value.message_dict["zona"][0]
    with pytest.raises(ValidationError):
        ballot_cast(user=citizen, exercise=exercise, points={item: 1}, comune=psm.comune("Torino"))
    assert_nothing_stored()
    assert ballot_cast(user=citizen, exercise=exercise, points={item: 1}, comune=psm.comune("Pinerolo")).zona == psm.zones[5]


def test_macro_area_restriction(psm, citizen, exercise_factory):
    area = MacroArea.objects.get(code="A")
    exercise = exercise_factory(macro_area=area)
    item = ids(exercise)[0]
    with pytest.raises(ValidationError) as error:
        ballot_cast(user=citizen, exercise=exercise, points={item: 1}, zona=psm.zones[5])
    assert "macro-area" in error.value.message_dict["zona"][0]
    assert_nothing_stored()
    assert ballot_cast(user=citizen, exercise=exercise, points={item: 1}, zona=psm.zones[3]).zona == psm.zones[3]


def test_place_is_required_and_consistent(psm, citizen, dots):
    item = ids(dots)[0]
    with pytest.raises(ValidationError) as error:
        ballot_cast(user=citizen, exercise=dots, points={item: 1})
    assert "zona" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        ballot_cast(user=citizen, exercise=dots, points={item: 1}, zona=psm.zones[1], comune=psm.comune("Pinerolo"))
    assert "comune" in error.value.message_dict
    assert_nothing_stored()


def test_representative_counts_for_their_organisation(psm, dots, representative_factory):
    delegate = representative_factory("sindacati", name="Camera del lavoro di prova")
    ballot = ballot_cast(user=delegate, exercise=dots, points={ids(dots)[0]: 1}, zona=psm.zones[1])
    assert ballot.organisation.name == "Camera del lavoro di prova"
    assert ballot.category.code == "sindacati"


def test_pending_membership_counts_as_citizen(psm, dots, representative_factory):
    person = representative_factory("sindacati", verified=False)
    ballot = ballot_cast(user=person, exercise=dots, points={ids(dots)[0]: 1}, zona=psm.zones[1])
    assert ballot.category is None


def test_organisation_must_be_represented(psm, dots, representative_factory):
    delegate = representative_factory("sindacati")
    stranger = Organisation.objects.create(name="Organizzazione non rappresentata", category=Category.objects.get(code="altri"))
    with pytest.raises(ValidationError) as error:
        ballot_cast(user=delegate, exercise=dots, points={ids(dots)[0]: 1}, zona=psm.zones[1], organisation=stranger)
    assert "Non risulti rappresentante verificato" in error.value.message_dict["organisation"][0]
    assert_nothing_stored()


def test_contributions_exercise(psm, citizen, exercise_factory, contribution_factory):
    first, second = contribution_factory(), contribution_factory()
    exercise = exercise_factory(scope=Scope.CONTRIBUTIONS, contributions=[first, second], method=Method.RANKING, top_k=2)
    items = {item.contribution_id: item.pk for item in exercise.items.all()}
    ballot = ballot_cast(user=citizen, exercise=exercise, ranking=[items[second.pk], items[first.pk]], zona=psm.zones[1])
    assert ballot.allocations.get(item_id=items[second.pk]).points == 2


def test_another_person_does_not_replace(psm, dots):
    a = ids(dots)[0]
    ballot_cast(user=make_user(), exercise=dots, points={a: 1}, zona=psm.zones[1])
    ballot_cast(user=make_user(), exercise=dots, points={a: 2}, zona=psm.zones[1])
    assert Ballot.objects.count() == 2


def test_all_problems_reported_at_once(psm, citizen, dots):
    with pytest.raises(ValidationError) as error:
        ballot_cast(user=citizen, exercise=dots, points={ids(dots)[0]: 9})
    assert set(error.value.message_dict) == {"points", "zona"}
    assert_nothing_stored()

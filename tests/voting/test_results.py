"""Results against hand-computed fixtures: totals, ranks, participants and every breakdown."""

import pytest

from consultazione.voting.models import Method
from consultazione.voting.selectors import MIN_BALLOTS_PER_CELL, exercise_ranking, exercise_results, small_cells
from consultazione.voting.services import ballot_cast
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def coplanning(psm):
    psm.set_phase("co_pianificazione")


N = MIN_BALLOTS_PER_CELL  # each pattern cast N times: every zone and category can be published


@pytest.fixture
def dots_results(psm, exercise_factory, representative_factory):
    """Four ballot patterns over the plan's strategies S1…S5 (10 points, at most 4 per item), each
    cast by N people (results hide groups of fewer than N ballots, see test_small_cells_*).

    A citizen, ZO1 (macro-area A): S1 4, S2 3, S3 3
    B citizen, ZO5 (macro-area B): S2 4, S4 2
    C sindacati, ZO2 (macro-area A): S1 2, S2 2
    D altri, ZO5 (macro-area B): S3 1
    """
    exercise = exercise_factory(method=Method.DOTS, points_total=10, points_per_item_max=4)
    s = [None] + [item.pk for item in exercise.items.order_by("position")]
    cast = lambda user, zone, points: ballot_cast(user=user, exercise=exercise, points=points, zona=psm.zones[zone])  # noqa: E731
    for _n in range(N):
        cast(make_user(), 1, {s[1]: 4, s[2]: 3, s[3]: 3})
        cast(make_user(), 5, {s[2]: 4, s[4]: 2})
        cast(representative_factory("sindacati"), 2, {s[1]: 2, s[2]: 2})
        cast(representative_factory("altri"), 5, {s[3]: 1})
    return exercise, s


def times_n(scores: dict) -> dict:
    return {key: value * N for key, value in scores.items()}


def by_label(breakdown):
    return {segment.label: (segment.participants, segment.scores) for segment in breakdown.segments}


def test_totals_ranks_and_voters(dots_results):
    exercise, s = dots_results
    results = exercise_results(exercise)
    assert results.participants == 4 * N
    assert [(item.item_id, item.score, item.rank, item.voters) for item in results.items] == [
        (s[2], 9 * N, 1, 3 * N),
        (s[1], 6 * N, 2, 2 * N),
        (s[3], 4 * N, 3, 2 * N),
        (s[4], 2 * N, 4, 1 * N),
        (s[5], 0, 5, 0),
    ]


def test_breakdown_by_zone(dots_results, psm):
    exercise, s = dots_results
    zone = exercise_results(exercise).breakdowns[0]
    assert zone.key == "zone"
    assert by_label(zone) == {
        str(psm.zones[1]): (N, times_n({s[1]: 4, s[2]: 3, s[3]: 3})),
        str(psm.zones[2]): (N, times_n({s[1]: 2, s[2]: 2})),
        str(psm.zones[5]): (2 * N, times_n({s[2]: 4, s[4]: 2, s[3]: 1})),
    }
    assert zone.rows[0] == (exercise_results(exercise).items[0], [3 * N, 2 * N, 4 * N])


def test_breakdown_by_macro_area(dots_results, psm):
    exercise, s = dots_results
    macro = exercise_results(exercise).breakdowns[1]
    area_a, area_b = psm.zones[1].macro_area, psm.zones[5].macro_area
    assert by_label(macro) == {
        str(area_a): (2 * N, times_n({s[1]: 6, s[2]: 5, s[3]: 3})),
        str(area_b): (2 * N, times_n({s[2]: 4, s[4]: 2, s[3]: 1})),
    }


def test_breakdown_by_category(dots_results):
    exercise, s = dots_results
    category = exercise_results(exercise).breakdowns[2]
    assert by_label(category) == {
        "Cittadine e cittadini": (2 * N, times_n({s[1]: 4, s[2]: 7, s[3]: 3, s[4]: 2})),
        "Rappresentanti: Sindacati": (N, times_n({s[1]: 2, s[2]: 2})),
        "Rappresentanti: Altri": (N, times_n({s[3]: 1})),
    }
    assert [segment.label for segment in category.segments][0] == "Cittadine e cittadini"


def test_latest_ballot_counts(dots_results, psm):
    exercise, s = dots_results
    voter = exercise.ballots.filter(zona=psm.zones[1]).first().user
    ballot_cast(user=voter, exercise=exercise, points={s[5]: 4}, zona=psm.zones[1])
    scores = {item.item_id: item.score for item in exercise_results(exercise).items}
    assert scores == {s[1]: 6 * N - 4, s[2]: 9 * N - 3, s[3]: 4 * N - 3, s[4]: 2 * N, s[5]: 4}
    assert exercise_results(exercise).participants == 4 * N


def test_ranking_borda_with_ties(psm, exercise_factory):
    exercise = exercise_factory(method=Method.RANKING, top_k=3)
    s = [None] + [item.pk for item in exercise.items.order_by("position")]
    for order in ([s[1], s[2], s[3]], [s[2], s[1]], [s[4]]):
        ballot_cast(user=make_user(), exercise=exercise, ranking=order, zona=psm.zones[1])
    ranked = exercise_ranking(exercise)
    assert [(item.item_id, item.score, item.rank) for item in ranked] == [
        (s[1], 5, 1),
        (s[2], 5, 1),
        (s[4], 3, 3),
        (s[3], 1, 4),
        (s[5], 0, 5),
    ]
    assert ranked[0].strategy_id is not None and ranked[0].contribution_id is None
    assert ranked[0].label.startswith(ranked[0].code)


def test_empty_exercise(exercise_factory):
    results = exercise_results(exercise_factory())
    assert results.participants == 0
    assert all(item.score == 0 and item.rank == 1 for item in results.items)
    assert all(not breakdown.segments for breakdown in results.breakdowns)


def test_query_counts_do_not_grow_with_ballots(dots_results, django_assert_num_queries):
    exercise, _s = dots_results
    with django_assert_num_queries(5):
        exercise_results(exercise)
    with django_assert_num_queries(2):
        exercise_ranking(exercise)


def test_small_cells_are_hidden_with_their_complement(psm, exercise_factory, representative_factory):
    """Issue 16 item 9g: a zone or category with fewer than 5 ballots shows no points (one person's
    choice would be readable), and neither does the smallest other cell when the total minus the
    visible cells would give the hidden one back."""
    exercise = exercise_factory(method=Method.DOTS, points_total=10, points_per_item_max=4)
    s = [None] + [item.pk for item in exercise.items.order_by("position")]
    lonely = representative_factory("sindacati")
    ballot_cast(user=lonely, exercise=exercise, points={s[5]: 4}, zona=psm.zones[3])  # alone in ZO3 and in its category
    for _n in range(6):
        ballot_cast(user=make_user(), exercise=exercise, points={s[1]: 4}, zona=psm.zones[1])
    for _n in range(8):
        ballot_cast(user=make_user(), exercise=exercise, points={s[2]: 4}, zona=psm.zones[4])
    results = exercise_results(exercise)
    zone, _macro, category = results.breakdowns
    hidden = {segment.label for segment in zone.segments if segment.hidden}
    assert str(psm.zones[3]) in hidden
    for breakdown in (zone, category):
        for segment in breakdown.segments:
            if segment.hidden:
                assert segment.participants is None and segment.scores == {}
        # what stays visible never lets one compute a hidden cell back: hidden cells add up to 5 or more ballots
        shown = sum(segment.participants for segment in breakdown.segments if not segment.hidden)
        assert results.participants - shown == 0 or results.participants - shown >= MIN_BALLOTS_PER_CELL
    sindacati = next(segment for segment in category.segments if "Sindacati" in segment.label)
    assert sindacati.hidden
    assert all(s[5] not in segment.scores for segment in zone.segments + category.segments)


def test_small_cells_rule():
    assert small_cells({"a": 1, "b": 10, "c": 7}) == {"a", "c"}  # b - ... : hide the next smallest too
    assert small_cells({"a": 3, "b": 2, "c": 9}) == {"a", "b"}  # 3 + 2 = 5 hidden together
    assert small_cells({"a": 5, "b": 9}) == set()
    # by group: zones within their macro-area
    assert small_cells({"z1": 2, "z2": 9, "z3": 8}, {"z1": "A", "z2": "A", "z3": "B"}) == {"z1", "z2"}

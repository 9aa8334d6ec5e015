"""Races on PostgreSQL: many people at once on the same item, and one person against themselves.

Threads each hold their own database connection, start together behind a barrier and go
through the real services. SQLite serialises every writer behind one database lock (and the
in-memory test database is not shared between threads), so these races only exist, and are
only tested, on PostgreSQL — which CI runs.
"""

import threading

import pytest
from django.db import connection
from django.db.models import Sum

from consultazione.core.exceptions import Conflict
from consultazione.voting.models import Allocation, Ballot, BallotRevision, Support
from consultazione.voting.selectors import exercise_results
from consultazione.voting.services import ballot_cast, support_add, support_remove
from tests.conftest import make_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises all writers (and its in-memory test DB is per-thread): the race needs PostgreSQL (CI).",
    ),
]

WORKERS = 40  # threads, each with its own PostgreSQL connection (PostgreSQL allows 100 by default)


def race(calls) -> list[str]:
    """Run the callables from WORKERS threads released together; return "ok" or the error class."""
    outcomes: list[str] = []
    lock = threading.Lock()
    workers = min(WORKERS, len(calls))
    barrier = threading.Barrier(workers)

    def work(chunk):
        try:
            barrier.wait()
            for call in chunk:
                try:
                    call()
                    result = "ok"
                except Exception as error:
                    result = type(error).__name__
                with lock:
                    outcomes.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(calls[i::workers],)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def two_hundred_people_support_the_same_contribution(people, idea):
    outcomes = race([lambda user=user: support_add(user=user, contribution=idea) for user in people])
    assert outcomes.count("ok") == 200
    idea.refresh_from_db()
    assert idea.support_count == 200 == Support.objects.filter(contribution=idea).count()


def supports_and_withdrawals_at_once(people, idea):
    leaving, joining = people[:100], people[100:]
    for user in leaving:
        support_add(user=user, contribution=idea)
    calls = [lambda user=user: support_remove(user=user, contribution=idea) for user in leaving]
    calls += [lambda user=user: support_add(user=user, contribution=idea) for user in joining]
    assert race(calls).count("ok") == 200
    idea.refresh_from_db()
    assert idea.support_count == 100 == Support.objects.filter(contribution=idea).count()
    assert set(Support.objects.filter(contribution=idea).values_list("user_id", flat=True)) == {user.pk for user in joining}


def one_person_racing_with_themselves_supports_once(person, idea):
    outcomes = race([lambda: support_add(user=person, contribution=idea) for _ in range(30)])
    assert outcomes.count("ok") == 1
    assert outcomes.count(Conflict.__name__) == 29
    idea.refresh_from_db()
    assert idea.support_count == 1 == Support.objects.filter(contribution=idea).count()


def limit_holds_under_a_race(psm, person, ideas):
    psm.process.supports_per_user = 3
    psm.process.save(update_fields=["supports_per_user"])
    outcomes = race([lambda idea=idea: support_add(user=person, contribution=idea) for idea in ideas])
    assert outcomes.count("ok") == 3
    assert Support.objects.filter(user=person).count() == 3
    assert sum(type(ideas[0]).objects.filter(pk__in=[i.pk for i in ideas]).values_list("support_count", flat=True)) == 3


def test_supports_under_concurrency(psm, contribution_factory):
    """One transactional test for all support races (each flush of the test database costs seconds)."""
    psm.set_phase("ascolto")
    people = [make_user() for _ in range(200)]
    two_hundred_people_support_the_same_contribution(people, contribution_factory())
    supports_and_withdrawals_at_once(people, contribution_factory())
    one_person_racing_with_themselves_supports_once(make_user(), contribution_factory())
    limit_holds_under_a_race(psm, make_user(), [contribution_factory() for _ in range(20)])


def two_hundred_ballots_on_the_same_items(psm, people, exercise):
    first, second, *_ = exercise.items.order_by("position")
    calls = [
        lambda user=user, n=n: ballot_cast(
            user=user, exercise=exercise, points={first.pk: 3, second.pk: 2}, zona=psm.zones[1 + n % 11]
        )
        for n, user in enumerate(people)
    ]
    assert race(calls).count("ok") == 200
    results = exercise_results(exercise)
    assert results.participants == 200
    scores = {item.item_id: (item.score, item.voters) for item in results.items}
    assert scores[first.pk] == (600, 200)
    assert scores[second.pk] == (400, 200)
    assert sum(segment.participants for segment in results.breakdowns[0].segments) == 200


def one_person_recasting_at_once_keeps_one_consistent_ballot(psm, person, exercise):
    items = list(exercise.items.order_by("position"))
    submitted = [{items[n % len(items)].pk: 3, items[(n + 1) % len(items)].pk: 2} for n in range(30)]
    calls = [
        lambda points=points: ballot_cast(user=person, exercise=exercise, points=points, zona=psm.zones[1])
        for points in submitted
    ]
    assert race(calls).count("ok") == 30
    ballot = Ballot.objects.get(user=person, exercise=exercise)
    stored = dict(Allocation.objects.filter(ballot=ballot).values_list("item_id", "points"))
    assert stored in submitted, "the allocations must be exactly one of the submitted ballots, never a mix"
    assert Allocation.objects.filter(ballot=ballot).aggregate(total=Sum("points"))["total"] == 5
    assert BallotRevision.objects.filter(ballot=ballot).count() == 30


def test_ballots_under_concurrency(psm, exercise_factory):
    psm.set_phase("co_pianificazione")
    people = [make_user() for _ in range(200)]
    two_hundred_ballots_on_the_same_items(psm, people, exercise_factory(points_total=5, points_per_item_max=3))
    one_person_recasting_at_once_keeps_one_consistent_ballot(
        psm, make_user(), exercise_factory(points_total=5, points_per_item_max=3)
    )

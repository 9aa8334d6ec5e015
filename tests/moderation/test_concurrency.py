"""Two moderators deciding on the same item at the same time; many people reporting at once.

Real threads with their own database connections: PostgreSQL only, because SQLite serialises
whole write transactions and has no row locks to test.
"""

import threading
import time

import pytest
from django.db import connection, connections

from consultazione.core.exceptions import Conflict, InvalidInput
from consultazione.moderation.models import Decision, Report
from consultazione.moderation.services import decisions as decisions_module
from consultazione.moderation.services import item_decide, report_create

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks (select_for_update) need PostgreSQL"),
]


def run_in_threads(jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as exc:  # the test inspects what each thread got
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_moderators_one_wins_the_other_is_told(submit, moderator, staff, monkeypatch):
    item = submit(pre=True)
    real_state_set = decisions_module.state_set

    def slow_state_set(locked, **kwargs):
        # Hold the row lock a while: without select_for_update the other thread would read "pending".
        time.sleep(0.3)
        real_state_set(locked, **kwargs)

    monkeypatch.setattr(decisions_module, "state_set", slow_state_set)
    results = run_in_threads(
        [
            lambda: item_decide(actor=moderator, item=item, action="approve", expected_state="pending"),
            lambda: item_decide(actor=staff, item=item, action="reject", expected_state="pending", reason_code="spam"),
        ]
    )
    winners = [r for r in results if isinstance(r, Decision)]
    losers = [r for r in results if isinstance(r, Conflict)]
    assert len(winners) == 1 and len(losers) == 1, results
    item.refresh_from_db()
    assert item.status == winners[0].to_state
    rows = list(Decision.objects.filter(contribution=item).order_by("id"))
    assert [r.result for r in rows] == ["applied", "conflict"]
    applied, conflict = rows
    assert (applied.from_state, applied.to_state) == ("pending", item.status)
    assert conflict.expected_state == "pending" and conflict.from_state == item.status
    assert {applied.actor_id, conflict.actor_id} == {moderator.pk, staff.pk}


@pytest.mark.django_db(transaction=True)
def test_simultaneous_reports_count_exactly_and_hide_once(submit, user_factory, settings):
    settings.MODERATION_AUTO_HIDE_REPORTS = 3
    item = submit()
    people = [user_factory() for _n in range(6)]
    results = run_in_threads([lambda p=p: report_create(reporter=p, item=item, reason_code="spam") for p in people])
    # The first three reports land and hide the item; the later ones find it hidden and are refused.
    assert sum(isinstance(r, Report) for r in results) == 3
    assert sum(isinstance(r, InvalidInput) for r in results) == 3
    item.refresh_from_db()
    assert item.report_count == 3
    assert item.status == "hidden"
    assert Decision.objects.filter(contribution=item, action="auto_hide").count() == 1

"""The dashboard kept in parts (reports/selectors/dashboard.py), with the page cache on: after each
change, through the real services and their commit, the figures read from the cache are the ones
counted from scratch; a new support or comment counts again only what it can move."""

import dataclasses
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultazione.accounts.roles import Role
from consultazione.contributions.models import Comment
from consultazione.contributions.services import comment_create
from consultazione.meetings.models import Attendance
from consultazione.moderation.services import item_decide, user_block
from consultazione.reports.selectors import cached_dashboard, dashboard
from consultazione.reports.selectors.participation import people_before, people_since
from consultazione.reports.selectors.scope import Scope
from consultazione.voting.models import Support
from consultazione.voting.services import support_add, support_remove
from tests.conftest import make_user


@pytest.fixture
def cached(world, settings):
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "ENABLED": True}
    world.psm.set_phase("ascolto")  # supports and comments open
    return world


def kept_equals_counted(process, **filters):
    """The dashboard as the page reads it (from its kept parts) against one counted from scratch."""
    kept = dataclasses.replace(cached_dashboard(process=process, **filters), generated_at="")
    fresh = dataclasses.replace(dashboard(process=process, **filters), generated_at="")
    assert kept == fresh
    return kept


def test_a_new_support_counts_the_person_and_reads_only_what_it_moves(cached, django_capture_on_commit_callbacks):
    process = cached.psm.process
    before = kept_equals_counted(process)
    newcomer = make_user(pseudonym="nuova-sostenitrice")
    with django_capture_on_commit_callbacks(execute=True):
        support_add(user=newcomer, contribution=cached.contributions["c4"])
    with CaptureQueriesContext(connection) as queries:
        after = cached_dashboard(process=process)
    assert after.participants.people_online == before.participants.people_online + 1
    assert ("PSM-R-4", 1) in [(row.reference, row.support_count) for row in after.top_supported]
    sql = [query["sql"] for query in queries.captured_queries]
    # the people before the last minute, the figures by kind/axis/zone, the funnel: from the cache
    assert not [q for q in sql if "UNION" in q or "GROUP BY" in q], sql
    assert len(sql) <= 4, sql  # supports and comments of the last minute, their contributions, the most supported
    kept_equals_counted(process)
    kept_equals_counted(process, axis=cached.psm.axes[2])

    # withdrawn: its only participation, so the person is no longer counted (a removal moves the base)
    with django_capture_on_commit_callbacks(execute=True):
        support_remove(user=newcomer, contribution=cached.contributions["c4"])
    assert kept_equals_counted(process).participants.people_online == before.participants.people_online


def test_a_new_comment_and_its_hiding(cached, moderator, django_capture_on_commit_callbacks):
    process = cached.psm.process
    before = kept_equals_counted(process).participants.people_online
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(author=make_user(), contribution=cached.contributions["c3"], body="Anche a Pinerolo, grazie.")
    assert kept_equals_counted(process).participants.people_online == before + 1
    with django_capture_on_commit_callbacks(execute=True):
        item_decide(actor=moderator, item=comment, action="hide", expected_state="published", reason_code="off_topic")
    assert kept_equals_counted(process).participants.people_online == before


def test_hiding_a_contribution_or_blocking_its_author_moves_every_figure(cached, moderator, django_capture_on_commit_callbacks):
    process = cached.psm.process
    before = kept_equals_counted(process)
    with django_capture_on_commit_callbacks(execute=True):
        item_decide(
            actor=moderator, item=cached.contributions["c3"], action="hide", expected_state="published", reason_code="off_topic"
        )
    hidden = kept_equals_counted(process)
    assert hidden.contributions.total == before.contributions.total - 1
    with django_capture_on_commit_callbacks(execute=True):
        user_block(actor=make_user(roles=[Role.STAFF]), user=cached.people["frank"], reason="Spam ripetuto.")
    blocked = kept_equals_counted(process)
    assert blocked.contributions.total == hidden.contributions.total - 1


def test_an_attendance_and_an_axis_renamed_in_the_admin_reach_the_figures(cached, django_capture_on_commit_callbacks):
    process = cached.psm.process
    before = kept_equals_counted(process)
    with django_capture_on_commit_callbacks(execute=True):
        Attendance.objects.create(meeting=cached.meetings["held"], method="sul_posto")
    assert kept_equals_counted(process).meetings.attendance_total == before.meetings.attendance_total + 1
    axis = cached.psm.axes[1]
    with django_capture_on_commit_callbacks(execute=True):
        axis.title = "Torino metropoli più verde"
        axis.save()  # as the admin saves it
    renamed = kept_equals_counted(process)
    assert f"{axis.code}. Torino metropoli più verde" in [row.label for row in renamed.contributions.by_axis]
    zone = cached.psm.comune("Pinerolo").zona
    with django_capture_on_commit_callbacks(execute=True):
        zone.name = "Pinerolese e valli"
        zone.save()
    assert "Pinerolese e valli" in [row["name"] for row in kept_equals_counted(process).territory.zones]


def test_the_people_before_a_moment_and_since_it_are_all_the_people(cached):
    """The kept part and the part read by date split the count without a gap or a double: at any
    moment, before it and since it together are the people counted from scratch."""
    scope = Scope(process=cached.psm.process)
    everyone = dashboard(process=cached.psm.process).participants.people_online
    carol = cached.people["carol"]  # an author of none of the public contributions: her comments and supports count
    Support.objects.filter(user=carol).update(created_at=timezone.now() - timedelta(hours=2))
    Comment.objects.filter(author=carol).update(created_at=timezone.now() - timedelta(hours=2))
    now = timezone.now()
    for moment in (now - timedelta(days=1), now - timedelta(hours=1), now + timedelta(seconds=1)):
        assert len(people_before(scope, moment) | people_since(scope, moment)) == everyone, moment
    assert people_since(scope, now - timedelta(hours=1)) <= people_before(scope, now + timedelta(seconds=1))
    assert carol.pk in people_since(scope, now - timedelta(days=1)) - people_since(scope, now - timedelta(hours=1))


def test_the_page_after_a_support_and_after_a_publish(cached, client, django_capture_on_commit_callbacks):
    """The page's sections a support cannot change are kept (core/templatetags/shared_fragments.py
    `kept`); the figures they show still move with a new contribution, and the people with a support."""
    import re

    from tests.conftest import submit_contribution

    def figures(html: str) -> dict[str, int]:
        shown = {name: int(n) for name, n in re.findall(r'data-figure="(\w+)">(\d+)<', html)}
        kinds = html.split('id="table-kind"', 1)[1].split("</table>", 1)[0]  # the table under the chart by kind
        shown["by kind"] = sum(int(n) for n in re.findall(r'<td class="text-end">(\d+)</td>', kinds))
        return shown

    first = figures(client.get("/dati/").content.decode())
    assert first["by kind"] == first["contributions"] == dashboard(process=cached.psm.process).contributions.total
    with django_capture_on_commit_callbacks(execute=True):
        support_add(user=make_user(), contribution=cached.contributions["c4"])
    supported = figures(client.get("/dati/").content.decode())
    assert supported == {**first, "people": first["people"] + 1}
    with django_capture_on_commit_callbacks(execute=True):
        submit_contribution(cached.psm, make_user(), title="Treni per Pinerolo", body="Più treni.", axis=cached.psm.axes[1])
    published = figures(client.get("/dati/").content.decode())
    assert published["contributions"] == published["by kind"] == first["contributions"] + 1

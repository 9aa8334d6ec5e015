"""Lists never run a query per row: the query count does not grow with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultazione.meetings.services import attendance_check_in

from .conftest import register

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_calendar_query_count_is_constant(client, make_meeting, psm):
    make_meeting(title="Primo", axes=[psm.axes[1]])
    few = _queries(client, "/incontri/")
    for n in range(6):
        make_meeting(title=f"Altro {n}", axes=[psm.axes[2], psm.axes[3]], zones=[psm.zones[5]])
    assert _queries(client, "/incontri/") == few
    assert _queries(client, "/api/v1/meetings/") == _queries(client, "/api/v1/meetings/?page_size=1")


def test_staff_lists_query_count_is_constant(client, meeting, staff):
    client.force_login(staff)
    first = register(meeting, 1, organisation_name="Ente").registration
    attendance_check_in(actor=staff, registration=first)
    urls = [
        reverse(f"meetings:{name}", args=[meeting.slug])
        for name in ("registrations", "attendance", "attendance_export", "checkin")
    ]
    before = {url: _queries(client, url) for url in urls}
    for n in range(2, 9):
        attendance_check_in(actor=staff, registration=register(meeting, n).registration)
    assert {url: _queries(client, url) for url in urls} == before


def test_report_data_query_count_is_constant(held_meeting, make_meeting, staff, facilitator, psm):
    from consultazione.meetings.services import TableSpec, table_contribution_add, table_output_save
    from consultazione.reports.restituzione.data import report_data

    with CaptureQueriesContext(connection) as small:
        report_data(held_meeting, show_organisation_names=True)
    bigger = make_meeting(
        days=-1,
        is_institutional=True,
        tables=[TableSpec(f"T{n}", axis=psm.axes[n], facilitator=facilitator) for n in range(1, 7)],
    )
    for table in bigger.tables.all():
        table_output_save(actor=staff, table=table, summary="Sintesi", strategies=list(table.axis.strategies.all()[:2]))
        for k in range(3):
            table_contribution_add(
                actor=staff, table=table, kind="idea", title=f"Idea numero {k} del tavolo", body="Testo della proposta."
            )
    with CaptureQueriesContext(connection) as large:
        report_data(bigger, show_organisation_names=True)
    assert len(large.captured_queries) == len(small.captured_queries)

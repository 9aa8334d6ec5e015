"""`<time datetime>` holds a valid HTML date or global date-time string (no microseconds)."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

from consultazione.contributions.services import comment_create
from consultazione.core.templatetags.machine_dates import machine
from tests.conftest import make_user

VALID = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.datetime(2026, 12, 6, 5, 36, 12, 123456, tzinfo=datetime.UTC), "2026-12-06T06:36:12+01:00"),
        (datetime.datetime(2026, 7, 1, 10, 0, 0, 999, tzinfo=ZoneInfo("Europe/Rome")), "2026-07-01T10:00:00+02:00"),
        (datetime.date(2024, 7, 19), "2024-07-19"),
        (None, ""),
        ("", ""),
    ],
)
def test_machine_filter(value, expected):
    assert machine(value) == expected


def test_every_time_element_on_a_contribution_page_is_valid(client, submit, citizen):
    contribution = submit(citizen)
    comment_create(author=make_user(), contribution=contribution, body="Sono d'accordo", alignment=1)
    for path in [f"/contributi/{contribution.reference}/", "/contributi/"]:
        html = client.get(path).content.decode()
        values = re.findall(r'<time datetime="([^"]*)"', html)
        assert values, path
        assert [v for v in values if not VALID.match(v)] == [], path

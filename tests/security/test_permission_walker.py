"""The permission walker: every URL pattern of the project, requested by every role, answers
with the status its row in the expectation table says (see docs/security.md)."""

from collections import Counter

import pytest
from django.urls import resolve

from . import table_api, table_data, table_meetings, table_participation, table_site, table_stakeholders
from .routes import all_routes, routes_needing_a_row
from .walker import failure_detail, outcome, request_as
from .world import ROLES

ROWS = table_site.ROWS + table_participation.ROWS + table_meetings.ROWS + table_data.ROWS + table_api.ROWS
ROWS += table_stakeholders.ROWS


def test_every_project_route_has_a_row():
    missing = sorted({route.name or route.route for route in routes_needing_a_row()} - {row.name for row in ROWS})
    assert not missing, f"routes without a row in the permission table (name them, add rows: docs/security.md): {missing}"


def test_every_row_names_an_existing_route():
    names = {route.name for route in all_routes()}
    assert not sorted({row.name for row in ROWS} - names)


def test_one_route_per_name():
    """A second pattern under an existing name would hide behind that name's row (DRF's `.json`
    twins of every API route would: api/routers.py turns them off)."""
    counts = Counter(route.name for route in routes_needing_a_row())
    assert not [name for name, count in counts.items() if count > 1]


def test_row_ids_are_unique():
    counts = Counter(row.id for row in ROWS)
    assert not [row_id for row_id, count in counts.items() if count > 1]


def _walk(world, row, url: str, methods) -> tuple[dict, dict, dict]:
    expected, actual, details = {}, {}, {}
    for method in methods:
        for role, token in zip(ROLES, row.expected[method], strict=True):
            data = row.data(world) if row.data and method != "get" else None
            response = request_as(world, role, method, url, data=data, json=row.json)
            expected[method, role] = token
            actual[method, role] = outcome(response)
            if detail := failure_detail(response):
                details[method, role] = detail
    return expected, actual, details


def _report(row, url: str, expected: dict, actual: dict, details: dict) -> str:
    lines = [f"{row.id} {url}", f"{'':8}" + "".join(f"{role:>13}" for role in ROLES)]
    for method in dict.fromkeys(method for method, _role in expected):
        lines.append(f"{method:>8}" + "".join(f"{expected[method, role]:>13}" for role in ROLES) + "   expected")
        lines.append(f"{'':8}" + "".join(f"{actual[method, role]:>13}" for role in ROLES) + "   actual")
    lines += [f"{method} as {role}: {detail}" for (method, role), detail in details.items()]
    return "\n".join(lines)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_route(world, db, row):
    url = row.url(world)
    assert resolve(url.split("?")[0]).view_name == row.name, f"{url} is not served by {row.name}"
    expected, actual, details = _walk(world, row, url, row.expected)
    assert actual == expected, _report(row, url, expected, actual, details)

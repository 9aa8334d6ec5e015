"""The monitoring overview reads its plan, roll-up and latest updates once per version of the
monitoring and of the site (the page's own scopes, monitoring/views/public.py): another address
of it reads no row, and a tracked action's new status shows on the next request."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultazione.monitoring.selectors import plan_in_force
from consultazione.monitoring.services import tracking_update
from consultazione.plan.models import Action

pytestmark = pytest.mark.django_db


def completed(html: str) -> int:
    found = re.search(r'\?status=completed"[^>]*>.*?<span>(\d+)</span>', html, re.S)
    assert found, "no count of completed actions on the page"
    return int(found.group(1))


def test_another_address_reads_nothing_and_a_new_status_shows_on_the_next_request(
    psm, browser, staff, django_capture_on_commit_callbacks
):
    plan = plan_in_force()
    before = completed(browser.get("/monitoraggio/?utm_source=newsletter").text)
    with CaptureQueriesContext(connection) as queries:
        page = browser.get("/monitoraggio/?utm_source=social")
    assert page.served == "miss" and completed(page.text) == before
    assert queries.captured_queries == []
    action = Action.objects.filter(strategy__axis__plan=plan).exclude(tracking__status="completed").order_by("code").first()
    with django_capture_on_commit_callbacks(execute=True):
        tracking_update(actor=staff, action=action, data={"status": "completed", "progress": 100}, source="admin")
    assert completed(browser.get("/monitoraggio/?utm_source=newsletter").text) == before + 1

"""A visitor follows the plan's implementation (progress bars, status filter, indicator chart);
a steering committee member comments on a proposed change. No serious axe violation."""

import re
from datetime import date
from decimal import Decimal

from axe_playwright_python.sync_playwright import Axe

from consultazione.monitoring.models import ActionTracking, ActionUpdate, Indicator, SteeringComment
from consultazione.monitoring.services import action_update_save, indicator_save, indicator_value_record, tracking_update
from tests.e2e.conftest import login

_axe = Axe()


def serious_violations(page) -> list[str]:
    return [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
        for v in _axe.run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def _track(psm, staff) -> dict:
    actions = {a.code: a for a in psm.plan.axes.get(code=1).strategies.get(code="1.1").actions.all()}
    tracking_update(actor=staff, action=actions["1.1.1"], data={"status": "in_progress", "progress": 40}, source="admin")
    tracking_update(actor=staff, action=actions["1.1.2"], data={"status": "suspended", "progress": 10}, source="admin")
    tracking = ActionTracking.objects.get(action=actions["1.1.1"])
    indicator = indicator_save(
        actor=staff,
        indicator=Indicator(tracking=tracking, name="Comuni connessi", unit="percent", baseline=Decimal(60), target=Decimal(100)),
        source="admin",
    )
    for day, value in ((date(2024, 12, 31), 66), (date(2025, 6, 30), 72)):
        indicator_value_record(actor=staff, indicator=indicator, date=day, value=Decimal(value), unit="percent", source="admin")
    action_update_save(
        actor=staff,
        update=ActionUpdate(tracking=tracking, date=date(2025, 7, 1), title="Cantieri avviati", text="Primi cantieri."),
        source="admin",
    )
    action_update_save(
        actor=staff,
        update=ActionUpdate(
            tracking=tracking, kind="proposal", date=date(2025, 8, 1), title="Proposta: anticipare la fine", text="Da votare."
        ),
        source="admin",
    )
    return actions


def test_visitor_follows_the_implementation(page, live_url, psm, staff):
    _track(psm, staff)
    page.goto(f"{live_url}/")
    page.get_by_role("navigation", name="Menu principale").get_by_role("link", name="Monitoraggio").click()
    page.wait_for_url(re.compile(r"/monitoraggio/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Monitoraggio del PSM 2024-2026"
    axis_bar = page.get_by_role("progressbar", name="Avanzamento dell'asse 1")
    assert axis_bar.get_attribute("value") == "17"  # strategy 1.1: (40 + 10 + 0) / 3 = 16.7; only strategy of axis 1
    assert page.get_by_text("Cantieri avviati").is_visible()
    assert "Proposta: anticipare la fine" not in page.content()
    assert serious_violations(page) == []

    page.get_by_role("link", name=re.compile(r"^Asse 1 –")).click()
    page.get_by_label("Stato di attuazione", exact=True).select_option("suspended")
    page.get_by_role("button", name="Filtra").click()
    page.wait_for_url(re.compile(r"status=suspended"))
    table = page.get_by_role("table", name="Azioni della strategia 1.1")
    assert table.get_by_role("link", name=re.compile(r"^1\.1\.2")).is_visible()
    assert table.get_by_role("link", name=re.compile(r"^1\.1\.1")).count() == 0

    page.goto(f"{live_url}/monitoraggio/piano/psm-2024-2026/azioni/1.1.1/")
    chart = page.locator("canvas[data-chart]")
    chart.and_(page.locator("[data-chart-ready]")).wait_for()  # rendered by charts.js, no CSP error
    values = page.get_by_role("table", name="Valori misurati: Comuni connessi").locator("tbody tr")
    assert values.count() == 2
    assert page.get_by_role("progressbar", name="Avanzamento dell'azione").get_attribute("value") == "40"
    assert serious_violations(page) == []


def test_steering_member_comments_on_a_proposed_change(page, page_errors, live_url, psm, staff, steering_member, citizen):
    _track(psm, staff)
    login(page, live_url, citizen.email)
    page_errors.expect(status=403, url_part="/monitoraggio/cabina-di-regia/")
    response = page.goto(f"{live_url}/monitoraggio/cabina-di-regia/")
    assert response.status == 403
    page.context.clear_cookies()

    login(page, live_url, steering_member.email)
    page.goto(f"{live_url}/monitoraggio/cabina-di-regia/")
    proposal = page.get_by_role("article", name="Proposta: anticipare la fine")
    assert proposal.get_by_role("link", name="Vota in riunione con i sondaggi live").is_visible()
    proposal.get_by_label("Il tuo commento").fill("D'accordo, se i fondi lo consentono.")
    proposal.get_by_role("button", name="Commenta").click()
    page.wait_for_url(re.compile(r"#aggiornamento-"))
    assert page.get_by_role("article", name="Proposta: anticipare la fine").get_by_text("D'accordo").is_visible()
    assert SteeringComment.objects.get().author == steering_member
    assert serious_violations(page) == []

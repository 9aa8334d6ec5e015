"""A citizen supports two ideas, spends their points in the dot-voting exercise of their zone and
sees the results; the voting pages pass axe with no serious violations and no CSP violation."""

from axe_playwright_python.sync_playwright import Axe

from consultazione.accounts.roles import Role
from consultazione.voting.models import Ballot, Method, ResultsVisibility, Support
from consultazione.voting.services import exercise_create
from tests.conftest import make_user
from tests.e2e.conftest import login
from tests.voting.conftest import make_contribution

_axe = Axe()


def serious_violations(page) -> list[str]:
    return [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
        for v in _axe.run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_citizen_supports_and_prioritises(page, live_url, psm):
    psm.set_phase("co_pianificazione")
    ideas = [
        make_contribution(psm, title="Più corse del treno per Pinerolo la sera"),
        make_contribution(psm, title="Una rete di sentieri tra le valli", axis=2),
    ]
    pinerolese = psm.zones[5].macro_area
    exercise = exercise_create(
        actor=make_user(roles=[Role.STAFF]),
        process=psm.process,
        title="Le priorità del Pinerolese",
        method=Method.DOTS,
        scope="plan",
        macro_area=pinerolese,
        points_total=10,
        points_per_item_max=4,
        results_visibility=ResultsVisibility.LIVE,
        open_now=True,
    )
    first, second, *_ = exercise.items.select_related("strategy").order_by("position")
    citizen = make_user(pseudonym="abitante-del-pinerolese")
    login(page, live_url, citizen.email)

    for idea in ideas:
        page.goto(f"{live_url}/contributi/{idea.reference}/")
        slot = page.locator("[data-support-slot]")
        slot.get_by_role("button", name="Sostieni").click()
        page.locator("[data-support-slot]").get_by_role("button", name="Ritira il sostegno").wait_for()
        assert "1 sostegno" in page.locator("[data-support-slot]").inner_text()
    assert Support.objects.filter(user=citizen).count() == 2

    page.goto(f"{live_url}/priorita/")
    page.get_by_role("link", name="Le priorità del Pinerolese").click()
    assert serious_violations(page) == []
    page.get_by_label(first.label).fill("4")
    page.get_by_label(second.label).fill("3")
    assert "Ti restano 3 punti su 10." in page.locator("[data-points-left]").inner_text()
    page.get_by_label(second.label).fill("4")
    page.get_by_label("Il tuo comune (facoltativo)").select_option(label="Pinerolo")
    page.get_by_role("button", name="Invia la scheda").click()
    page.wait_for_load_state("networkidle")
    assert "La tua scheda è registrata" in page.locator(".site-messages").inner_text()
    ballot = Ballot.objects.get(user=citizen, exercise=exercise)
    assert ballot.zona == psm.zones[5]
    assert sorted(ballot.allocations.values_list("points", flat=True)) == [4, 4]

    page.get_by_role("link", name="Vedi i risultati").click()
    page.wait_for_load_state("networkidle")
    table = page.locator("table[data-results-table]")
    assert "1 partecipante" in page.locator("main").inner_text()
    assert first.strategy.code in table.locator("tbody tr").first.inner_text()
    assert table.locator("tbody tr").first.locator("td").nth(1).inner_text() == "4"
    page.locator("canvas[data-chart-ready]").first.wait_for(state="attached")
    assert serious_violations(page) == []

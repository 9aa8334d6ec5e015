"""Staff move the active phase from the site, on a laptop and on a phone; citizens see the new
phase on the home page at once."""

import pytest

from consultazione.accounts.roles import Role
from consultazione.process.models import Phase
from tests.conftest import make_user
from tests.e2e.conftest import login


def _inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 1
        and inner["y"] >= outer["y"] - 1
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
    )


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (390, 844)])
def test_staff_activate_a_phase_and_the_home_page_follows(page, live_url, psm, width, height):
    psm.set_phase("ascolto")
    page.set_viewport_size({"width": width, "height": height})
    staff = make_user(roles=[Role.STAFF])
    login(page, live_url, staff.email)

    page.goto(f"{live_url}/")
    page.get_by_role("link", name="Gestisci le fasi del processo").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text() == "Fasi del processo"
    cards = page.locator("ol[aria-label='Fasi del processo'] > li")
    assert cards.count() == 4
    # every button sits inside its card and no card overflows the screen
    for index in range(4):
        card = cards.nth(index).locator(".card")
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"card {index} overflows at {width}px"
        button = card.get_by_role("button")
        if button.count():
            assert _inside(button.bounding_box(), box)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"/tmp/process-phases-{width}.png", full_page=True)

    approvazione = cards.filter(has_text="Approvazione del Piano")
    approvazione.get_by_role("button", name="Attiva questa fase").click()
    page.wait_for_load_state("networkidle")
    assert "«Approvazione del Piano» è ora la fase attiva." in page.locator(".alert").first.inner_text()
    assert "attiva" in approvazione.inner_text().lower()
    assert Phase.objects.get(process=psm.process, force_active=True).kind == "approvazione"

    # a citizen's home page shows the new phase and no longer offers to submit
    page.context.clear_cookies()
    page.goto(f"{live_url}/")
    callout = page.locator(".callout-title").first
    assert "approvazione del piano" in callout.inner_text().lower()
    assert page.get_by_role("link", name="Invia un contributo").count() == 0

    login(page, live_url, staff.email)
    page.goto(f"{live_url}/processi/{psm.process.slug}/")
    page.get_by_role("button", name="Segui di nuovo il calendario").click()
    page.wait_for_load_state("networkidle")
    assert "segue di nuovo il calendario" in page.locator(".alert").first.inner_text()
    assert not Phase.objects.filter(process=psm.process, force_active=True).exists()

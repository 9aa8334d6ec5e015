"""Issue 17 item 5: one breadcrumb trail. On a phone and a laptop, the trail of an app page, a
monitoring page and a CMS page starts at home, ends at the page, and fits the screen. Screenshots
in $GLUE_SHOTS (default /tmp/shots/glue) for a person to look at."""

import os
from pathlib import Path

import pytest

from cms.models import AxisPage
from tests.conftest import make_user
from tests.e2e.conftest import login

SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True},
    "laptop": {"viewport": {"width": 1280, "height": 720}},
}
SHOTS = Path(os.environ.get("GLUE_SHOTS", "/tmp/shots/glue"))


@pytest.mark.parametrize("size", SIZES)
def test_the_trail_starts_at_home_and_fits(browser, live_url, psm, size):
    psm.set_phase("ascolto")
    axis_page = AxisPage.objects.live().order_by("path").first()
    pages = {
        "contribution-form": ("/contributi/nuovo/", "Nuovo contributo"),  # had no home crumb
        "contributions": ("/contributi/", "Contributi"),
        "monitoring": ("/monitoraggio/piano/psm-2024-2026/azioni/1.1.1/", "Azione 1.1.1"),
        "cms-axis": (axis_page.url, axis_page.title),
    }
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    citizen = make_user()
    login(page, live_url, citizen.email)
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = SIZES[size]["viewport"]["width"]
    for name, (path, current) in pages.items():
        page.goto(f"{live_url}{path}")
        trail = page.get_by_role("navigation", name="Percorso")
        page.screenshot(path=str(SHOTS / f"{name}-{size}.png"))
        assert trail.count() == 1, name
        items = trail.get_by_role("listitem")
        home = items.first.get_by_role("link")
        assert home.get_attribute("href") == "/" and home.is_visible(), name
        assert items.last.inner_text().strip() == current, name
        assert items.last.get_attribute("aria-current") == "page", name
        box = trail.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"{name}: the trail is wider than the screen"
        for n in range(items.count()):
            item = items.nth(n).bounding_box()
            assert item["x"] >= 0 and item["x"] + item["width"] <= width + 1, f"{name}: crumb {n} leaves the screen"
    context.close()

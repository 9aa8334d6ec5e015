"""axe-core over every public page type: zero serious or critical violations."""

from axe_playwright_python.sync_playwright import Axe

PUBLIC_PAGES = [
    "/",
    "/piano/",
    "/piano/asse-1/",
    "/privacy/",
    "/dichiarazione-accessibilita/",
    "/account/login/",
    "/account/signup/",
]

_axe = Axe()


def serious_violations(page) -> list[str]:
    results = _axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_public_pages_have_no_serious_accessibility_violations(page, live_url, psm):
    """One server and one seed for all pages (a test per page would reseed each time)."""
    psm.set_phase("co_pianificazione")
    found = {}
    for path in PUBLIC_PAGES:
        response = page.goto(live_url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        violations = serious_violations(page)
        if violations:
            found[path] = violations
    assert found == {}

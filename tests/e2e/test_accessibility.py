"""axe-core over every public page type, the signed-in pages and the live phone and projector
screens: zero serious or critical violations.

The pages are scanned on the demo site (cms.demo: contributions, comments, priority exercises,
meetings, monitoring, reports), so that they hold realistic content rather than empty states.
The test is parametrized by audience: one seed and one server per audience, not per page.

axe leaves the colour contrast of some text "incomplete" when it cannot tell the background
(a badge it believes partly covered, a table cell beside a chart); `unresolved_contrast`
measures those against the nearest opaque background instead of trusting them."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cms.demo import DEMO_PASSWORD, demo_load
from consultazione.contributions.models import Contribution
from consultazione.live.models import Kind
from consultazione.live.services import OptionSpec, QuestionSpec, question_create, question_open, session_create
from consultazione.meetings.selectors import meetings_public
from consultazione.voting.models import ExerciseStatus, PriorityExercise
from tests.e2e.conftest import login
from tests.e2e.test_keyboard import off_the_browser_loop

_axe = Axe()
SERIOUS = {"serious", "critical"}
PHONE = {"width": 360, "height": 740}

_CONTRAST = """(nodes) => {
  const channel = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  const luminance = (rgb) => {
    const [r, g, b] = rgb.match(/[\\d.]+/g).map(Number)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
  }
  const opaque = (colour) => { const parts = colour.match(/[\\d.]+/g); return parts.length === 3 || Number(parts[3]) === 1 }
  return nodes.flatMap(([selector, expected]) => {
    const element = document.querySelector(selector)
    if (!element) return []
    let holder = element
    while (holder && !opaque(getComputedStyle(holder).backgroundColor)) holder = holder.parentElement
    const background = holder ? getComputedStyle(holder).backgroundColor : 'rgb(255, 255, 255)'
    const [a, b] = [luminance(getComputedStyle(element).color), luminance(background)]
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
    return ratio < expected ? [`${selector} ${ratio.toFixed(2)}:1 < ${expected}:1`] : []
  })
}"""


def unresolved_contrast(page, incomplete) -> list[str]:
    """Text whose contrast axe could not decide (a partly covered or overlapped box, short text),
    measured against the nearest opaque background."""
    nodes = [
        (node["target"][0], float(check["data"]["expectedContrastRatio"].split(":")[0]))
        for result in incomplete
        if result["id"] == "color-contrast"
        for node in result["nodes"]
        for check in node["any"]
        if isinstance(node["target"][0], str)
        and (check.get("data") or {}).get("messageKey") in {"elmPartiallyObscured", "bgOverlap", "shortTextContent"}
    ]
    return page.evaluate(_CONTRAST, nodes) if nodes else []


def serious_violations(page) -> list[str]:
    results = _axe.run(page).response
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in SERIOUS
    ]
    return found + [f"color-contrast (serious): {text}" for text in unresolved_contrast(page, results["incomplete"])]


# Path templates, filled with the demo objects of `_demo_values`; (path, status) for error pages.
PAGES = {
    "visitor": [
        "/",
        "/piano/",
        "/piano/asse-1/",
        "/privacy/",
        "/dichiarazione-accessibilita/",
        "/netiquette/",
        "/contributi/?axis={axis}&channel=online",
        "/contributi/{contribution}/",
        "/account/login/",
        "/account/signup/",
        "/priorita/",
        "/incontri/",
        "/incontri/{meeting}/",
        "/monitoraggio/",
        "/monitoraggio/piano/psm-2024-2026/azioni/1.1.1/",
        "/dati/",
        "/dati/open-data/",
        ("/pagina-che-non-esiste/", 404),
    ],
    # The same site on a phone: collapsed menu, wide tables that scroll sideways.
    "phone": [
        "/",
        "/contributi/?kind=criticita",
        "/contributi/{contribution}/",
        "/incontri/{meeting}/",
        "/monitoraggio/",
        "/monitoraggio/piano/psm-2024-2026/azioni/1.1.1/",
        "/dati/",
    ],
    "citizen": [
        "/contributi/nuovo/",
        "/profilo/",
        "/organizzazioni/richiesta/?q=as",
        "/priorita/{exercise}/",
        ("/monitoraggio/cabina-di-regia/", 403),
    ],
    "moderator": [
        "/moderazione/",
    ],
}
LOGINS = {"citizen": "cittadina@example.org", "moderator": "moderatore@example.org"}


def _demo_values(psm) -> dict[str, object]:
    return {
        "axis": psm.axes[1].pk,
        "contribution": Contribution.objects.public().filter(comment_count__gt=0).order_by("pk").first().reference,
        "meeting": meetings_public(kind="", zone=None, when="upcoming").first().slug,
        "exercise": PriorityExercise.objects.filter(status=ExerciseStatus.OPEN).order_by("pk").first().pk,
    }


def _scan(page, live_url, pages, page_errors=None) -> dict[str, list[str]]:
    found = {}
    for path, status in pages:
        if status != 200:
            page_errors.expect(status=status, url_part=path)  # an error page visited on purpose
        response = page.goto(live_url + path)
        assert (response.status, page.url) == (status, live_url + path), path
        page.wait_for_load_state("networkidle")
        if violations := serious_violations(page):
            found[path] = violations
    return found


@pytest.mark.parametrize("audience", list(PAGES))
def test_pages_have_no_serious_accessibility_violations(page, page_errors, live_url, psm, settings, audience):
    settings.CREATE_DEMO_ADMIN = True
    demo_load(process=psm.process)
    if audience == "phone":
        page.set_viewport_size(PHONE)
    if audience in LOGINS:
        login(page, live_url, LOGINS[audience], DEMO_PASSWORD)
    values = _demo_values(psm)
    pages = [(entry, 200) if isinstance(entry, str) else entry for entry in PAGES[audience]]
    assert _scan(page, live_url, [(path.format(**values), status) for path, status in pages], page_errors) == {}


def test_live_screens_have_no_serious_accessibility_violations(page, live_url, facilitator):
    """The join page, then on a phone the session's join step, an open question and the answer
    sent, then the projector with the count."""
    session = session_create(user=facilitator, title="Plenaria accessibile")
    spec = QuestionSpec(kind=Kind.SINGLE, text="Quale asse conta di più?", options=(OptionSpec("Mobilità"), OptionSpec("Scuola")))
    off_the_browser_loop(question_open, user=facilitator, question=question_create(user=facilitator, session=session, spec=spec))
    found = _scan(page, live_url, [("/live/", 200)])

    page.set_viewport_size(PHONE)
    found.update(_scan(page, live_url, [(f"/live/{session.code}/", 200)]))
    page.get_by_role("button", name="Partecipa").click()
    expect(page.get_by_role("heading", name="Quale asse conta di più?")).to_be_visible()
    found.update({"phone: open question": v} if (v := serious_violations(page)) else {})
    page.get_by_role("button", name="Scuola").click()
    page.get_by_role("button", name="Invia").click()
    expect(page.get_by_text("Risposta registrata.")).to_be_visible()
    found.update({"phone: answer sent": v} if (v := serious_violations(page)) else {})

    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{live_url}/live/{session.code}/projector/")
    expect(page.locator("[data-live-answers]")).to_have_text("1 risposta")
    found.update({"projector": v} if (v := serious_violations(page)) else {})
    assert found == {}

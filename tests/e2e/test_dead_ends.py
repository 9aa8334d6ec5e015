"""Issue 16 item 9, smaller dead ends, in the browser: the axis page's "Invia un contributo"
preselects the axis, similar titles come from every axis, the moderation queue searches, the
dashboard filters by phase and category with human dates (1280×720); the final report editor's
labels do not overlap (1280×720 and 390×844); a person changes the pseudonym and lands signed in
after confirming the email (390×844). Screenshots in /tmp/deadends16-shots/."""

from pathlib import Path

import pytest

from tests.e2e.conftest import login

DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
SHOTS = Path("/tmp/deadends16-shots")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _intersect(a, b) -> bool:
    horizontal = a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
    return horizontal and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def overlapping_labels(page, scope: str) -> list[str]:
    """Labels of `scope` that cover their own control, another control or another label."""
    boxes = page.evaluate(
        """(scope) => {
          const box = (el) => {
            const r = el.getBoundingClientRect();
            return {x: r.x, y: r.y + scrollY, width: r.width, height: r.height};
          };
          const root = document.querySelector(scope);
          const labels = [...root.querySelectorAll('label')].filter((l) => l.offsetParent !== null);
          const controls = [...root.querySelectorAll('input:not([type=hidden]), textarea, select')]
            .filter((c) => c.offsetParent !== null);
          return {
            labels: labels.map((l) => ({text: l.textContent.trim(), for: l.htmlFor, box: box(l)})),
            controls: controls.map((c) => ({id: c.id, box: box(c)})),
          };
        }""",
        scope,
    )
    problems = []
    for i, label in enumerate(boxes["labels"]):
        for control in boxes["controls"]:
            if control["box"]["width"] and _intersect(label["box"], control["box"]):
                problems.append(f"{label['text']!r} over #{control['id']}")
        for other in boxes["labels"][i + 1 :]:
            if _intersect(label["box"], other["box"]):
                problems.append(f"{label['text']!r} over {other['text']!r}")
    return problems


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_final_report_editor_labels_do_not_overlap(browser, live_url, psm, viewport):
    from tests.reports.conftest import build_world

    world = build_world(psm)
    page = browser.new_context(viewport=viewport).new_page()
    login(page, live_url, world.people["staff"].email)
    page.goto(f"{live_url}/dati/{psm.process.slug}/rapporto/modifica/")
    page.locator("[data-report-form]").wait_for()
    shot(page, f"f-report-editor-{viewport['width']}")
    assert overlapping_labels(page, "[data-report-form]") == []

"""Issue 16 item 8: phone layouts at 390×844. The list's first result is on the first screen (the
filters fold behind one «Filtra» button below the lg breakpoint, open from lg up, usable without
JS), the home page's phase box and «Invia un contributo» are on the first screen, and no label box
intersects an input box on the list, the contribution form and the dot-voting ballot — a person
can tell which box is which strategy. Screenshots of each page at phone and laptop size are saved
in $LAYOUT_SHOTS (default /tmp/layout-shots) for a person to look at."""

import os
from pathlib import Path

import pytest

from consultazione.accounts.roles import Role
from consultazione.voting.models import Method, ResultsVisibility
from consultazione.voting.services import exercise_create
from tests.conftest import make_user
from tests.e2e.conftest import login
from tests.voting.conftest import make_contribution

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 720}}
SHOTS = Path(os.environ.get("LAYOUT_SHOTS", "/tmp/layout-shots"))

# Every visible label and every visible form control inside `root`, with their boxes; the pairs
# whose boxes intersect (a label over its own input or another one: which box is which?).
OVERLAPS_JS = """
(root) => {
  const visible = (el) => {
    const r = el.getBoundingClientRect()
    const style = getComputedStyle(el)
    return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none'
  }
  const name = (el) => el.id || el.getAttribute('for') || el.name || el.textContent.trim().slice(0, 40)
  const labels = [...root.querySelectorAll('label')].filter(visible)
  const controls = [...root.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter((el) => visible(el) && !['checkbox', 'radio'].includes(el.type))
  const out = []
  for (const label of labels) {
    const a = label.getBoundingClientRect()
    for (const control of controls) {
      const b = control.getBoundingClientRect()
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left)
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
      if (w > 1 && h > 1) out.push(`label «${name(label)}» over input «${name(control)}» (${Math.round(w)}×${Math.round(h)} px)`)
    }
  }
  return {labels: labels.length, controls: controls.length, overlaps: out}
}
"""


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_overlaps(page, selector: str, *, least: int) -> None:
    found = page.locator(selector).first.evaluate(OVERLAPS_JS)
    assert found["labels"] >= least and found["controls"] >= least, found
    assert found["overlaps"] == [], found["overlaps"]


def top_of(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("(el) => el.getBoundingClientRect().top + window.scrollY")


def bottom_of(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("(el) => el.getBoundingClientRect().bottom + window.scrollY")


@pytest.fixture
def ideas(psm):
    psm.set_phase("ascolto")
    return [make_contribution(psm, title=f"Idea per la mobilità del territorio numero {n}") for n in range(3)]


def test_list_first_result_on_the_first_phone_screen_filters_behind_one_button(browser, live_url, ideas):
    phone = browser.new_page(**PHONE)
    phone.goto(f"{live_url}/contributi/")
    shoot(phone, "list-phone-closed")
    toggle = phone.locator("details.contribution-filters-panel > summary")
    assert toggle.is_visible() and "Filtra" in toggle.inner_text()
    assert not phone.locator("#id_q").is_visible()  # folded on a phone
    first = phone.locator("article.contribution-card").first
    assert top_of(phone, "article.contribution-card") <= 844 - 100, "the first result is not on the first screen"
    assert ideas[-1].title in first.inner_text()
    toggle.click()
    assert phone.locator("#id_q").is_visible()
    no_overlaps(phone, "form.contribution-filters", least=5)
    shoot(phone, "list-phone-open")
    phone.locator("#id_q").fill("mobilità")
    phone.locator("form.contribution-filters").get_by_role("button", name="Applica").click()
    phone.wait_for_load_state("networkidle")
    assert "mobilit" in phone.url
    assert "1 filtro attivo" in phone.locator("details.contribution-filters-panel > summary").inner_text()

    laptop = browser.new_page(**LAPTOP)
    laptop.goto(f"{live_url}/contributi/")
    assert laptop.locator("#id_q").is_visible()  # open from lg up
    no_overlaps(laptop, "form.contribution-filters", least=5)
    shoot(laptop, "list-laptop")


def test_list_filters_work_without_javascript(browser, live_url, ideas):
    phone = browser.new_context(java_script_enabled=False, **PHONE).new_page()
    phone.goto(f"{live_url}/contributi/")
    assert top_of(phone, "article.contribution-card") <= 844 - 100
    phone.locator("details.contribution-filters-panel > summary").click()
    phone.locator("#id_q").fill("numero 1")
    phone.locator("form.contribution-filters").get_by_role("button", name="Applica").click()
    assert phone.locator("article.contribution-card").count() >= 1
    laptop = browser.new_context(java_script_enabled=False, **LAPTOP).new_page()
    laptop.goto(f"{live_url}/contributi/")
    assert laptop.locator("#id_q").is_visible()


def test_home_phase_box_and_submit_button_on_the_first_phone_screen(browser, live_url, psm):
    psm.set_phase("ascolto")
    phone = browser.new_page(**PHONE)
    phone.goto(f"{live_url}/")
    shoot(phone, "home-phone")
    button = phone.locator("main").get_by_role("link", name="Invia un contributo").first
    assert button.is_visible()
    assert bottom_of(phone, "[data-active-phase]") <= 844 or top_of(phone, "[data-active-phase]") <= 844 - 120
    box = button.bounding_box()
    assert box["y"] + box["height"] <= 844, box
    laptop = browser.new_page(**LAPTOP)
    laptop.goto(f"{live_url}/")
    shoot(laptop, "home-laptop")
    assert laptop.locator("[data-active-phase]").bounding_box()["y"] <= 720  # the phase box starts on the first screen


def test_contribution_form_labels_do_not_cover_inputs(browser, live_url, psm):
    psm.set_phase("ascolto")
    citizen = make_user()
    for size, options in [("phone", PHONE), ("laptop", LAPTOP)]:
        page = browser.new_context(**options).new_page()
        login(page, live_url, citizen.email)
        page.goto(f"{live_url}/contributi/nuovo/")
        page.get_by_label("Titolo", exact=True).fill("Più corse serali sulla linea per Pinerolo")
        shoot(page, f"form-{size}")
        no_overlaps(page, "main form", least=5)


def test_dot_voting_labels_say_which_box_is_which_strategy(browser, live_url, psm):
    psm.set_phase("co_pianificazione")
    exercise = exercise_create(
        actor=make_user(roles=[Role.STAFF]),
        process=psm.process,
        title="Le priorità del Pinerolese",
        method=Method.DOTS,
        scope="plan",
        macro_area=psm.zones[5].macro_area,
        points_total=10,
        points_per_item_max=4,
        results_visibility=ResultsVisibility.LIVE,
        open_now=True,
    )
    items = list(exercise.items.order_by("position"))
    citizen = make_user()
    for size, options in [("phone", PHONE), ("laptop", LAPTOP)]:
        page = browser.new_context(**options).new_page()
        login(page, live_url, citizen.email)
        page.goto(f"{live_url}/priorita/{exercise.pk}/")
        page.wait_for_load_state("networkidle")
        shoot(page, f"ballot-{size}")
        no_overlaps(page, "form[data-ballot-form]", least=len(items))
        for item in items[:3]:  # each input is named by its strategy and the label sits above it
            field = page.get_by_label(item.label, exact=True)
            label = page.locator(f"label[for='{field.get_attribute('id')}']")
            assert label.bounding_box()["y"] + label.bounding_box()["height"] <= field.bounding_box()["y"] + 1

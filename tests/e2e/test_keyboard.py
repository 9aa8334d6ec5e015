"""Keyboard-only journeys in real Chromium: no mouse, no click() or fill() on locators. Focus moves
with Tab / Shift+Tab, choices with Space / arrows / typing, forms are sent with Enter; each step
asserts where the focus is and that the focused control shows a visible focus indicator."""

import re
from concurrent.futures import ThreadPoolExecutor

from playwright.sync_api import expect

from cms.demo import demo_load
from consultazione.accounts.roles import Role
from consultazione.contributions.models import Contribution
from consultazione.live.models import Ballot, Kind
from consultazione.live.services import OptionSpec, QuestionSpec, question_create, question_open, session_create
from tests.conftest import make_user

_FOCUSED = """() => {
  const el = document.activeElement
  for (const move of document.getAnimations()) if (move instanceof CSSTransition) move.finish()
  // Bootstrap Italia hides radios and checkboxes (opacity 0) and rings their label instead.
  const shown = getComputedStyle(el).opacity === '0' && el.labels && el.labels[0] ? el.labels[0] : el
  const style = getComputedStyle(shown)
  const painted = (text) => !/rgba\\([^)]*,\\s*0\\)/.test(text) && /[1-9]/.test(text.replace(/rgba?\\([^)]*\\)/g, ''))
  const outline = style.outlineStyle !== 'none' && painted(`${style.outlineColor} ${style.outlineWidth}`)
  const shadow = style.boxShadow.split(/,(?![^(]*\\))/).some(painted)
  const label = el.labels && el.labels[0] ? el.labels[0].textContent : ''
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: (el.getAttribute('aria-label') || label || el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 60),
    ring: outline || shadow,
  }
}"""


def focused(page) -> dict:
    return page.evaluate(_FOCUSED)


def _describe(element: dict) -> str:
    return f"{element['tag']}#{element['id']} «{element['name']}»"


class Keyboard:
    """Moves the focus with Tab / Shift+Tab only and remembers every control it stopped on that
    showed no focus indicator (`unringed`, asserted empty at the end of each journey)."""

    def __init__(self, page):
        self.page = page
        self.unringed: list[str] = []

    def tab_to(self, matches, *, limit: int = 40, key: str = "Tab") -> dict:
        """Press Tab until the focused element satisfies `matches`; fail with the path the focus
        took when it never gets there (a trap, or a control that cannot be focused)."""
        path = []
        for _ in range(limit):
            self.page.keyboard.press(key)
            now = focused(self.page)
            if not now["ring"] and now["tag"] != "body":
                self.unringed.append(f"{self.page.url}: {_describe(now)}")
            if matches(now):
                return now
            path.append(_describe(now))
            if len(path) >= 3 and len(set(path[-3:])) == 1:
                break  # the focus does not move any more
        raise AssertionError(f"not reached with {key}; the focus went through: {path}")

    def skip_to_content(self) -> None:
        """The first Tab reaches the skip link; Enter moves the focus into <main>."""
        self.tab_to(by_name("Vai al contenuto principale"), limit=1)
        self.page.keyboard.press("Enter")
        assert focused(self.page)["id"] == "main-content"


def by_id(element_id: str):
    return lambda element: element["id"] == element_id


def by_name(name: str):
    return lambda element: element["name"] == name


def off_the_browser_loop(service, **kwargs):
    """Call a service whose on-commit broadcast uses async_to_sync, which refuses to run in the
    thread where Playwright's event loop lives."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(service, **kwargs).result()


def test_citizen_submits_a_contribution_with_the_keyboard_only(page, live_url, psm):
    psm.set_phase("ascolto")
    citizen = make_user(pseudonym="tastiera-e-basta")
    keys = Keyboard(page)

    page.goto(f"{live_url}/account/login/?next=/contributi/")
    keys.skip_to_content()
    keys.tab_to(by_id("id_login"))
    page.keyboard.type(citizen.email)
    keys.tab_to(by_id("id_password"), limit=1)
    page.keyboard.type("pw-test-12345")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/contributi/$"))

    keys.skip_to_content()
    assert keys.tab_to(by_name("Invia un contributo"))["tag"] == "a"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/contributi/nuovo/$"))

    keys.skip_to_content()
    keys.tab_to(by_id("id_kind_0"))
    page.keyboard.press("ArrowRight")  # a radio group: the arrows choose, Tab leaves the group
    assert focused(page)["id"] == "id_kind_1"
    keys.tab_to(by_id("id_axis"), limit=1)
    page.keyboard.type("3")  # a closed <select> picks the option that starts with what is typed
    assert page.locator("#id_axis").input_value() == str(psm.axes[3].pk)
    keys.tab_to(by_id("id_title"), limit=1)
    page.keyboard.type("Semafori pedonali troppo brevi in corso Francia")
    keys.tab_to(by_id("id_body"), limit=10)  # past the links to similar contributions, if any
    page.keyboard.type("Chi attraversa a piedi non fa in tempo: il verde dura pochi secondi anche negli incroci larghi.")
    assert keys.tab_to(by_name("Invia il contributo"))["tag"] == "button"  # through every optional field
    keys.tab_to(by_id("id_body"), key="Shift+Tab")  # and back: no trap either way
    keys.tab_to(by_name("Invia il contributo"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/contributi/PSM-"))

    mine = Contribution.objects.get(author=citizen)
    assert (mine.kind, mine.axis_id, mine.title) == (
        "criticita",
        psm.axes[3].pk,
        "Semafori pedonali troppo brevi in corso Francia",
    )
    assert mine.status in {"published", "pending"}
    assert page.url.endswith(f"/contributi/{mine.reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(mine.title)
    assert keys.unringed == []


def test_participant_joins_by_code_and_votes_with_the_keyboard_only(page, live_url):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Plenaria da tastiera")
    spec = QuestionSpec(
        kind=Kind.SINGLE, text="Come arrivi in città?", options=tuple(OptionSpec(x) for x in ("Treno", "Bus", "Bici"))
    )
    question = question_create(user=facilitator, session=session, spec=spec)
    off_the_browser_loop(question_open, user=facilitator, question=question)
    keys = Keyboard(page)

    page.goto(f"{live_url}/live/")
    keys.skip_to_content()
    keys.tab_to(by_id("id_code"))
    page.keyboard.type(session.code.lower())
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/live/{session.code}/$"))

    keys.tab_to(by_name("Partecipa"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Come arrivi in città?")).to_be_visible()

    keys.tab_to(by_name("Bus"))
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Bus")).to_have_attribute("aria-pressed", "true")
    assert focused(page)["name"] == "Bus", "choosing an answer must not lose the keyboard focus"
    keys.tab_to(by_name("Invia"), limit=5)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Risposta registrata.")).to_be_visible()
    assert focused(page)["tag"] != "body", "sending the answer must not lose the keyboard focus"

    ballot = Ballot.objects.get(question=question)
    assert ballot.choices == [question.options.get(label="Bus").pk]
    assert keys.unringed == []


def test_a_table_wider_than_the_phone_scrolls_with_the_keyboard(page, live_url, psm, settings):
    """On a phone the outcomes table of the dashboard scrolls sideways: Tab reaches it (with a
    visible focus ring) and the arrow keys scroll it."""
    settings.CREATE_DEMO_ADMIN = True
    demo_load(process=psm.process)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_url}/dati/")
    table = page.locator("#table-outcomes")
    region = page.locator(".table-responsive", has=table)
    caption = table.locator("caption").inner_text()
    keys = Keyboard(page)
    keys.skip_to_content()
    keys.tab_to(by_name(caption), limit=80)
    assert region.evaluate("box => box === document.activeElement && box.getAttribute('role') === 'region'")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("box => box.scrollLeft > 0", arg=region.element_handle())
    assert keys.unringed == []

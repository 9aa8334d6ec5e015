"""Issue 15 item 12 in a real browser: Enter sends a text from the phone, counted strings use the
right plural, a coded option ("1.1 …") is numbered once on the projector."""

import pytest
from playwright.sync_api import expect

from consultazione.accounts.roles import Role
from consultazione.live.models import Entry, Kind
from consultazione.live.services import OptionSpec, QuestionSpec, question_create, session_create
from tests.conftest import make_user
from tests.e2e.conftest import login

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def open_page(browser):
    def open_(**options):
        return browser.new_context(**options).new_page()

    return open_


def _open_first_question(open_page, live_url, facilitator, session):
    presenter = open_page(viewport={"width": 1280, "height": 900})
    login(presenter, live_url, facilitator.email)
    presenter.goto(f"{live_url}/live/{session.code}/presenter/")
    presenter.get_by_role("button", name="Domanda successiva").click()
    return presenter


def test_enter_sends_the_open_text_and_counts_are_singular(open_page, live_url):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Tavolo casa")
    question_create(user=facilitator, session=session, spec=QuestionSpec(kind=Kind.OPEN_TEXT, text="Che cosa manca?"))
    presenter = _open_first_question(open_page, live_url, facilitator, session)
    projector = open_page(viewport={"width": 1280, "height": 720})
    projector.goto(f"{live_url}/live/{session.code}/projector/")

    phone = open_page(**PHONE)
    phone.goto(f"{live_url}/live/{session.code}/")
    phone.get_by_role("button", name="Partecipa").click()
    box = phone.get_by_label("La tua risposta")
    box.fill("Case popolari")
    box.press("Shift+Enter")  # a new line, nothing sent
    box.press_sequentially("in centro")
    assert box.input_value() == "Case popolari\nin centro"
    box.press("Enter")
    expect(phone.locator(".live-mine")).to_contain_text("Case popolari")
    expect(phone.locator(".live-mine")).to_contain_text("in attesa di moderazione")
    assert Entry.objects.get().text == "Case popolari in centro"  # one entry, both lines (spaces normalised)

    expect(projector.locator("[data-live-participants]")).to_have_text("1 partecipante")
    expect(projector.locator("[data-live-answers]")).to_have_text("1 risposta")
    expect(presenter.locator("[data-live-counters]")).to_have_text("1 partecipante · 1 risposta")


def test_enter_sends_the_words(open_page, live_url):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Parole")
    question_create(user=facilitator, session=session, spec=QuestionSpec(kind=Kind.WORDCLOUD, text="Una parola", max_choices=2))
    _open_first_question(open_page, live_url, facilitator, session)
    phone = open_page(**PHONE)
    phone.goto(f"{live_url}/live/{session.code}/")
    phone.get_by_role("button", name="Partecipa").click()
    phone.get_by_label("Parola 1").fill("treni")
    phone.get_by_label("Parola 1").press("Enter")
    expect(phone.get_by_text("Risposta registrata.")).to_be_visible()


def test_coded_options_are_numbered_once(open_page, live_url):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Strategie")
    options = (OptionSpec("1.1 Trasporti"), OptionSpec("1.2 Scuole"), OptionSpec("Sanità"))
    question_create(user=facilitator, session=session, spec=QuestionSpec(kind=Kind.RANKING, text="In ordine", options=options))
    _open_first_question(open_page, live_url, facilitator, session)
    projector = open_page(viewport={"width": 1280, "height": 720})
    projector.goto(f"{live_url}/live/{session.code}/projector/")
    phone = open_page(**PHONE)
    phone.goto(f"{live_url}/live/{session.code}/")
    phone.get_by_role("button", name="Partecipa").click()
    expect(phone.locator(".live-rank-label")).to_have_text(["1.1 Trasporti", "1.2 Scuole", "3. Sanità"])

    phone.get_by_role("button", name="Invia").click()
    expect(phone.get_by_text("Risposta registrata.")).to_be_visible()
    labels = projector.locator(".live-bar-label")
    expect(labels).to_have_text(["1.1 Trasporti", "1.2 Scuole", "3. Sanità"])
    expect(projector.locator(".live-bar-count")).to_have_text(["3 punti", "2 punti", "1 punto"])

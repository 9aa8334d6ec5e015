"""A live poll in three real Chromium pages: the presenter opens a question, a phone joins with the
code and votes, the projector shows the count; no CSP violation and no serious axe violation."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from consultazione.accounts.roles import Role
from consultazione.live.models import Ballot, Entry, Kind
from consultazione.live.services import OptionSpec, QuestionSpec, question_create, session_create
from tests.conftest import make_user
from tests.e2e.conftest import login

_axe = Axe()


def serious_violations(page) -> list[str]:
    return [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
        for v in _axe.run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def open_page(browser):
    """A page in its own browser context (own cookies), watched like every page (tests/e2e/watch.py)."""

    def open_(**options):
        return browser.new_context(**options).new_page()

    return open_


def test_presenter_opens_phone_votes_projector_counts(open_page, live_url):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Plenaria di Ivrea")
    spec = QuestionSpec(
        kind=Kind.SINGLE, text="Come arrivi in città?", options=tuple(OptionSpec(label) for label in ("Treno", "Bus", "Bici"))
    )
    question_create(user=facilitator, session=session, spec=spec)

    projector = open_page(viewport={"width": 1280, "height": 720})
    projector.goto(f"{live_url}/live/{session.code}/projector/")
    expect(projector.locator("[data-live-code]")).to_have_text(session.code)
    expect(projector.get_by_role("img", name=re.compile("Codice QR"))).to_be_visible()

    presenter = open_page(viewport={"width": 1280, "height": 900})
    login(presenter, live_url, facilitator.email)
    presenter.goto(f"{live_url}/live/{session.code}/presenter/")
    expect(presenter.locator("[data-live-status]")).to_have_text("Collegato")
    assert serious_violations(presenter) == []
    presenter.get_by_role("row", name=re.compile("Come arrivi in città")).get_by_role("button", name="Apri").click()
    expect(presenter.locator("[data-live-question]")).to_have_text("Come arrivi in città?")

    phone = open_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    phone.goto(f"{live_url}/live/")
    phone.get_by_label("Codice della sessione").fill(session.code.lower())
    phone.get_by_role("button", name="Entra").click()
    phone.get_by_role("button", name="Partecipa").click()
    expect(phone.get_by_role("heading", name="Come arrivi in città?")).to_be_visible()
    expect(projector.locator("[data-live-question]")).to_have_text("Come arrivi in città?")
    assert serious_violations(phone) == []

    phone.get_by_role("button", name="Treno").click()
    phone.get_by_role("button", name="Invia").click()
    expect(phone.get_by_text("Risposta registrata.")).to_be_visible()

    expect(projector.locator("[data-live-answers]")).to_have_text("1 risposta")
    expect(projector.locator(".live-bar", has_text="Treno")).to_contain_text("1 (100%)")
    expect(presenter.locator("[data-live-counters]")).to_have_text("1 partecipante · 1 risposta")
    assert serious_violations(projector) == []
    assert Ballot.objects.filter(question__session=session).count() == 1

    # The presenter closes the question: every screen says so at once.
    presenter.get_by_role("row", name=re.compile("Come arrivi in città")).get_by_role("button", name="Chiudi").click()
    expect(phone.get_by_text("Votazione chiusa")).to_be_visible()
    expect(projector.locator("[data-live-state]")).to_have_text("Votazione chiusa")


def test_audience_questions_are_moderated_then_upvoted(open_page, live_url):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Tavolo mobilità")
    spec = QuestionSpec(kind=Kind.QA, text="Domande per l'assessore", max_choices=2)
    question_create(user=facilitator, session=session, spec=spec)

    projector = open_page(viewport={"width": 1280, "height": 720})
    projector.goto(f"{live_url}/live/{session.code}/projector/")
    presenter = open_page(viewport={"width": 1280, "height": 900})
    login(presenter, live_url, facilitator.email)
    presenter.goto(f"{live_url}/live/{session.code}/presenter/")
    presenter.get_by_role("button", name="Domanda successiva").click()  # opens the first question
    expect(presenter.locator("[data-live-question]")).to_have_text("Domande per l'assessore")

    asker = open_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    asker.goto(f"{live_url}/live/{session.code}/")
    asker.get_by_role("button", name="Partecipa").click()
    asker.get_by_label("La tua domanda").fill("Quando arriva la metro 2 a Nichelino?")
    asker.get_by_role("button", name="Invia la domanda").click()
    expect(asker.get_by_text("in attesa di moderazione")).to_be_visible()

    queue = presenter.locator("[data-live-queue]")
    expect(queue).to_contain_text("Quando arriva la metro 2 a Nichelino?")
    queue.get_by_role("button", name=re.compile("^Approva")).click()
    expect(projector.locator(".live-entry")).to_contain_text("Quando arriva la metro 2 a Nichelino?")

    fan = open_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    fan.goto(f"{live_url}/live/{session.code}/")
    fan.get_by_role("button", name="Partecipa").click()
    fan.get_by_role("button", name=re.compile("Sostieni la domanda")).click()
    expect(projector.locator(".live-entry")).to_contain_text("1 sostegno")
    assert Entry.objects.get().upvote_count == 1


def test_ranking_then_word_cloud_from_a_phone(open_page, live_url):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Priorità della zona")
    labels = ("Trasporti", "Scuole", "Sanità")
    ranking = QuestionSpec(kind=Kind.RANKING, text="Metti in ordine", options=tuple(OptionSpec(label) for label in labels))
    question_create(user=facilitator, session=session, spec=ranking)
    question_create(user=facilitator, session=session, spec=QuestionSpec(kind=Kind.WORDCLOUD, text="Una parola", max_choices=2))

    presenter = open_page(viewport={"width": 1280, "height": 900})
    login(presenter, live_url, facilitator.email)
    presenter.goto(f"{live_url}/live/{session.code}/presenter/")
    presenter.get_by_role("button", name="Domanda successiva").click()
    projector = open_page(viewport={"width": 1280, "height": 720})
    projector.goto(f"{live_url}/live/{session.code}/projector/")
    phone = open_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    phone.goto(f"{live_url}/live/{session.code}/")
    phone.get_by_role("button", name="Partecipa").click()

    # The first question arrives over the socket after the join: on a loaded CI box that can take
    # longer than Playwright's 10 s default (seen once in a full run), so wait for it explicitly.
    expect(phone.get_by_role("button", name="Sposta giù: Trasporti")).to_be_visible(timeout=30_000)
    phone.get_by_role("button", name="Sposta giù: Trasporti").click()  # Scuole, Trasporti, Sanità
    phone.get_by_role("button", name="Invia").click()
    expect(phone.get_by_text("Risposta registrata.")).to_be_visible()
    expect(projector.locator(".live-bar").first).to_contain_text("1. Scuole")
    expect(projector.locator(".live-bar").first).to_contain_text("3 punti")

    presenter.get_by_role("button", name="Domanda successiva").click()
    expect(phone.get_by_role("heading", name="Una parola")).to_be_visible()
    phone.get_by_label("Parola 1").fill("  Mobilità ")
    phone.get_by_label("Parola 2").fill("c4zzo")
    phone.get_by_role("button", name="Invia").click()
    expect(phone.get_by_role("alert")).to_have_text("Questa parola non è ammessa.")
    phone.get_by_label("Parola 2").fill("treni")
    phone.get_by_role("button", name="Invia").click()
    expect(projector.locator(".live-cloud")).to_contain_text("mobilità")
    expect(projector.locator(".live-cloud")).to_contain_text("treni")

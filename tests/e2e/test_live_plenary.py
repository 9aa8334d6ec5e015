"""A whole plenary with the presenter's "next" button only: the console, the projector and two
phones in one browser (own contexts). Each "next" closes the question on screen and opens the
following one; "end" closes the last; every answer is kept (CSV export) and the phones are told
the session is over without a reload."""

import re

import pytest
from playwright.sync_api import expect

from consultazione.accounts.roles import Role
from consultazione.live.models import Question, State
from consultazione.live.services import OptionSpec, QuestionSpec, question_create, session_create
from tests.conftest import make_user
from tests.e2e.conftest import login

QUESTIONS = {
    "Come arrivi alla plenaria?": ("Treno", "Bus", "Auto"),
    "Quale asse conta di più?": ("Mobilità", "Ambiente", "Scuola"),
    "Torneresti a un incontro così?": ("Sì", "No", "Forse"),
}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize("close_last_first", [False, True], ids=["next-then-end", "close-last-then-end"])
def test_next_only_plenary_then_end_closes_everything_and_tells_the_phones(browser, live_url, close_last_first):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Plenaria di Chieri")
    for text, labels in QUESTIONS.items():
        spec = QuestionSpec(kind="single", text=text, options=tuple(map(OptionSpec, labels)))
        question_create(user=facilitator, session=session, spec=spec)

    console = browser.new_page(viewport={"width": 1280, "height": 720})
    login(console, live_url, facilitator.email)
    console.goto(f"{live_url}/live/{session.code}/presenter/")
    projector = browser.new_page(viewport={"width": 1920, "height": 1080})
    projector.goto(f"{live_url}/live/{session.code}/projector/")
    phones = [browser.new_page(**PHONE) for _ in range(2)]
    for phone in phones:
        phone.goto(f"{live_url}/live/{session.code}/")
        phone.get_by_role("button", name="Partecipa").click()
        expect(phone.get_by_text("In attesa della prossima domanda")).to_be_visible()

    for text, labels in QUESTIONS.items():
        console.get_by_role("button", name="Domanda successiva").click()
        expect(console.locator("[data-live-question]")).to_have_text(text)
        expect(projector.locator("[data-live-question]")).to_have_text(text)
        for phone, label in zip(phones, labels, strict=False):
            expect(phone.get_by_role("heading", name=text)).to_be_visible()
            phone.get_by_role("button", name=label).click()
            phone.get_by_role("button", name="Invia").click()
            expect(phone.get_by_text("Risposta registrata.")).to_be_visible()
        expect(projector.locator("[data-live-answers]")).to_have_text("2 risposte")
        states = list(Question.objects.filter(session=session).order_by("position").values_list("text", "state"))
        assert [t for t, state in states if state == State.OPEN] == [text], states

    if close_last_first:  # the reported case: phones never learnt of the end
        last = list(QUESTIONS)[-1]
        console.get_by_role("row", name=re.compile(re.escape(last))).get_by_role("button", name="Chiudi").click()
        for phone in phones:
            expect(phone.get_by_text("Votazione chiusa")).to_be_visible()

    console.get_by_role("button", name="Concludi la sessione").click()
    console.get_by_role("dialog").get_by_role("button", name="Conferma").click()  # the console's own dialog
    for phone in phones:
        expect(phone.get_by_role("heading", name="Sessione conclusa")).to_be_visible()
        expect(phone.get_by_text("Grazie per aver partecipato")).to_be_visible()

    assert set(Question.objects.filter(session=session).values_list("state", flat=True)) == {State.CLOSED}
    export = console.request.get(f"{live_url}/live/{session.code}/risultati.csv")
    assert export.status == 200
    rows = export.text().lstrip("\ufeff").splitlines()
    for text, labels in QUESTIONS.items():
        mine = [row.split(";") for row in rows if f";{text};" in row]
        assert [cells[4] for cells in mine] == ["2", "2", "2"], rows  # two answers to each question
        assert {cells[5]: cells[6] for cells in mine} == {labels[0]: "1", labels[1]: "1", labels[2]: "0"}, rows

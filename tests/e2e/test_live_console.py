"""The presenter console as one live page (issue 15, item 1), on three kinds of screen at once:
console 1280×720, projector 1920×1080, two phones 390×844. A session with one question of every
kind is run with "next" only — the → key and the button in turn — and after each step the test
reads what each screen shows: the console never reloaded, projector and phones show the new
question, the earlier one is closed, the console's counters equal the answers the phones sent.

`KINDS` describes each kind once (how to create it, how a phone answers it): a new kind is one
entry there, then it is part of the plenary."""

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import expect

from consultazione.accounts.roles import Role
from consultazione.live.models import Ballot, LiveSession, Question, State
from consultazione.live.services import OptionSpec, QuestionSpec, question_create, question_open, session_create
from tests.conftest import make_user
from tests.e2e.conftest import login
from tests.e2e.test_accessibility import serious_violations

SHOTS = Path("/tmp/shots/console")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
CONSOLE = {"viewport": {"width": 1280, "height": 720}}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}


def _options(*labels):
    return tuple(OptionSpec(label) for label in labels)


def _choose(*labels):
    def answer(phone, n):
        for label in labels[n]:
            phone.get_by_role("button", name=label, exact=True).click()
        phone.get_by_role("button", name="Invia").click()
        expect(phone.get_by_text("Risposta registrata.")).to_be_visible()

    return answer


def _rank(phone, n):
    if n == 0:
        phone.get_by_role("button", name="Sposta giù: Trasporti").click()
    phone.get_by_role("button", name="Invia").click()
    expect(phone.get_by_text("Risposta registrata.")).to_be_visible()


def _words(phone, n):
    phone.get_by_label("Parola 1").fill(["biciclette", "treni"][n])
    phone.get_by_role("button", name="Invia").click()
    expect(phone.get_by_text("Risposta registrata.")).to_be_visible()


def _text(label, send):
    def answer(phone, n):
        text = f"Proposta numero {n + 1}"
        phone.get_by_label(label).fill(text)
        phone.get_by_role("button", name=send).click()
        expect(phone.locator(".live-mine")).to_contain_text(text)

    return answer


@dataclass(frozen=True)
class KindCase:
    spec: Callable[[], QuestionSpec]
    answer: Callable  # (phone page, phone index 0/1) → the phone has answered


KINDS = {
    "single": KindCase(
        lambda: QuestionSpec(kind="single", text="Come arrivi alla plenaria?", options=_options("Treno", "Bus", "Auto")),
        _choose(("Treno",), ("Bus",)),
    ),
    "multiple": KindCase(
        lambda: QuestionSpec(
            kind="multiple", text="Quali temi ti interessano?", options=_options("Casa", "Verde", "Scuola"), max_choices=2
        ),
        _choose(("Casa", "Verde"), ("Verde",)),
    ),
    "scale": KindCase(
        lambda: QuestionSpec(
            kind="scale", text="Quanto ti è utile?", scale_max=5, scale_min_label="poco", scale_max_label="molto"
        ),
        _choose(("4",), ("5",)),
    ),
    "ranking": KindCase(
        lambda: QuestionSpec(
            kind="ranking", text="Metti in ordine le priorità", options=_options("Trasporti", "Scuole", "Sanità")
        ),
        _rank,
    ),
    "wordcloud": KindCase(lambda: QuestionSpec(kind="wordcloud", text="Una parola per il quartiere", max_choices=2), _words),
    "open_text": KindCase(lambda: QuestionSpec(kind="open_text", text="Che cosa manca?"), _text("La tua risposta", "Invia")),
    "qa": KindCase(lambda: QuestionSpec(kind="qa", text="Domande per la giunta"), _text("La tua domanda", "Invia la domanda")),
    "yesno": KindCase(
        lambda: QuestionSpec(kind="yesno", text="Approvate la mozione?", quorum=2), _choose(("Sì",), ("Astensione",))
    ),
}


def build_session(facilitator, kinds, title="Plenaria di Moncalieri"):
    """A session with one question of each kind named, in that order."""
    session = session_create(user=facilitator, title=title)
    for kind in kinds:
        question_create(user=facilitator, session=session, spec=KINDS[kind].spec())
    return session


def open_screens(browser, live_url, facilitator, session, phones=2):
    console = browser.new_page(**CONSOLE)
    login(console, live_url, facilitator.email)
    console.goto(f"{live_url}/live/{session.code}/presenter/")
    expect(console.locator("[data-live-status]")).to_have_text("Collegato")
    console.evaluate("window.consoleMarker = 'never reloaded'")
    projector = browser.new_page(**PROJECTOR)
    projector.goto(f"{live_url}/live/{session.code}/projector/")
    handsets = [browser.new_page(**PHONE) for _ in range(phones)]
    for phone in handsets:
        phone.goto(f"{live_url}/live/{session.code}/")
        phone.get_by_role("button", name="Partecipa").click()
        expect(phone.get_by_text("In attesa della prossima domanda")).to_be_visible(timeout=30_000)
    return console, projector, handsets


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def assert_never_reloaded(console):
    assert console.evaluate("window.consoleMarker") == "never reloaded"


# The controls and texts of the console's first screen (the checkbox itself is drawn by its label).
FIRST_SCREEN = ", ".join(
    [
        ".live-console-head a",
        ".live-console-toolbar button",
        ".live-console-toolbar label",
        "[data-console-part=current] button",
        "[data-console-part=current] .badge",
        ".live-preview-box",
        "[data-live-question]",
        "[data-live-counters]",
    ]
)
OVERLAPS_JS = """(selector) => {
  const boxes = [...document.querySelectorAll(selector)]
    .filter((el) => el.offsetParent !== null)
    .map((el) => [el.textContent.trim().slice(0, 30) || el.tagName, el.getBoundingClientRect()])
  const found = []
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [[a, p], [b, q]] = [boxes[i], boxes[j]]
    const apart = p.right - 1 <= q.left || q.right - 1 <= p.left || p.bottom - 1 <= q.top || q.bottom - 1 <= p.top
    if (!apart) found.push(`${a} × ${b}`)
  }
  return found
}"""


def overlaps(console) -> list[str]:
    """Pairs of visible controls of the first screen whose boxes intersect."""
    return console.evaluate(OVERLAPS_JS, FIRST_SCREEN)


def first_screen(console, locator):
    # The console redraws its parts on every push (an answer, a counter): between two reads the
    # button may be the one being replaced. Measure a drawn one, within a few seconds.
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    for _ in range(30):
        if box is not None:
            break
        console.wait_for_timeout(100)
        box = locator.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 720, box
    assert console.evaluate("window.scrollY") == 0


def test_a_plenary_of_every_kind_with_next_only_on_three_screens(browser, live_url, page_errors):
    facilitator = make_user(roles=[Role.FACILITATOR])
    kinds = list(KINDS)
    session = build_session(facilitator, kinds)
    questions = list(Question.objects.filter(session=session).order_by("position"))
    console, projector, phones = open_screens(browser, live_url, facilitator, session)
    assert serious_violations(console) == []
    assert overlaps(console) == []
    expect(console.locator("[data-console-keys]")).to_contain_text("→ successiva")
    shot(console, "00-start")

    for step, (kind, question) in enumerate(zip(kinds, questions, strict=True)):
        if step % 2 == 0:
            console.keyboard.press("ArrowRight")
        else:
            console.get_by_role("button", name="Domanda successiva").click()
        expect(console.locator("[data-live-question]")).to_have_text(question.text)
        expect(console.locator("[data-console-state]")).to_have_text("Aperta")
        expect(projector.locator("[data-live-question]")).to_have_text(question.text)
        for n, phone in enumerate(phones):
            expect(phone.get_by_role("heading", name=question.text)).to_be_visible()
            KINDS[kind].answer(phone, n)
        expect(console.locator("[data-live-counters]")).to_have_text("2 partecipanti · 2 risposte")
        expect(console.locator(f'[data-answers-for="{question.pk}"]')).to_have_text("2")  # the list too
        if step:
            earlier = questions[step - 1]
            row = console.get_by_role("row", name=re.compile(re.escape(earlier.text)))
            expect(row.locator(".badge")).to_have_text("Chiusa")
        row = console.get_by_role("row", name=re.compile(re.escape(question.text)))
        expect(row).to_contain_text("sullo schermo")
        expect(row.locator(".badge")).to_have_text("Aperta")
        if step % 2 == 1:  # the clicked button was redrawn: the keyboard focus is back on it
            focused = console.evaluate("document.activeElement.textContent")
            assert "Domanda successiva" in focused, focused
        if step == 1:  # ← shows the earlier question as it is (closed), → comes back without closing this one
            console.keyboard.press("ArrowLeft")
            expect(console.locator("[data-live-question]")).to_have_text(questions[0].text)
            expect(console.locator("[data-console-state]")).to_have_text("Chiusa")
            expect(projector.locator("[data-live-question]")).to_have_text(questions[0].text)
            console.keyboard.press("ArrowRight")
            expect(console.locator("[data-live-question]")).to_have_text(question.text)
            expect(console.locator("[data-console-state]")).to_have_text("Aperta")
            expect(console.locator("[data-live-counters]")).to_have_text("2 partecipanti · 2 risposte")
        close = console.locator("[data-console-part=current]").get_by_role("button", name="Chiudi")
        first_screen(console, close)
        assert_never_reloaded(console)
        open_now = [q.text for q in Question.objects.filter(session=session, state=State.OPEN)]
        assert open_now == [question.text], open_now
        if step in (0, 3, len(kinds) - 1):
            assert overlaps(console) == [], kind
            shot(console, f"{step + 1:02d}-{kind}")
        if step == 2:
            assert serious_violations(console) == []

    # Next on the last question: the console says so, nothing changes.
    page_errors.expect(status=409, url_part="/commands/")
    console.keyboard.press("ArrowRight")
    expect(console.locator("[data-console-message]")).to_contain_text("ultima domanda")
    shot(console, "08-last-question")
    assert Question.objects.get(pk=questions[-1].pk).state == State.OPEN

    console.get_by_role("button", name="Concludi la sessione").click()
    expect(console.get_by_role("dialog")).to_contain_text("Concludere la sessione?")
    console.get_by_role("dialog").get_by_role("button", name="Conferma").click()
    expect(console.locator("[data-console-ended]")).to_contain_text("Sessione conclusa")
    for phone in phones:
        expect(phone.get_by_role("heading", name="Sessione conclusa")).to_be_visible()
    assert_never_reloaded(console)
    shot(console, "09-ended")
    assert set(Question.objects.filter(session=session).values_list("state", flat=True)) == {State.CLOSED}
    assert LiveSession.objects.get(pk=session.pk).ended_at is not None

    export = console.request.get(f"{live_url}/live/{session.code}/risultati.csv")
    rows = [row.split(";") for row in export.text().lstrip("\ufeff").splitlines()[1:]]
    for question in questions:
        mine = [cells for cells in rows if cells[1] == question.text]
        assert mine and all(cells[4] == "2" for cells in mine), (question.text, rows)


def test_reset_asks_first_and_clears_the_answers_and_the_keys_reveal_and_show_the_join_screen(browser, live_url):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Prova dell'azzeramento")
    spec = QuestionSpec(
        kind="single", text="Come arrivi alla plenaria?", options=_options("Treno", "Bus"), visibility="on_reveal"
    )
    question_create(user=facilitator, session=session, spec=spec)
    console, projector, phones = open_screens(browser, live_url, facilitator, session, phones=1)
    console.get_by_role("button", name="Domanda successiva").click()
    KINDS["single"].answer(phones[0], 0)
    expect(console.locator("[data-live-counters]")).to_have_text("1 partecipante · 1 risposta")
    expect(console.locator("[data-live-hidden]")).to_have_text("Risultati nascosti alla sala")
    assert serious_violations(console) == []
    assert overlaps(console) == []

    # R reveals the results to the room, R again hides them
    expect(projector.locator(".live-bar")).to_have_count(0)
    console.keyboard.press("r")
    expect(projector.locator(".live-bar").first).to_contain_text("Treno")
    expect(console.get_by_role("button", name="Nascondi i risultati").first).to_be_visible()
    console.keyboard.press("R")
    expect(projector.locator(".live-bar")).to_have_count(0)

    current = console.locator("[data-console-part=current]")
    current.get_by_role("button", name="Azzera").click()
    dialog = console.get_by_role("dialog")
    expect(dialog).to_contain_text("Tutte le risposte verranno cancellate")
    dialog.get_by_role("button", name="Annulla").click()
    expect(dialog).to_be_hidden()
    assert Ballot.objects.count() == 1

    current.get_by_role("button", name="Azzera").click()
    shot(console, "10-reset-dialog")
    dialog.get_by_role("button", name="Conferma").click()
    expect(console.locator("[data-console-state]")).to_have_text("Bozza")
    expect(console.locator("[data-live-counters]")).to_have_text("1 partecipante · 0 risposte")
    assert Ballot.objects.count() == 0
    assert_never_reloaded(console)

    # J: the join screen, then back to the question
    console.keyboard.press("j")
    expect(projector.locator("[data-live-join]")).to_be_visible()
    expect(console.get_by_role("button", name="Mostra la domanda")).to_be_visible()
    console.keyboard.press("j")
    expect(console.get_by_role("button", name="Mostra come partecipare")).to_be_visible()
    assert LiveSession.objects.get(pk=session.pk).show_join is False
    assert_never_reloaded(console)
    shot(console, "11-after-reset")


def test_without_javascript_the_console_forms_still_work(browser, live_url):
    """Progressive enhancement: with scripts off every control is a form that posts and comes back."""
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = build_session(facilitator, ["single", "scale"], title="Console senza script")
    console = browser.new_page(**CONSOLE, java_script_enabled=False)
    login(console, live_url, facilitator.email)
    console.goto(f"{live_url}/live/{session.code}/presenter/")
    expect(console.locator("[data-console-keys]")).to_be_hidden()  # no script, no shortcuts to promise
    for text in ("Come arrivi alla plenaria?", "Quanto ti è utile?"):
        console.get_by_role("button", name="Domanda successiva").click()
        expect(console.locator("[data-live-question]")).to_have_text(text)
        expect(console.locator("[data-console-state]")).to_have_text("Aperta")
    console.get_by_role("button", name="Domanda successiva").click()
    expect(console.get_by_role("alert")).to_contain_text("ultima domanda")
    states = list(Question.objects.filter(session=session).order_by("position").values_list("state", flat=True))
    assert states == [State.CLOSED, State.OPEN]
    shot(console, "12-without-javascript")


def test_a_change_between_the_console_page_and_its_socket_redraws_the_controls(browser, live_url, page_errors):
    """The console is drawn from the state its page was rendered with; when another console opens
    a question before this one's socket answers, the socket's snapshot differs and the controls are
    redrawn — not left at "Apri" over an open question."""
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Tavolo di Ivrea")
    spec = QuestionSpec(kind="single", text="Quale priorità?", options=_options("Scuole", "Strade"))
    question = question_create(user=facilitator, session=session, spec=spec)
    console = browser.new_page(**CONSOLE)
    login(console, live_url, facilitator.email)

    opened = []

    def open_elsewhere_then_connect(socket):  # the console's socket, then its projector preview's
        if not opened:
            with ThreadPoolExecutor(1) as pool:  # another console's command, committed and pushed
                opened.append(pool.submit(question_open, user=facilitator, question=question).result())
        socket.connect_to_server()

    console.route_web_socket(re.compile(r"/ws/live/"), open_elsewhere_then_connect)
    console.goto(f"{live_url}/live/{session.code}/presenter/")
    expect(console.locator("[data-live-status]")).to_have_text("Collegato")
    expect(console.locator("[data-live-question]")).to_have_text("Quale priorità?")
    expect(console.locator("[data-console-state]")).to_have_text("Aperta")
    expect(console.locator("[data-console-part=current]").get_by_role("button", name="Chiudi")).to_be_visible()
    assert Question.objects.get(pk=question.pk).state == State.OPEN

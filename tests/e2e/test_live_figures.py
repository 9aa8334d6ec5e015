"""Numbers agree everywhere (issue 15 items 7 and 11): for every kind of question, phones answer, then
the figures read from the projector's text, a phone's results, the presenter console, the downloaded
CSV, the API results and the restituzione page are the same — and the ones computed by hand."""

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from consultazione.accounts.roles import Role
from consultazione.live.kinds import QuestionKind
from consultazione.live.models import Entry
from consultazione.live.services import OptionSpec, QuestionSpec, question_create, session_create
from consultazione.meetings.models import Meeting
from tests.conftest import make_user
from tests.e2e.conftest import login

SHOTS = Path("/tmp/shots/kinds")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
ABC = tuple(map(OptionSpec, ("Treno", "Bus", "Bici")))

# kind → (question spec, what each of the three phones answers, the figures computed by hand).
# Figures: rows (label, count, share %, rank), mean, quorum (n, reached), outcome.
CASES = {
    QuestionKind.SINGLE: (
        {"text": "Come arrivi?", "options": ABC},
        [["Treno"], ["Treno"], ["Bus"]],
        {"rows": [("Treno", 2, 67, None), ("Bus", 1, 33, None), ("Bici", 0, 0, None)]},
    ),
    QuestionKind.MULTIPLE: (
        {"text": "Che cosa usi?", "options": ABC, "max_choices": 3},
        [["Treno", "Bus"], ["Treno"], ["Treno", "Bici"]],
        # shares of the 3 respondents, not of the 5 choices
        {"rows": [("Treno", 3, 100, None), ("Bus", 1, 33, None), ("Bici", 1, 33, None)]},
    ),
    QuestionKind.SCALE: (
        {"text": "Quanto sei soddisfatto?", "scale_max": 5, "scale_min_label": "Poco", "scale_max_label": "Molto"},
        [["2"], ["4"], ["5"]],
        {"rows": [(str(n), int(n in (2, 4, 5)), 33 if n in (2, 4, 5) else 0, None) for n in range(1, 6)], "mean": 3.7},
    ),
    QuestionKind.RANKING: (
        {"text": "Metti in ordine", "options": ABC},
        [["send"], ["up:Bici"], ["send"]],  # the default order Treno, Bus, Bici; the second phone moves Bici up once
        {"rows": [("Treno", 9, None, 1), ("Bus", 5, None, 2), ("Bici", 4, None, 3)]},
    ),
    QuestionKind.WORDCLOUD: (
        {"text": "Una parola per la tua zona", "max_choices": 2},
        [["words:Città,verde"], ["words:citta"], ["words:CITTÀ"]],
        {"rows": [("città", 3, None, None), ("verde", 1, None, None)]},
    ),
    QuestionKind.OPEN_TEXT: (
        {"text": "Che cosa manca?", "max_choices": 1},
        [["text:Più treni la sera"], ["text:Una pista ciclabile"], []],
        {"rows": [("Più treni la sera", 0, None, None), ("Una pista ciclabile", 0, None, None)]},
    ),
    QuestionKind.QA: (
        {"text": "Domande per l'assessore", "max_choices": 1},
        [["text:Quando partono i lavori?"], ["text:Chi paga?"], ["upvote:Chi paga?"]],
        {"rows": [("Chi paga?", 1, None, None), ("Quando partono i lavori?", 0, None, None)]},
    ),
    QuestionKind.YESNO: (
        {"text": "Approvate la mozione?", "quorum": 3},
        [["Sì"], ["Sì"], ["Astensione"]],
        {
            "rows": [("Sì", 2, 67, None), ("No", 0, 0, None), ("Astensione", 1, 33, None)],
            "quorum": (3, True),
            "outcome": "approvata",
        },
    ),
}

READ_SCREEN = """(el) => {
  const out = []
  const text = (node, selector) => node.querySelector(selector).textContent
  el.querySelectorAll('.live-bar').forEach((li) => out.push(['bar', text(li, '.live-bar-label'), text(li, '.live-bar-count')]))
  el.querySelectorAll('.live-figure-note').forEach((p) => out.push(['note', p.dataset.figure, p.textContent]))
  el.querySelectorAll('.live-cloud-word').forEach((li) => out.push(['word', li.firstChild.textContent, li.title]))
  el.querySelectorAll('.live-entry').forEach((li) =>
    out.push(['entry', text(li, '.live-entry-text'), text(li, '.live-entry-meta, button')]))
  return out
}"""


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _notes(found: dict, name: str, text: str) -> None:
    if name == "mean" or text.startswith("Media"):
        found["mean"] = _number(text.split(":")[1].strip())
    elif name == "quorum" or text.startswith("Quorum"):
        n, state = re.match(r"Quorum (\d+): (.+)", text).groups()
        found["quorum"] = (int(n), state == "raggiunto")
    elif name == "outcome" or text.startswith("Esito"):
        found["outcome"] = text.split(":", 1)[1].strip()


def from_screen(items: list) -> dict:
    """What a live screen shows, read from its text."""
    found = {"rows": []}
    for kind, a, b in items:
        if kind == "bar":
            rank, label = (int(a.split(". ", 1)[0]), a.split(". ", 1)[1]) if re.match(r"\d+\. ", a) else (None, a)
            if m := re.fullmatch(r"(\d+) \((\d+)%\)", b):
                found["rows"].append((label, int(m[1]), int(m[2]), rank))
            else:
                found["rows"].append((label, int(re.match(r"\d+", b)[0]), None, rank))
        elif kind == "note":
            _notes(found, a, b)
        elif kind == "word":
            found["rows"].append((a, int(b), None, None))
        elif kind == "entry":
            found["rows"].append((a, int(re.search(r"\d+", b)[0]), None, None))
    return _sorted(found)


def _sorted(found: dict) -> dict:
    return {**found, "rows": sorted(found["rows"], key=lambda row: row[0])}


def from_csv(text: str, question: str) -> dict:
    rows = [row for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";") if row[1] == question]
    found = {"rows": [(r[5], int(r[6]), int(r[7]) if r[7] else None, int(r[8]) if r[8] else None) for r in rows if r[5]]}
    first = rows[0]
    if first[9]:
        found["mean"] = _number(first[9])
    if first[10]:
        found["quorum"] = (int(first[10]), first[11] == "sì")
    if first[12]:
        found["outcome"] = first[12]
    return _sorted(found)


OUTCOMES = {"approved": "approvata", "rejected": "respinta", "tie": "parità", "no_quorum": "quorum non raggiunto"}


def from_api(item: dict) -> dict:
    if "entries" in item:
        rows = [(e["text"], e["upvotes"], None, None) for e in item["entries"]]
    elif "words" in item:
        rows = [(w["word"], w["count"], None, None) for w in item["words"]]
    else:
        rows = [(o["label"], o.get("count", o.get("points")), o.get("share"), o.get("rank")) for o in item["options"]]
    found = {"rows": rows}
    if item.get("mean") is not None:
        found["mean"] = item["mean"]
    if item.get("quorum"):
        found["quorum"] = (item["quorum"], item["quorum_reached"])
    if item.get("outcome"):
        found["outcome"] = OUTCOMES[item["outcome"]]
    return _sorted(found)


READ_REPORT = """(figure) => {
  const out = {rows: [], notes: [], ranked: !!figure.querySelector('thead th:nth-child(1)')?.textContent.includes('Posizione'),
    shares: [...figure.querySelectorAll('thead th')].some((th) => th.textContent.includes('%'))}
  figure.querySelectorAll('tbody tr').forEach((tr) => out.rows.push([...tr.querySelectorAll('td')].map((td) => td.textContent)))
  const text = (node, selector) => node.querySelector(selector).textContent
  figure.querySelectorAll('.poll-entries li').forEach((li) =>
    out.rows.push(['entry', text(li, '.poll-entry-text'), text(li, '.poll-entry-meta')]))
  figure.querySelectorAll('.poll-mean, .poll-quorum, .poll-outcome').forEach((p) => out.notes.push(p.textContent))
  return out
}"""


def from_report(data: dict) -> dict:
    found = {"rows": []}
    for cells in data["rows"]:
        if cells[0] == "entry":
            found["rows"].append((cells[1], int(re.search(r"\d+", cells[2])[0]), None, None))
            continue
        rank = int(cells.pop(0)) if data["ranked"] else None
        share = int(cells[2].rstrip("%")) if data["shares"] else None
        found["rows"].append((cells[0], int(cells[1]), share, rank))
    for text in data["notes"]:
        _notes(found, "", text.strip())
    return _sorted(found)


def answer(phone, actions: list[str]) -> None:
    """One phone answers as a person would: taps the options, moves, types, sends."""
    if actions and actions[0].startswith("upvote:"):
        text = actions[0].split(":", 1)[1]
        phone.get_by_role("button", name=re.compile(f"Sostieni la domanda: {re.escape(text)}")).click()
        expect(phone.get_by_text("Risposta registrata.")).to_be_visible()
        return
    send = "Invia"
    for action in actions:
        if action == "send":
            continue
        if action.startswith("up:"):
            phone.get_by_role("button", name=f"Sposta su: {action[3:]}").click()
        elif action.startswith("words:"):
            for index, word in enumerate(action[6:].split(","), start=1):
                phone.get_by_label(f"Parola {index}").fill(word)
        elif action.startswith("text:"):
            phone.locator("#live-text").fill(action[5:])
            send = "Invia la domanda" if phone.get_by_role("button", name="Invia la domanda").count() else "Invia"
        else:
            phone.get_by_role("button", name=action, exact=True).click()
    phone.get_by_role("button", name=send, exact=True).click()
    expect(phone.get_by_text("Risposta registrata.")).to_be_visible()


def test_every_kind_shows_the_same_figures_on_every_screen_csv_api_and_restituzione(browser, live_url, psm):
    SHOTS.mkdir(parents=True, exist_ok=True)
    facilitator = make_user(roles=[Role.FACILITATOR, Role.STAFF])
    start = timezone.now() - timedelta(hours=3)
    ends = start + timedelta(hours=2)
    meeting = Meeting.objects.create(
        process=psm.process, slug="plenaria-cifre", title="Plenaria", kind="plenaria", starts_at=start, ends_at=ends
    )
    session = session_create(user=facilitator, title="Plenaria di Ivrea", meeting=meeting)
    questions = {
        kind: question_create(user=facilitator, session=session, spec=QuestionSpec(kind=kind, **spec))
        for kind, (spec, _answers, _expected) in CASES.items()
    }

    console = browser.new_page(viewport={"width": 1280, "height": 720})
    login(console, live_url, facilitator.email)
    console.goto(f"{live_url}/live/{session.code}/presenter/")
    projector = browser.new_page(viewport={"width": 1920, "height": 1080})
    projector.goto(f"{live_url}/live/{session.code}/projector/")
    phones = [browser.new_page(**PHONE) for _ in range(3)]
    for phone in phones:
        phone.goto(f"{live_url}/live/{session.code}/")
        phone.get_by_role("button", name="Partecipa").click()
        expect(phone.get_by_text("In attesa della prossima domanda")).to_be_visible()

    def command(text: str, button: str) -> None:  # the facilitator's console drives the session
        console.get_by_role("row", name=re.compile(re.escape(text))).get_by_role("button", name=button).click()
        expect(console.locator("[data-live-question]")).to_have_text(text)

    def approve_all(answers) -> None:
        queue = console.locator("[data-live-queue]")
        for text in [action[5:] for actions in answers for action in actions if action.startswith("text:")]:
            if Entry.objects.filter(text=text, status="pending").exists():
                queue.get_by_role("button", name=f"Approva: {text}", exact=True).click()
        expect(queue.get_by_role("button", name=re.compile("^Approva"))).to_have_count(0)

    on_screens = {}
    for kind, (spec, answers, expected) in CASES.items():
        question = questions[kind]
        command(spec["text"], "Apri")
        for phone in phones:
            expect(phone.get_by_role("heading", name=spec["text"])).to_be_visible()
        for phone, actions in zip(phones, answers, strict=True):
            if actions and actions[0].startswith("upvote:"):
                approve_all(answers)
                expect(phone.get_by_role("button", name=re.compile("Sostieni la domanda"))).to_have_count(2)
            if actions:
                answer(phone, actions)
        if not question.uses_ballots:
            approve_all(answers)
        command(spec["text"], "Chiudi")
        respondents = sum(1 for actions in answers if actions and not actions[0].startswith("upvote:"))
        expect(projector.locator("[data-live-answers]")).to_have_text(f"{respondents} risposte")
        expect(projector.locator("[data-live-state]")).to_have_text("Votazione chiusa")
        rows = len(expected["rows"])
        for screen in (projector, console):
            expect(screen.locator("[data-live-results] :is(.live-bar, .live-cloud-word, .live-entry)")).to_have_count(rows)
        projector.screenshot(path=str(SHOTS / f"projector-{kind}.png"))
        phones[0].screenshot(path=str(SHOTS / f"phone-{kind}.png"), full_page=True)
        console.locator("[data-live-results]").screenshot(path=str(SHOTS / f"presenter-{kind}.png"))
        seen = {
            "projector": from_screen(projector.locator("[data-live-results]").evaluate(READ_SCREEN)),
            "presenter": from_screen(console.locator("[data-live-results]").evaluate(READ_SCREEN)),
        }
        phone_view = phones[0].locator("[data-live-qa-list]" if kind == QuestionKind.QA else "[data-live-results]")
        expect(phone_view.locator(".live-bar, .live-cloud-word, .live-entry")).to_have_count(rows)
        seen["phone"] = from_screen(phone_view.evaluate(READ_SCREEN))
        if kind == QuestionKind.QA:  # the phone lists the questions to upvote, without the "answered" notes
            seen["phone"] = {**seen["phone"], "rows": [(t, n, None, None) for t, n, _s, _r in seen["phone"]["rows"]]}
        assert seen == dict.fromkeys(seen, _sorted(expected)), kind
        on_screens[spec["text"]] = _sorted(expected)

    export = console.request.get(f"{live_url}/live/{session.code}/risultati.csv")
    assert export.status == 200
    api = console.request.get(f"{live_url}/api/v1/live/sessions/{session.code}/results/")
    assert api.status == 200
    by_text = {item["text"]: item for item in api.json()}
    for text, expected in on_screens.items():
        assert from_csv(export.text(), text) == expected, text
        assert from_api(by_text[text]) == expected, text

    console.goto(f"{live_url}/dati/restituzione/{meeting.slug}/")
    console.get_by_role("button", name="Genera la restituzione").click()
    preview = console.locator(".report-preview")
    expect(preview).to_contain_text("Risultati dei sondaggi in sala")
    for text, expected in on_screens.items():
        figure = preview.locator("figure.poll", has=console.locator("figcaption", has_text=text))
        assert from_report(figure.evaluate(READ_REPORT)) == expected, text
    # Open text is a list, never "0 (0 %)" bars; the scale shows its mean.
    assert "0 (0%)" not in preview.locator("figure.poll", has_text="Che cosa manca?").inner_text()
    assert "Media: 3,7" in preview.inner_text()
    console.screenshot(path=str(SHOTS / "restituzione.png"), full_page=True)


def test_the_question_form_shows_the_fields_of_the_chosen_kind(page, live_url):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Consiglio di zona")
    page.set_viewport_size({"width": 1280, "height": 720})
    login(page, live_url, facilitator.email)
    page.goto(f"{live_url}/live/{session.code}/domande/nuova/")
    page.get_by_label("Tipo di domanda").select_option("yesno")
    expect(page.get_by_label("Quorum")).to_be_visible()
    expect(page.get_by_label("Opzioni (una per riga)")).to_be_hidden()
    expect(page.get_by_label("Etichetta del valore minimo")).to_be_hidden()
    page.get_by_label("Domanda", exact=True).fill("Approvate il bilancio?")
    page.get_by_label("Quorum").fill("12")
    page.screenshot(path=str(SHOTS / "question-form-yesno.png"), full_page=True)
    page.get_by_role("button", name="Salva la domanda").click()
    expect(page.get_by_role("row", name=re.compile("Approvate il bilancio"))).to_contain_text("Sì / no / astensione")
    page.goto(f"{live_url}/live/{session.code}/domande/nuova/")
    page.get_by_label("Tipo di domanda").select_option("scale")
    expect(page.get_by_label("Etichetta del valore minimo")).to_be_visible()
    expect(page.get_by_label("Quorum")).to_be_hidden()

"""A facilitator's review of a real plenary (issue 15): ten questions run with "next" only — one of
every kind, one whose option labels are ~150 characters, one with ten options — on a console
1280×720, a projector 1920×1080 and three phones 390×844 (two Italian, one English). After every
step each screen is photographed (/tmp/shots/review/) and read as a person reads it: the same
question everywhere, the console's answers equal to the projector's and to what the phones did, no
text drawn over other text, projector text large enough for the back of the room, nothing wider
than the screen, each phone in its own language; at the end every phone says the session ended."""

import re
from pathlib import Path

from playwright.sync_api import expect

from consultazione.accounts.roles import Role
from consultazione.live.models import Question
from consultazione.live.services import OptionSpec, QuestionSpec, question_create, session_create
from tests.conftest import make_user
from tests.e2e.conftest import login

SHOTS = Path("/tmp/shots/review")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LANGS = ["it-IT", "en-GB", "it-IT"]
SAYS = {
    "it": {"thanks": "Risposta registrata.", "waiting": "In attesa della prossima domanda", "ended": "Sessione conclusa"},
    "en": {"thanks": "Answer recorded.", "waiting": "Waiting for the next question", "ended": "Session ended"},
}
# Words that give away the other language on a phone's screen.
FOREIGN = {
    "it": ["Send", "Answer", "answer", "Waiting", "Change", "participant", "Your ", "results", "Move"],
    "en": ["Invia", "Risposta", "risposta", "attesa", "Cambia", "partecipant", "La tua", "risultati", "Sposta", "Scegli"],
}
LONG = [
    "Rafforzare il trasporto pubblico serale tra i comuni della zona omogenea, "
    "con corse ogni trenta minuti fino a mezzanotte e coincidenze garantite",
    "Recuperare gli edifici scolastici dismessi come case di quartiere aperte ad associazioni, "
    "doposcuola e servizi di prossimità per le famiglie",
    "Creare una rete di percorsi ciclabili sicuri e continui tra le frazioni, "
    "le stazioni ferroviarie e i poli produttivi della cintura sud",
]
TEN = [f"Progetto {n}" for n in ("Alfa", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa")]


def _options(labels):
    return tuple(OptionSpec(label) for label in labels)


QUESTIONS = [
    QuestionSpec(kind="single", text="Come arrivi alla plenaria?", options=_options(["Treno", "Bus", "Auto"])),
    QuestionSpec(
        kind="multiple", text="Quali temi ti interessano?", options=_options(["Casa", "Verde", "Scuola"]), max_choices=2
    ),
    QuestionSpec(kind="scale", text="Quanto ti è utile?", scale_max=5, scale_min_label="poco", scale_max_label="molto"),
    QuestionSpec(kind="ranking", text="Metti in ordine le priorità", options=_options(["Trasporti", "Scuole", "Sanità"])),
    QuestionSpec(kind="wordcloud", text="Una parola per il quartiere", max_choices=2),
    QuestionSpec(kind="open_text", text="Che cosa manca nel quartiere?"),
    QuestionSpec(kind="qa", text="Domande per la giunta"),
    QuestionSpec(kind="yesno", text="Approvate la mozione?", quorum=2),
    QuestionSpec(
        kind="single", text="Quale proposta finanziare per prima nel bilancio partecipativo 2027?", options=_options(LONG)
    ),
    QuestionSpec(kind="multiple", text="Quali progetti vorresti vedere realizzati?", options=_options(TEN), max_choices=3),
]

# What each phone (0, 1, 2) does: the option buttons it presses (by position), or the text it sends.
ACTIONS = {
    "single": [[0], [1], [0]],
    "multiple": [[0, 1], [1], [2]],
    "scale": [[3], [4], [4]],
    "ranking": [None, None, None],
    "wordcloud": ["biciclette", "Città", "citta"],
    "open_text": ["Più panchine", "More trees", "Una biblioteca"],
    "qa": ["Quando apre il cantiere?", "Who pays?", "Chi decide?"],
    "yesno": [[0], [2], [0]],
}
TEN_ACTIONS = [[0, 9], [4], [9, 5, 1]]


def _answer(phone, lang, spec, actions, n):
    action = actions[n]
    if spec.kind in ("single", "multiple", "scale", "yesno"):
        for index in action:
            phone.locator(".live-option").nth(index).click()
        phone.locator("[data-focus=submit]").click()
        expect(phone.get_by_text(SAYS[lang]["thanks"])).to_be_visible()
        stale = phone.locator("[data-live-results]").inner_text()
        assert not re.match(r"0 (risposte|answers)", stale), f"a stale count under my own answer: {stale!r}"
    elif spec.kind == "ranking":
        if n == 0:
            phone.locator("[data-down]").first.click()
        phone.locator("[data-focus=submit]").click()
        expect(phone.get_by_text(SAYS[lang]["thanks"])).to_be_visible()
    elif spec.kind == "wordcloud":
        phone.locator("#live-word-0").fill(action)
        phone.locator("#live-word-0").press("Enter")
        expect(phone.get_by_text(SAYS[lang]["thanks"])).to_be_visible()
    else:
        phone.locator("#live-text").fill(action)
        phone.locator("#live-text").press("Enter")
        expect(phone.locator(".live-mine")).to_contain_text(action)


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


# Pairs of visible elements (matched by the selectors) whose boxes — the element's and its text's —
# intersect; an element is never compared with its own ancestor or descendant.
OVERLAPS_JS = """(selector) => {
  const ink = (el) => {
    const own = el.getBoundingClientRect(), range = document.createRange()
    range.selectNodeContents(el)
    const text = range.getBoundingClientRect()
    // (a visually hidden part, e.g. a cloud word's " (2)" for screen readers, is not ink)
    const boxes = text.width && text.height && !el.querySelector('.visually-hidden') ? [own, text] : [own]
    return {left: Math.min(...boxes.map((b) => b.left)), top: Math.min(...boxes.map((b) => b.top)),
            right: Math.max(...boxes.map((b) => b.right)), bottom: Math.max(...boxes.map((b) => b.bottom))}
  }
  const els = [...document.querySelectorAll(selector)].filter((el) => el.getClientRects().length)
    .filter((el) => el.textContent.trim() !== '' || el.matches('input, textarea, button'))
  const found = []
  for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {
    const [a, b] = [els[i], els[j]]
    if (a.contains(b) || b.contains(a)) continue
    const [p, q] = [ink(a), ink(b)]
    const apart = p.right - 1 <= q.left || q.right - 1 <= p.left || p.bottom - 1 <= q.top || q.bottom - 1 <= p.top
    const name = (el) => el.textContent.trim().slice(0, 30) || el.tagName
    if (!apart) found.push(`${name(a)} × ${name(b)}`)
  }
  return found
}"""
PROJECTOR_TEXTS = ", ".join(
    [
        "[data-live-stage] .live-stage-meta",
        "[data-live-question]",
        ".live-bar-label",
        ".live-bar-count",
        ".live-figure-note",
        ".live-cloud-word",
        ".live-entry-text",
        ".live-entry-meta",
        ".live-projector-footer span",
    ]
)
PHONE_TEXTS = "main h1, main h2, main label, main input, main textarea, main button, main .form-text, main p"

# Every visible element with text of its own: its computed font size and what it is.
SIZES_JS = """(root) => [...root.querySelectorAll('*')]
  .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
  .filter((el) => el.getClientRects().length && !el.closest('.visually-hidden, [hidden]'))
  .map((el) => ({text: el.textContent.trim().slice(0, 40), size: parseFloat(getComputedStyle(el).fontSize),
                 role: el.matches('[data-live-question]') ? 'question'
                     : el.matches('.live-bar-label, .live-bar-count') ? 'bar' : 'other'}))"""
WIDER_JS = """() => {
  const width = document.documentElement.clientWidth
  return [...document.querySelectorAll('body *')].filter((el) => el.getClientRects().length)
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width && (r.right > width + 1 || r.left < -1) })
    .filter((el) => !el.closest('.visually-hidden, .skiplink, [class*=skip]'))
    .map((el) => `${el.tagName}.${el.className}`.slice(0, 60))
}"""
# Projector texts cut off at the bottom of the screen (a projector has no scroll bar to reach them).
BELOW_JS = """(selector) => [...document.querySelectorAll(selector)].filter((el) => el.getClientRects().length)
  .filter((el) => el.getBoundingClientRect().bottom > window.innerHeight + 1)
  .map((el) => el.textContent.trim().slice(0, 30))"""
MINIMUM = {"question": 48, "bar": 32, "other": 24}


def small_projector_texts(projector):
    rows = projector.locator("#live-projector").evaluate(SIZES_JS)
    return [f"{r['text']!r} {r['size']}px" for r in rows if r["size"] < MINIMUM[r["role"]]]


def foreign_words(phone, lang):
    text = phone.locator("main").inner_text()
    return [word for word in FOREIGN[lang] if word in text]


def open_phone(browser, live_url, session, lang):
    phone = browser.new_page(**PHONE, locale=lang)
    phone.goto(f"{live_url}/live/{session.code}/")
    phone.locator("main").get_by_role("button").first.click()  # Partecipa / Take part
    expect(phone.get_by_text(SAYS[lang[:2]]["waiting"])).to_be_visible(timeout=30_000)
    return phone


def test_a_ten_question_plenary_reads_right_on_every_screen(browser, live_url):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Plenaria del bilancio partecipativo di Moncalieri")
    for spec in QUESTIONS:
        question_create(user=facilitator, session=session, spec=spec)
    questions = list(Question.objects.filter(session=session).order_by("position"))
    console = browser.new_page(viewport={"width": 1280, "height": 720})
    login(console, live_url, facilitator.email)
    console.goto(f"{live_url}/live/{session.code}/presenter/")
    expect(console.locator("[data-live-status]")).to_have_text("Collegato")
    projector = browser.new_page(viewport={"width": 1920, "height": 1080})
    projector.goto(f"{live_url}/live/{session.code}/projector/")
    phones = [open_phone(browser, live_url, session, lang) for lang in LANGS]
    langs = [lang[:2] for lang in LANGS]
    screens = {"console": console, "projector": projector} | {f"phone{n}-{langs[n]}": p for n, p in enumerate(phones)}
    for name, screen in screens.items():
        shot(screen, f"00-{name}")

    problems = []
    for step, (spec, question) in enumerate(zip(QUESTIONS, questions, strict=True), start=1):
        console.get_by_role("button", name="Domanda successiva").click()
        expect(console.locator("[data-live-question]")).to_have_text(question.text)
        expect(projector.locator("[data-live-question]")).to_have_text(question.text)
        actions = TEN_ACTIONS if step == 10 else ACTIONS[spec.kind]
        for n, phone in enumerate(phones):
            expect(phone.get_by_role("heading", name=question.text, exact=True)).to_be_visible()
            expect(phone.locator("main h1")).to_be_focused()
            assert foreign_words(phone, langs[n]) == [], (step, n, "before answering")
            if spec.kind == "yesno":  # the three options in the phone's language, whoever created them
                names = ["Yes", "No", "Abstain"] if langs[n] == "en" else ["Sì", "No", "Astensione"]
                expect(phone.locator(".live-option")).to_have_text(names)
            _answer(phone, langs[n], spec, actions, n)
        expect(console.locator("[data-live-counters]")).to_have_text("3 partecipanti · 3 risposte")
        expect(projector.locator("[data-live-answers]")).to_have_text("3 risposte")
        expect(projector.locator("[data-live-participants]")).to_have_text("3 partecipanti")
        for phone in phones:  # having answered, each phone sees the figures (after_answer, the default)
            if spec.kind in ("single", "multiple", "scale", "ranking", "yesno"):
                expect(phone.locator("[data-live-results] .live-bar").first).to_be_visible(timeout=5_000)
            if spec.kind == "wordcloud":
                expect(phone.locator("[data-live-results] .live-cloud-word").first).to_be_visible(timeout=5_000)
        label = f"{step:02d}-{spec.kind}"
        for name, screen in screens.items():
            shot(screen, f"{label}-{name}")
        for n, phone in enumerate(phones):
            name = f"phone{n}-{langs[n]}"
            problems += [f"{label} {name} overlap {pair}" for pair in phone.evaluate(OVERLAPS_JS, PHONE_TEXTS)]
            problems += [f"{label} {name} wider {el}" for el in phone.evaluate(WIDER_JS)]
            problems += [f"{label} {name} foreign {w}" for w in foreign_words(phone, langs[n])]
            fields = phone.locator("main input.form-control:visible, main textarea:visible")
            for i in range(fields.count()):
                border = fields.nth(i).evaluate(
                    "(el) => getComputedStyle(el).borderTopWidth + ' ' + getComputedStyle(el).borderBottomWidth"
                )
                if border.startswith("0px"):
                    problems.append(f"{label} {name} field without a border ({border})")
        problems += [f"{label} projector overlap {pair}" for pair in projector.evaluate(OVERLAPS_JS, PROJECTOR_TEXTS)]
        problems += [f"{label} projector small {text}" for text in small_projector_texts(projector)]
        footer = projector.locator(".live-projector-footer").bounding_box()
        answers = projector.locator("[data-live-answers]").bounding_box()
        if abs(footer["x"] + footer["width"] - answers["x"] - answers["width"]) > 1:
            problems.append(f"{label} projector: the answers are not at the footer's right edge ({answers})")
        problems += [f"{label} projector cut off {text}" for text in projector.evaluate(BELOW_JS, PROJECTOR_TEXTS)]
        problems += [f"{label} projector wider {el}" for el in projector.evaluate(WIDER_JS)]
        heights = console.locator(".live-queue-actions button").evaluate_all(
            "(els) => els.map((el) => Math.round(el.getBoundingClientRect().height))"
        )
        if len(set(heights)) > 1:  # a moderation button wrapped onto two lines in one row, not in the next
            problems.append(f"{label} console: moderation buttons of different heights {heights}")
        problems += [f"{label} console wider {el}" for el in console.evaluate(WIDER_JS)]

    console.get_by_role("button", name="Concludi la sessione").click()
    console.get_by_role("dialog").get_by_role("button", name="Conferma").click()
    expect(console.locator("[data-console-ended]")).to_contain_text("Sessione conclusa")
    expect(console.locator("[data-console-state]")).to_have_text("Chiusa")
    expect(console.locator("#live-now-title")).to_have_text("Risultati")  # no longer "In diretta"
    expect(console.get_by_role("button", name="Domanda successiva")).to_have_count(0)
    for n, phone in enumerate(phones):
        expect(phone.get_by_role("heading", name=SAYS[langs[n]]["ended"])).to_be_visible()
    expect(projector.locator("[data-live-state]")).to_have_text("Sessione conclusa")
    for name, screen in screens.items():
        shot(screen, f"11-ended-{name}")
    assert problems == [], "\n".join(problems)

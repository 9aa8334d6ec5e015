"""The phone through a plenary (issue 15, items 3, 4 and 12): question changes of every kind, a
phone offline for 10 s and reloaded, who sees the figures, a moderated text — what a person
sees on the phone (390×844) and on the projector (1920×1080), with no page error (suite watch)."""

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from consultazione.accounts.roles import Role
from consultazione.live.models import Entry, Kind
from consultazione.live.services import (
    OptionSpec,
    QuestionSpec,
    entry_moderate,
    question_create,
    question_reveal,
    session_create,
    session_end,
    session_next,
)
from tests.conftest import make_user

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
SHOTS = "/tmp/shots/phone"
# What a browser reports while the network is down (the watch fails a test on anything else).
NETWORK_LOSS = re.compile(r"ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|WebSocket connection to .* failed|ERR_CONNECTION")


def call(service, **kwargs):
    """Run a service as the console would, off the test's thread: Playwright's event loop runs
    here, and the push after commit (async_to_sync) cannot run beside it."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(service, **kwargs).result()


def plenary(*specs: QuestionSpec):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Plenaria di Bra")
    questions = [question_create(user=facilitator, session=session, spec=spec) for spec in specs]
    return facilitator, session, questions


def single(text, labels=("Treno", "Bus", "Auto"), **fields):
    return QuestionSpec(kind=Kind.SINGLE, text=text, options=tuple(map(OptionSpec, labels)), **fields)


def join(browser, live_url, session, *, context=None):
    context = context or browser.new_context(**PHONE)
    phone = context.new_page()
    phone.goto(f"{live_url}/live/{session.code}/")
    phone.get_by_role("button", name="Partecipa").click()
    expect(phone.get_by_text("In attesa della prossima domanda")).to_be_visible()
    return phone


def focused(page) -> dict:
    return page.evaluate("({tag: document.activeElement.tagName, text: document.activeElement.textContent.trim()})")


def test_question_changes_of_every_kind_move_the_focus_to_the_new_heading(browser, live_url):
    specs = [
        single("Come arrivi?"),
        QuestionSpec(
            kind=Kind.MULTIPLE, text="Cosa manca?", options=tuple(map(OptionSpec, ("Treni", "Piste", "Panchine"))), max_choices=2
        ),
        QuestionSpec(kind=Kind.SCALE, text="Quanto ti piace?", scale_max=5, scale_min_label="Poco", scale_max_label="Molto"),
        QuestionSpec(kind=Kind.RANKING, text="Metti in ordine", options=tuple(map(OptionSpec, ("Scuole", "Strade", "Parchi")))),
        QuestionSpec(kind=Kind.WORDCLOUD, text="Una parola per la città", max_choices=2),
        QuestionSpec(kind=Kind.OPEN_TEXT, text="Cosa cambieresti?"),
        QuestionSpec(kind=Kind.QA, text="Domande per la giunta", max_choices=2),
        single("Torneresti?", labels=("Sì", "No")),
    ]
    facilitator, session, _questions = plenary(*specs)
    phone = join(browser, live_url, session)
    answers = {
        Kind.SINGLE: lambda: phone.get_by_role("button", name="Treno").click(),
        Kind.MULTIPLE: lambda: phone.get_by_role("button", name="Piste").click(),
        Kind.SCALE: lambda: phone.get_by_role("button", name="4", exact=True).click(),
        Kind.RANKING: lambda: None,
        Kind.WORDCLOUD: lambda: phone.get_by_label("Parola 1").fill("verde"),
        Kind.OPEN_TEXT: lambda: phone.get_by_label("La tua risposta").fill("Più treni la sera"),
        Kind.QA: lambda: phone.get_by_label("La tua domanda").fill("Quando arriva il tram?"),
    }
    for index, spec in enumerate(specs):
        call(session_next, user=facilitator, session=session)
        heading = phone.get_by_role("heading", name=spec.text)
        expect(heading).to_be_visible()
        expect(heading).to_be_focused()  # the focus is on the new question, not on <body>
        assert focused(phone) == {"tag": "H1", "text": spec.text}
        if index < len(specs) - 1:
            answers[spec.kind]()
            phone.get_by_role("button", name=re.compile(r"^(Invia|Invia la domanda)$")).click()
            expect(phone.get_by_text("Risposta registrata.")).to_be_visible()
            phone.evaluate("document.activeElement.blur()")  # a tap outside: the focus is on <body>
        phone.screenshot(path=f"{SHOTS}/kinds-{index + 1}-{spec.kind}.png")
    call(session_end, user=facilitator, session=session)
    ended = phone.get_by_role("heading", name="Sessione conclusa")
    expect(ended).to_be_focused()  # by push, no reload
    expect(phone.get_by_text("Grazie per aver partecipato")).to_be_visible()
    phone.screenshot(path=f"{SHOTS}/kinds-ended.png")


def test_a_phone_offline_for_ten_seconds_and_reloaded_shows_the_current_question_without_stale_figures(
    browser, live_url, page_errors
):
    facilitator, session, _questions = plenary(
        single("Come arrivi alla plenaria?", phone_visibility="live"),
        QuestionSpec(kind=Kind.SCALE, text="Quanto è utile?", scale_max=5),
        single("Torneresti a un incontro così?", labels=("Sì", "No", "Forse")),
    )
    context = browser.new_context(**PHONE)
    phone = join(browser, live_url, session, context=context)
    call(session_next, user=facilitator, session=session)
    phone.get_by_role("button", name="Treno").click()
    phone.get_by_role("button", name="Invia").click()
    results = phone.locator("[data-live-results]")
    expect(results.locator(".live-bar")).to_have_count(3)
    expect(results).to_contain_text("Treno")

    before = len(page_errors.problems)
    context.set_offline(True)
    call(session_next, user=facilitator, session=session)  # the scale question, while the phone is away
    time.sleep(10)
    context.set_offline(False)
    expect(phone.get_by_role("heading", name="Quanto è utile?")).to_be_visible(timeout=20_000)
    expect(phone.locator("[data-live-status]")).to_have_text("Collegato", timeout=20_000)
    # Only the network's own complaints while it was down are forgiven.
    lost = page_errors.problems[before:]
    assert all(NETWORK_LOSS.search(problem) for problem in lost), lost
    del page_errors.problems[before:]
    expect(results.locator(".live-bar")).to_have_count(0)  # none of the previous question's bars
    expect(results).not_to_contain_text("Treno")
    expect(results.locator("[data-figure=mean]")).to_have_count(0)
    phone.screenshot(path=f"{SHOTS}/offline-back-scale.png")

    phone.get_by_role("button", name="4", exact=True).click()
    phone.get_by_role("button", name="Invia").click()
    expect(results.locator("[data-figure=mean]")).to_have_text("Media: 4,0")  # figures after answering
    call(session_next, user=facilitator, session=session)
    phone.reload()
    expect(phone.get_by_role("heading", name="Torneresti a un incontro così?")).to_be_visible()
    expect(results).not_to_contain_text("Media")
    expect(results.locator(".live-bar")).to_have_count(0)
    expect(phone.get_by_text("I risultati compaiono qui dopo che hai risposto.")).to_be_visible()
    phone.screenshot(path=f"{SHOTS}/offline-reloaded.png")


def test_a_reloaded_phone_and_projector_show_the_question_on_screen_while_their_socket_stays_silent(
    browser, live_url, page_errors
):
    """The page comes with the state it must show (the socket's snapshot, read when the page is
    served): a reload over a slow or stuck socket never shows "waiting" over an open question."""
    facilitator, session, _questions = plenary(single("Come arrivi alla plenaria?", phone_visibility="after_answer"))
    phone = join(browser, live_url, session)
    call(session_next, user=facilitator, session=session)
    phone.get_by_role("button", name="Treno").click()
    phone.get_by_role("button", name="Invia").click()
    expect(phone.locator("[data-live-results] .live-bar").filter(has_text="Treno")).to_contain_text("1 (100%)")

    silent = re.compile(r"/ws/live/")
    phone.route_web_socket(silent, lambda socket: None)  # it opens, and no frame ever comes
    phone.reload()
    expect(phone.locator("[data-live-status]")).to_have_text("Collegato")
    expect(phone.get_by_role("heading", name="Come arrivi alla plenaria?")).to_be_visible()
    expect(phone.get_by_role("button", name="Treno")).to_have_attribute("aria-pressed", "true")  # my answer
    expect(phone.locator("[data-live-results] .live-bar").filter(has_text="Treno")).to_contain_text("1 (100%)")
    assert phone.get_by_text("In attesa della prossima domanda").count() == 0
    phone.screenshot(path=f"{SHOTS}/reload-silent-socket.png")

    projector = browser.new_page(**PROJECTOR)
    projector.route_web_socket(silent, lambda socket: None)
    projector.goto(f"{live_url}/live/{session.code}/projector/")
    expect(projector.locator("[data-live-question]")).to_have_text("Come arrivi alla plenaria?")
    expect(projector.locator("[data-live-join]")).to_be_hidden()  # not the join code over a running question
    expect(projector.locator("[data-live-answers]")).to_have_text("1 risposta")
    projector.screenshot(path=f"{SHOTS}/projector-silent-socket.png")


def bars(page) -> list[str]:
    return page.locator("[data-live-results] .live-bar").all_inner_texts()


@pytest.mark.parametrize(
    ("phone_visibility", "projector_visibility"),
    [("after_answer", "live"), ("never", "live"), ("on_reveal", "on_reveal"), ("live", "on_reveal")],
)
def test_the_projector_and_the_phones_each_see_the_figures_their_setting_allows(
    browser, live_url, phone_visibility, projector_visibility
):
    facilitator, session, (question,) = plenary(
        single("Quale linea prendi?", visibility=projector_visibility, phone_visibility=phone_visibility)
    )
    projector = browser.new_page(**PROJECTOR)
    projector.goto(f"{live_url}/live/{session.code}/projector/")
    voter = join(browser, live_url, session)
    waiting = join(browser, live_url, session)
    call(session_next, user=facilitator, session=session)
    voter.get_by_role("button", name="Bus").click()
    voter.get_by_role("button", name="Invia").click()
    expect(projector.locator("[data-live-answers]")).to_have_text("1 risposta")
    figures_for_voter = phone_visibility in ("after_answer", "live")
    expect(voter.locator("[data-live-results]")).to_contain_text("Bus" if figures_for_voter else "1 risposta")
    expect(waiting.locator("[data-live-results]")).to_contain_text("Bus" if phone_visibility == "live" else "1 risposta")

    projector_bars = projector.locator("[data-live-results] .live-bar")
    if projector_visibility == "live":
        expect(projector_bars.filter(has_text="Bus")).to_contain_text("1 (100%)")
    else:
        expect(projector_bars).to_have_count(0)
    voter_bars = voter.locator("[data-live-results] .live-bar")
    waiting_bars = waiting.locator("[data-live-results] .live-bar")
    if phone_visibility == "after_answer":
        expect(voter_bars.filter(has_text="Bus")).to_contain_text("1 (100%)")
        expect(waiting_bars).to_have_count(0)
        expect(waiting.get_by_text("I risultati compaiono qui dopo che hai risposto.")).to_be_visible()
    elif phone_visibility == "live":
        for phone in (voter, waiting):
            expect(phone.locator("[data-live-results] .live-bar").filter(has_text="Bus")).to_contain_text("1 (100%)")
    else:
        time.sleep(1.5)  # a tick for the phones has come and gone: still nothing
        assert bars(voter) == [] and bars(waiting) == []
    projector.screenshot(path=f"{SHOTS}/visibility-{phone_visibility}-projector.png")
    waiting.screenshot(path=f"{SHOTS}/visibility-{phone_visibility}-waiting-phone.png")
    voter.screenshot(path=f"{SHOTS}/visibility-{phone_visibility}-voter-phone.png")

    if "on_reveal" in (phone_visibility, projector_visibility):
        call(question_reveal, user=facilitator, question=question)
        expect(projector_bars.filter(has_text="Bus")).to_contain_text("1 (100%)")
        for phone in (voter, waiting):
            expect(phone.locator("[data-live-results] .live-bar").filter(has_text="Bus")).to_contain_text("1 (100%)")


def test_a_rejected_text_tells_its_author_without_a_reload(browser, live_url):
    facilitator, session, _questions = plenary(QuestionSpec(kind=Kind.OPEN_TEXT, text="Cosa cambieresti?", max_choices=2))
    phone = join(browser, live_url, session)
    call(session_next, user=facilitator, session=session)
    phone.get_by_label("La tua risposta").fill("Più treni la sera")
    phone.get_by_role("button", name="Invia").click()
    mine = phone.locator(".live-mine li")
    expect(mine).to_have_text("Più treni la sera in attesa di moderazione")
    phone.get_by_label("La tua risposta").fill("Una seconda idea, ancora da inviare")
    call(entry_moderate, user=facilitator, entry=Entry.objects.get(text="Più treni la sera"), action="reject")
    expect(mine).to_have_text("Più treni la sera non pubblicata")
    expect(phone.get_by_role("status").filter(has_text="non è stato pubblicato dalla moderazione")).to_be_visible()
    expect(phone.get_by_label("La tua risposta")).to_have_value("Una seconda idea, ancora da inviare")  # kept while typing
    phone.screenshot(path=f"{SHOTS}/rejected-text.png")


def test_an_english_phone_reads_the_moderators_decision_in_english(browser, live_url):
    facilitator, session, _questions = plenary(QuestionSpec(kind=Kind.OPEN_TEXT, text="Cosa cambieresti?"))
    phone = browser.new_context(**PHONE, locale="en-GB", extra_http_headers={"Accept-Language": "en"}).new_page()
    phone.goto(f"{live_url}/live/{session.code}/")
    phone.get_by_role("button", name="Take part").click()
    expect(phone.get_by_text("Waiting for the next question")).to_be_visible()
    call(session_next, user=facilitator, session=session)
    phone.get_by_label("Your answer").fill("More trains at night")
    phone.get_by_role("button", name="Send").click()
    mine = phone.locator(".live-mine li")
    expect(mine).to_have_text("More trains at night awaiting moderation")
    call(entry_moderate, user=facilitator, entry=Entry.objects.get(text="More trains at night"), action="reject")
    expect(mine).to_have_text("More trains at night not published")
    expect(phone.get_by_role("status").filter(has_text="was not published by the moderators")).to_be_visible()
    # Results "after answering" (the default): having sent a text, the phone sees the published ones.
    expect(phone.locator("[data-live-results]")).to_have_text("No text published yet.")
    phone.screenshot(path=f"{SHOTS}/rejected-text-en.png")

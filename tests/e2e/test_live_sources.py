"""A question built from the consultation, in a browser: a facilitator on a laptop (1280×720)
builds one from "the strategies of an axis" of the seeded plan, renames an option, drops one,
moves one with ↑ and creates it; the projector (1920×1080) then shows exactly those options in
that order. And two contributions with the same title: flagged, told apart, created."""

from pathlib import Path

from playwright.sync_api import expect

from consultazione.accounts.roles import Role
from consultazione.contributions.models import Contribution, Status
from consultazione.live.models import Question
from consultazione.live.services import question_open, session_create
from consultazione.plan.models import Axis
from consultazione.process.models import Process
from tests.conftest import make_user
from tests.e2e.conftest import login

SHOTS = Path("/tmp/shots/sources")
LAPTOP = {"width": 1280, "height": 720}
PROJECTOR = {"width": 1920, "height": 1080}


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _row_labels(page) -> list[str]:
    return [field.input_value() for field in page.locator("#source-options tbody tr textarea[name$='-label']").all()]


def test_options_of_an_axis_renamed_dropped_reordered_reach_the_projector(browser, live_url):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Plenaria dell'asse 1")
    axis = Axis.objects.get(plan__slug="psm-2024-2026", code=1)
    console = browser.new_page(viewport=LAPTOP)
    login(console, live_url, facilitator.email)
    console.goto(f"{live_url}/live/{session.code}/presenter/")
    console.get_by_role("link", name="Dalle strategie di un asse").click()
    expect(console.get_by_text("Passo 1 di 2")).to_be_visible()
    console.get_by_label("Asse").select_option(str(axis.pk))
    console.get_by_label("Domanda", exact=True).fill("Da quale azione partiamo?")
    _shot(console, "1-source")
    console.get_by_role("button", name="Mostra le opzioni").click()

    expect(console.get_by_text("L'asse ha 1 strategia: le opzioni sono le azioni delle sue strategie.")).to_be_visible()
    generated = _row_labels(console)
    assert [label.split()[0] for label in generated] == ["1.1.1", "1.1.2", "1.1.3"], generated
    assert Question.objects.count() == 0
    _shot(console, "2-preview")

    console.get_by_label("Testo dell'opzione 1").fill("Banda larga in ogni valle")
    console.get_by_label("Elimina l'opzione 2").check()
    console.get_by_role("button", name="Sposta su l'opzione 3").click()  # the third row goes above the second, then the first
    console.get_by_role("button", name="Sposta su l'opzione 3").click()
    assert _row_labels(console) == [generated[2], "Banda larga in ogni valle", generated[1]]
    positions = [field.input_value() for field in console.locator("#source-options input[name$='-ORDER']").all()]
    assert positions == ["1", "2", "3"]
    _shot(console, "3-edited")
    console.get_by_role("button", name="Crea la domanda").click()
    expect(console.get_by_text("Domanda aggiunta.")).to_be_visible()

    question = Question.objects.get(session=session)
    expected = [generated[2], "Banda larga in ogni valle"]
    assert list(question.options.values_list("label", flat=True)) == expected
    question_open(user=facilitator, question=question)
    projector = browser.new_page(viewport=PROJECTOR)
    projector.goto(f"{live_url}/live/{session.code}/projector/")
    expect(projector.locator("[data-live-question]")).to_have_text("Da quale azione partiamo?")
    expect(projector.locator(".live-bar-label")).to_have_text(expected)
    _shot(projector, "4-projector")


def test_two_contributions_with_one_title_are_flagged_then_told_apart(browser, live_url):
    facilitator = make_user(roles=[Role.FACILITATOR])
    session = session_create(user=facilitator, title="Plenaria dei contributi")
    process = Process.objects.get(slug="psm-2024-2026")
    axis = Axis.objects.get(plan__slug="psm-2024-2026", code=2)
    for n, title in enumerate(["Comunità energetiche montane", "Comunità energetiche montane", "Più treni"], start=1):
        Contribution.objects.create(
            process=process, phase=process.phases.get(kind="ascolto"), kind="idea", title=title, body="…", axis=axis,
            author=facilitator, status=Status.PUBLISHED, support_count=10 - n, reference=f"PSM-IDEA-2026-9000{n}",
        )  # fmt: skip
    console = browser.new_page(viewport=LAPTOP)
    login(console, live_url, facilitator.email)
    console.goto(f"{live_url}/live/{session.code}/domande/nuova/contributions/")
    console.get_by_label("Quanti contributi (i più sostenuti)").fill("3")
    console.get_by_label("Domanda", exact=True).fill("Quale proposta prima?")
    console.get_by_role("button", name="Mostra le opzioni").click()
    expect(console.locator(".source-duplicate")).to_have_count(2)
    _shot(console, "5-duplicates")
    console.get_by_role("button", name="Crea la domanda").click()
    expect(console.locator("#source-error")).to_contain_text("Due opzioni hanno lo stesso testo: «Comunità energetiche montane»")
    expect(console.get_by_label("Domanda", exact=True)).to_have_value("Quale proposta prima?")
    assert not Question.objects.exists()
    console.get_by_role("button", name="Distingui con il riferimento").click()
    assert _row_labels(console) == [
        "Comunità energetiche montane (PSM-IDEA-2026-90001)",
        "Comunità energetiche montane (PSM-IDEA-2026-90002)",
        "Più treni",
    ]
    expect(console.locator(".source-duplicate")).to_have_count(0)
    _shot(console, "6-told-apart")
    console.get_by_role("button", name="Crea la domanda").click()
    expect(console.get_by_text("Domanda aggiunta.")).to_be_visible()
    assert Question.objects.get().options.count() == 3

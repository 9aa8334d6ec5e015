"""Browser journeys of the meetings: a citizen registers; a facilitator records a table's
outputs; staff generate, edit and publish the restituzione (facilitators cannot publish)."""

import re

from axe_playwright_python.sync_playwright import Axe

from consultazione.meetings.services import attendance_check_in, registration_create
from tests.e2e.conftest import login
from tests.meetings.conftest import make_meeting, table_meeting  # noqa: F401 - fixtures

_axe = Axe()


def _serious(page) -> list[str]:
    return [v["id"] for v in _axe.run(page).response["violations"] if v["impact"] in {"serious", "critical"}]


def test_citizen_registers_from_the_calendar(page, live_url, make_meeting):  # noqa: F811
    meeting = make_meeting(title="Tavolo aperto di prova", capacity=1)
    page.goto(live_url + "/incontri/")
    assert _serious(page) == []
    page.get_by_role("link", name="Tavolo aperto di prova").click()
    assert _serious(page) == []
    page.locator("main").get_by_role("link", name="Iscriviti").click()
    page.get_by_label("Nome", exact=True).fill("Partecipante")
    page.get_by_label("Cognome").fill("Browser")
    page.get_by_label("Email").fill("browser-iscritta@example.org")
    page.locator("label[for=id_consent]").click()
    assert _serious(page) == []
    page.get_by_role("button", name="Conferma l'iscrizione").click()
    assert page.locator("h1").inner_text() == "Iscrizione confermata"
    page.goto(live_url + meeting.get_absolute_url() + "iscrizione/")
    page.get_by_label("Nome", exact=True).fill("Seconda")
    page.get_by_label("Cognome").fill("Persona")
    page.get_by_label("Email").fill("seconda@example.org")
    page.locator("label[for=id_consent]").click()
    page.get_by_role("button", name="Conferma l'iscrizione").click()
    assert page.locator("h1").inner_text() == "Sei in lista d'attesa"


def test_facilitator_records_outputs_and_staff_publishes(
    page,
    page_errors,
    context,
    live_url,
    make_meeting,  # noqa: F811
    facilitator,
    staff,
    psm,
):
    from consultazione.meetings.services import TableSpec

    psm.set_phase("ascolto")
    meeting = make_meeting(
        days=-1,
        title="Tavolo territoriale del browser",
        tables=[TableSpec("Tavolo unico", axis=psm.axes[3], facilitator=facilitator)],
    )
    for n in range(1, 4):
        registration = registration_create(
            meeting=meeting,
            first_name=f"Partecipante {n:02d}",
            last_name="Nascosto",
            email=f"b{n}@example.org",
            consent=False,
            source="import",
        ).registration
        attendance_check_in(actor=staff, registration=registration)

    page.on("dialog", lambda dialog: dialog.accept())
    login(page, live_url, facilitator.email)
    page.goto(live_url + meeting.get_absolute_url())
    page.get_by_role("link", name="Gestione dell'incontro").click()
    page.get_by_role("link", name="Tavolo unico").click()
    page.get_by_role("textbox", name="Sintesi del tavolo").fill("Il tavolo chiede collegamenti serali tra le valli.")
    page.get_by_role("button", name="Salva la sintesi").click()
    assert "Sintesi del tavolo salvata" in page.locator(".site-messages").inner_text()
    work = page.locator("details", has_text="Lavoro ai tavoli")
    work.get_by_label("Che cosa è emerso").fill("Servono corse dopo le 20 verso i comuni montani.")
    work.get_by_label("Decisioni e indicazioni").fill("Sperimentare un servizio a chiamata.")
    work.get_by_role("button", name=re.compile("Salva")).click()
    assert "Esito salvato" in page.locator(".site-messages").inner_text()
    contribution = page.locator("form", has=page.locator("input[value=contribution]"))
    contribution.get_by_label("Tipo").select_option("criticita")
    contribution.get_by_label("Titolo").fill("Corse serali assenti nelle valli")
    contribution.get_by_label("Descrizione").fill("Dopo le 20 non ci sono collegamenti verso i comuni montani.")
    contribution.get_by_role("button", name="Aggiungi il contributo").click()
    assert "Corse serali assenti nelle valli" in page.locator(".table-contributions").inner_text()
    assert _serious(page) == []
    page_errors.expect(status=403, url_part=f"/dati/restituzione/{meeting.slug}/")
    assert page.goto(live_url + f"/dati/restituzione/{meeting.slug}/").status == 403  # staff publish, not facilitators

    context.clear_cookies()
    login(page, live_url, staff.email)
    page.goto(live_url + f"/incontri/{meeting.slug}/gestione/")
    page.get_by_role("link", name="Prepara la restituzione").click()
    page.get_by_role("button", name="Genera la restituzione").click()
    preview = page.locator(".report-preview")
    assert "Servono corse dopo le 20 verso i comuni montani." in preview.inner_text()
    assert "Hanno partecipato 3 persone" in preview.inner_text()
    assert "Nascosto" not in preview.inner_text()
    editor = page.get_by_label("Testo della restituzione (HTML)")
    editor.fill(editor.input_value() + "<p>Nota della segreteria tecnica.</p>")
    page.get_by_role("button", name="Salva le modifiche").click()
    assert "Nota della segreteria tecnica." in page.locator(".report-preview").inner_text()
    assert page.locator(".build-error").count() == 0
    assert _serious(page) == []
    page.get_by_role("button", name="Pubblica sul sito").click()
    assert "Restituzione pubblicata" in page.locator(".site-messages").inner_text()
    page.get_by_role("link", name="vedi la pagina").click()
    body = page.locator("main").inner_text()
    assert "Nota della segreteria tecnica." in body and "Corse serali assenti nelle valli" in body
    assert "Nascosto" not in body
    assert _serious(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Scarica in PDF").click()
    assert download.value.suggested_filename == f"restituzione-{meeting.slug}.pdf"

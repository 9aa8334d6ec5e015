"""Staff run a meeting from the site (issue 16 item 2): create it with two agenda items and a
round table (1280×720), edit it, a citizen registers on a phone (390×844), staff cancel it; the
citizen's email and the meeting page say "Annullato"."""

import os
from datetime import timedelta
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone

from consultazione.meetings.models import Meeting
from tests.e2e.conftest import login

SHOTS = Path(os.environ.get("MEETINGS_SHOTS", "/tmp/meetings16-shots"))
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
_axe = Axe()


def _serious(page) -> list[str]:
    return [v["id"] for v in _axe.run(page).response["violations"] if v["impact"] in {"serious", "critical"}]


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _no_overlap(page, selector: str) -> None:
    """No two visible boxes matching `selector` overlap (measured in one go: the page may be
    scrolling smoothly to the last focused field)."""
    boxes = page.evaluate(
        """sel => [...document.querySelectorAll(sel)].map(e => {
            const r = e.getBoundingClientRect();
            return {x: r.x, y: r.y + window.scrollY, w: r.width, h: r.height, name: e.outerHTML.slice(0, 80)};
        }).filter(b => b.w > 0 && b.h > 0)""",
        selector,
    )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            overlap_y = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            assert overlap_x <= 1 or overlap_y <= 1, f"{a} overlaps {b}"


def _no_horizontal_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_staff_create_edit_cancel_and_citizen_is_told(browser, live_url, staff, citizen, psm):
    start = timezone.localtime(timezone.now() + timedelta(days=21))
    staff_page = browser.new_context(viewport=DESKTOP, locale="it-IT").new_page()
    login(staff_page, live_url, staff.email)
    staff_page.goto(live_url + "/incontri/")
    staff_page.get_by_role("link", name="Nuovo incontro").click()
    assert _serious(staff_page) == []
    staff_page.get_by_label("Tipo di incontro").select_option(label="Tavolo territoriale")
    staff_page.locator("#id_title").fill("Tavolo territoriale del Pinerolese")
    staff_page.locator("#id_description").fill("Criticità e proposte per la zona 5.")
    staff_page.locator("#id_starts_at_0").fill(start.strftime("%Y-%m-%d"))
    staff_page.locator("#id_starts_at_1").fill("17:30")
    staff_page.locator("#id_ends_at_0").fill(start.strftime("%Y-%m-%d"))
    staff_page.locator("#id_ends_at_1").fill("19:30")
    staff_page.get_by_label("Comune sede").select_option(label="Pinerolo")
    staff_page.get_by_label("Luogo").fill("Sala consiliare")
    staff_page.get_by_label("Posti disponibili").fill("30")
    staff_page.locator("#id_agenda-0-title").fill("Saluti e presentazione")
    staff_page.locator("#id_agenda-0-duration_minutes").fill("10")
    staff_page.locator("#id_agenda-1-title").fill("Lavoro ai tavoli")
    staff_page.locator("#id_agenda-1-duration_minutes").fill("75")
    staff_page.locator("#id_tavoli-0-title").fill("Tavolo mobilità")
    staff_page.locator("#id_tavoli-0-axis").select_option(index=3)
    _shot(staff_page, "01-staff-new-form")
    # labels never cover a text box, a select or another label (Bootstrap Italia draws the
    # checkbox inside its label, so checkboxes are left out)
    fields = ".meeting-form label, .meeting-form input:not([type=hidden]):not([type=checkbox]), .meeting-form select"
    _no_overlap(staff_page, fields)
    _no_horizontal_scroll(staff_page)
    staff_page.get_by_role("button", name="Crea l'incontro").click()
    assert "Incontro creato" in staff_page.locator(".site-messages").inner_text()
    _shot(staff_page, "02-staff-manage")
    meeting = Meeting.objects.get(title="Tavolo territoriale del Pinerolese")
    assert list(meeting.agenda.values_list("title", flat=True)) == ["Saluti e presentazione", "Lavoro ai tavoli"]
    assert meeting.tables.get().axis is not None
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "17:30"

    staff_page.get_by_role("link", name="Modifica l'incontro").click()
    assert staff_page.locator("#id_agenda-1-title").input_value() == "Lavoro ai tavoli"
    staff_page.get_by_label("Obiettivi").fill("Tre proposte per la mobilità serale.")
    staff_page.locator("#id_agenda-0-ORDER").fill("2")
    staff_page.locator("#id_agenda-1-ORDER").fill("1")
    _shot(staff_page, "03-staff-edit-form")
    staff_page.set_viewport_size(PHONE)  # the same form on a phone: one column, nothing covered
    _no_overlap(staff_page, fields)
    _no_horizontal_scroll(staff_page)
    _shot(staff_page, "03b-staff-edit-form-phone")
    staff_page.set_viewport_size(DESKTOP)
    staff_page.get_by_role("button", name="Salva le modifiche").click()
    assert "Modifiche salvate" in staff_page.locator(".site-messages").inner_text()
    assert list(meeting.agenda.values_list("title", flat=True)) == ["Lavoro ai tavoli", "Saluti e presentazione"]

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="it-IT").new_page()
    login(phone, live_url, citizen.email)
    phone.goto(live_url + meeting.get_absolute_url())
    phone.locator("main").get_by_role("link", name="Iscriviti").click()
    phone.get_by_label("Nome", exact=True).fill("Cittadina")
    phone.get_by_label("Cognome").fill("Pinerolese")
    phone.locator("label[for=id_consent]").click()
    phone.get_by_role("button", name="Conferma l'iscrizione").click()
    assert phone.locator("h1").inner_text() == "Iscrizione confermata"
    _no_horizontal_scroll(phone)
    _shot(phone, "04-citizen-registered-phone")

    mail.outbox.clear()
    staff_page.goto(live_url + meeting.get_absolute_url() + "gestione/")
    staff_page.get_by_role("link", name="Annulla l'incontro").first.click()
    assert "Riceverà un'email 1 persona" in staff_page.locator("main").inner_text()
    staff_page.get_by_label("Motivo dell'annullamento").fill("La sala non è disponibile: l'incontro sarà riprogrammato.")
    _shot(staff_page, "05-staff-cancel-form")
    assert _serious(staff_page) == []
    staff_page.get_by_role("button", name="Annulla l'incontro e avvisa gli iscritti").click()
    assert "Annullato" in staff_page.locator(".meeting-cancelled").inner_text()

    sent = [m for m in mail.outbox if m.to == [citizen.email]]
    assert len(sent) == 1 and sent[0].subject == "Incontro annullato: Tavolo territoriale del Pinerolese"
    assert "riprogrammato" in sent[0].body and "Per annullare l'iscrizione" not in sent[0].body

    phone.goto(live_url + meeting.get_absolute_url())
    banner = phone.locator(".meeting-cancelled")
    assert "Annullato" in banner.inner_text() and "riprogrammato" in banner.inner_text()
    assert phone.locator("main").get_by_role("link", name="Iscriviti").count() == 0
    assert "le iscrizioni sono chiuse" in phone.locator("main").inner_text()
    _no_horizontal_scroll(phone)
    _shot(phone, "06-citizen-meeting-cancelled-phone")

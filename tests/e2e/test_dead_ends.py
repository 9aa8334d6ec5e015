"""Issue 16 item 9, smaller dead ends, in the browser: the axis page's "Invia un contributo"
preselects the axis, similar titles come from every axis, the moderation queue searches, the
dashboard filters by phase and category with human dates (1280×720); the final report editor's
labels do not overlap (1280×720 and 390×844); a person changes the pseudonym and lands signed in
after confirming the email (390×844). Screenshots in /tmp/deadends16-shots/."""

from pathlib import Path

import pytest

from tests.e2e.conftest import login

DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
SHOTS = Path("/tmp/deadends16-shots")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _intersect(a, b) -> bool:
    horizontal = a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
    return horizontal and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def overlapping_labels(page, scope: str) -> list[str]:
    """Labels of `scope` that cover their own control, another control or another label."""
    boxes = page.evaluate(
        """(scope) => {
          const box = (el) => {
            const r = el.getBoundingClientRect();
            return {x: r.x, y: r.y + scrollY, width: r.width, height: r.height};
          };
          const root = document.querySelector(scope);
          const labels = [...root.querySelectorAll('label')].filter((l) => l.offsetParent !== null);
          const controls = [...root.querySelectorAll('input:not([type=hidden]), textarea, select')]
            .filter((c) => c.offsetParent !== null);
          return {
            labels: labels.map((l) => ({text: l.textContent.trim(), for: l.htmlFor, box: box(l)})),
            controls: controls.map((c) => ({id: c.id, box: box(c)})),
          };
        }""",
        scope,
    )
    problems = []
    for i, label in enumerate(boxes["labels"]):
        for control in boxes["controls"]:
            if control["box"]["width"] and _intersect(label["box"], control["box"]):
                problems.append(f"{label['text']!r} over #{control['id']}")
        for other in boxes["labels"][i + 1 :]:
            if _intersect(label["box"], other["box"]):
                problems.append(f"{label['text']!r} over {other['text']!r}")
    return problems


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_final_report_editor_labels_do_not_overlap(browser, live_url, psm, viewport):
    from tests.reports.conftest import build_world

    world = build_world(psm)
    page = browser.new_context(viewport=viewport).new_page()
    login(page, live_url, world.people["staff"].email)
    page.goto(f"{live_url}/dati/{psm.process.slug}/rapporto/modifica/")
    page.locator("[data-report-form]").wait_for()
    shot(page, f"f-report-editor-{viewport['width']}")
    assert overlapping_labels(page, "[data-report-form]") == []


def _desktop(browser):
    return browser.new_context(viewport=DESKTOP).new_page()


def _phone(browser):
    return browser.new_context(viewport=PHONE).new_page()


def test_axis_link_preselects_and_similar_titles_come_from_every_axis(browser, live_url, psm):
    """Items 9a and 9b: from the axis page the form opens on that axis; typing a title shows the
    same idea filed on another axis, labelled with its axis."""
    from consultazione.process.models import Process
    from tests.conftest import make_user, submit_contribution

    psm.set_phase("ascolto")
    Process.objects.filter(pk=psm.process.pk).update(contribution_moderation="post")
    elsewhere = submit_contribution(psm, make_user(), title="Più corse notturne dei bus per Moncalieri", axis=psm.axes[5])
    person = make_user()
    page = _desktop(browser)
    login(page, live_url, person.email)
    page.goto(f"{live_url}/piano/asse-3/")
    page.locator("#axis-contributions-title").scroll_into_view_if_needed()
    page.locator("section[aria-labelledby=axis-contributions-title]").get_by_role("link", name="Invia un contributo").click()
    page.wait_for_url(f"**/contributi/nuovo/?axis={psm.axes[3].pk}")
    assert page.locator("#id_axis").input_value() == str(psm.axes[3].pk)
    page.get_by_label("Titolo", exact=True).fill("Corse notturne dei bus per Moncalieri")
    hint = page.locator("#similar-contributions")
    hint.get_by_role("link", name=elsewhere.title).wait_for()
    assert f"Asse 5. {psm.axes[5].title}" in hint.inner_text()
    shot(page, "ab-form-axis-preselected-similar-1280")


def test_moderator_searches_the_queue_and_must_pick_an_outcome(browser, live_url, psm, page_errors):
    """Item 9c: the queue finds a contribution by its reference and by words; the outcome picker
    starts empty and says so when left empty."""
    from consultazione.accounts.roles import Role
    from consultazione.process.models import Process
    from tests.conftest import make_user, submit_contribution

    psm.set_phase("ascolto")
    Process.objects.filter(pk=psm.process.pk).update(contribution_moderation="pre")
    wanted = submit_contribution(psm, make_user(), title="Fermata del tram davanti all'ospedale")
    submit_contribution(psm, make_user(), title="Biblioteca aperta la domenica")
    staff = make_user(roles=[Role.STAFF, Role.MODERATOR])
    page = _desktop(browser)
    login(page, live_url, staff.email)
    page.goto(f"{live_url}/moderazione/")
    page.get_by_label("Cerca").fill(wanted.reference)
    page.get_by_role("button", name="Filtra").click()
    page.wait_for_url("**q=*")
    assert "1 contenuto corrisponde ai filtri." in page.locator("#queue-count").inner_text()
    assert wanted.title in page.locator("table.moderation-queue").inner_text()
    page.get_by_label("Cerca").fill("tram ospedale")
    page.get_by_role("button", name="Filtra").click()
    page.wait_for_load_state("networkidle")
    assert "1 contenuto corrisponde ai filtri." in page.locator("#queue-count").inner_text()
    shot(page, "c-queue-search-1280")

    from consultazione.contributions.models import Contribution

    Contribution.objects.filter(pk=wanted.pk).update(status="published", published_at=wanted.created_at)
    page.goto(f"{live_url}/moderazione/contributi/{wanted.pk}/")
    assert page.locator("#outcome_outcome").input_value() == ""
    page.get_by_label("Motivazione pubblica").fill("Ne terremo conto nel piano.")
    page_errors.expect(status=400, url_part=f"/moderazione/contributi/{wanted.pk}/esito/")
    page.get_by_role("button", name="Registra l'esito").click()
    page.wait_for_load_state("networkidle")
    assert "Scegli l'esito da comunicare" in page.locator("main").inner_text()
    shot(page, "c-outcome-picker-1280")
    wanted.refresh_from_db()
    assert wanted.outcome == ""


def test_dashboard_filters_by_phase_and_category_with_human_dates(browser, live_url, psm):
    """Item 9d: the dashboard's phase and category filters; dates in words, in Rome's time; the
    methodology in English on the English site."""
    import re

    from tests.reports.conftest import build_world

    build_world(psm)
    page = _desktop(browser)
    page.goto(f"{live_url}/dati/")
    assert re.search(r"Cifre aggiornate al \d{1,2} [a-z]+ \d{4}, \d\d:\d\d\.", page.locator("main").inner_text())
    page.get_by_label("Fase", exact=True).select_option("ascolto")
    page.get_by_label("Categoria di portatori di interesse").select_option("enti_locali")
    page.get_by_role("button", name="Applica i filtri").click()
    page.wait_for_url("**category=enti_locali**")
    assert page.locator('[data-figure="contributions"]').inner_text() == "1"
    filters = page.locator("[data-active-filters]").inner_text()
    assert "fase" in filters and "categoria" in filters
    shot(page, "d-dashboard-filters-1280")

    english = browser.new_context(viewport=DESKTOP, locale="en-GB", extra_http_headers={"Accept-Language": "en"}).new_page()
    english.goto(f"{live_url}/dati/")
    text = english.locator("main").inner_text()
    assert "Online participants: the distinct people" in text
    assert re.search(r"[A-Z][a-z]+ \d{1,2}, \d{4}, \d\d:\d\d", text)
    shot(english, "d-dashboard-english-1280")


def test_person_changes_pseudonym_on_a_phone(browser, live_url, psm, page_errors):
    """Item 9i at 390×844: a taken pseudonym gets a clear message, a free one is saved."""
    from tests.conftest import make_user

    make_user(pseudonym="gia-preso")
    person = make_user(pseudonym="nome-di-prima")
    page = _phone(browser)
    login(page, live_url, person.email)
    page.goto(f"{live_url}/profilo/")
    page.get_by_label("Nuovo pseudonimo").fill("Gia-Preso")
    page_errors.expect(status=400, url_part="/profilo/pseudonimo/")
    page.get_by_role("button", name="Salva lo pseudonimo").click()
    page.wait_for_load_state("networkidle")
    assert "Questo pseudonimo è già in uso" in page.locator("main").inner_text()
    shot(page, "i-profile-pseudonym-taken-390")
    page.get_by_label("Nuovo pseudonimo").fill("nome-di-dopo")
    page.get_by_role("button", name="Salva lo pseudonimo").click()
    page.wait_for_url("**/profilo/")
    assert "Da ora compari come «nome-di-dopo»." in page.locator("body").inner_text()
    box = page.get_by_label("Nuovo pseudonimo").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    shot(page, "i-profile-pseudonym-saved-390")
    person.refresh_from_db()
    assert person.pseudonym == "nome-di-dopo"


def test_confirming_the_email_signs_in_on_a_phone(browser, live_url, psm):
    """Item 9j at 390×844: sign up, open the link, confirm: signed in, on the home page that says
    what to do in this phase."""
    import re

    from django.core import mail

    psm.set_phase("ascolto")
    page = _phone(browser)
    page.goto(live_url + "/account/signup/")
    page.get_by_label("Email").fill("telefono@example.org")
    page.get_by_label("Pseudonimo pubblico").fill("voce-dal-telefono")
    page.get_by_label("Password", exact=True).fill("una-password-lunga-42")
    page.get_by_label("Password (di nuovo)").fill("una-password-lunga-42")
    page.locator("label[for=id_privacy_accepted]").click()
    page.locator("main").get_by_role("button", name="Registrazione").click()
    page.wait_for_load_state("networkidle")
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_url + "/account/" + link.split("/account/", 1)[1])
    page.locator("main").get_by_role("button", name="Conferma").click()
    page.wait_for_url(live_url + "/")
    shot(page, "j-confirmed-signed-in-390")
    text = page.locator("body").inner_text()
    assert "hai già effettuato l'accesso" in text
    assert "fase in corso" in text.lower()  # uppercase by CSS
    assert page.locator("main").get_by_role("link", name="Invia un contributo").first.is_visible()
    page.goto(live_url + "/profilo/")
    assert "voce-dal-telefono" in page.locator("main").inner_text()

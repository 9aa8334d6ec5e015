"""Becoming a stakeholder representative: a citizen asks from the profile on a phone, staff verify
on a laptop, the citizen sees «verificata» and sends a contribution on behalf of the organisation.
Screenshots in /tmp/members16-shots/."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from consultazione.contributions.models import Contribution
from consultazione.stakeholders.models import Category, Membership, Organisation
from tests.conftest import make_user
from tests.e2e.conftest import login

SHOTS = Path("/tmp/members16-shots")
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 720}

# Labels, inputs, buttons, badges and headings of a region: none may cover another. Bootstrap
# Italia puts a field's active label in the top padding of its own input, by design: that pair is
# left out (the value is written below the label), every other pair is checked.
BOXES_JS = """(root) => { const els = Array.from(root.querySelectorAll(
    'label, input:not([type=hidden]), select, textarea, button, .badge, h1, h2, legend, .form-text'))
  .filter((el) => el.offsetParent !== null);
  return els.map((el, i) => { const r = el.getBoundingClientRect();
    return {name: el.tagName + ':' + (el.id || el.textContent.trim().slice(0, 30)), id: el.id, for: el.htmlFor || '',
            inside: els.map((other, j) => (j !== i && other.contains(el)) ? j : -1).filter((j) => j >= 0),
            x: r.x, y: r.y, w: r.width, h: r.height}; }); }"""


def _overlaps(page, selector: str) -> list[tuple[str, str]]:
    found = []
    for region in page.locator(selector).all():
        boxes = region.evaluate(BOXES_JS)
        for i, a in enumerate(boxes):
            for j, b in enumerate(boxes[i + 1 :], start=i + 1):
                if (a["for"] and a["for"] == b["id"]) or (b["for"] and b["for"] == a["id"]):
                    continue
                if i in b["inside"] or j in a["inside"] or not (a["w"] and a["h"] and b["w"] and b["h"]):
                    continue  # a badge in its heading, a radio in its label
                dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
                dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
                if dx > 1 and dy > 1:
                    found.append((a["name"], b["name"]))
    return found


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"


def _accessible(page) -> None:
    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_citizen_asks_staff_verifies_citizen_writes_on_behalf(browser, live_url, psm):
    SHOTS.mkdir(exist_ok=True)
    psm.set_phase("ascolto")
    Organisation.objects.create(
        name="Associazione Valli Unite", category=Category.objects.get(code="altri"), vat_number="01114601006"
    )
    citizen = make_user(pseudonym="referente-valli")
    staff = make_user(roles=["staff"], pseudonym="staff-ente")

    # a citizen, on a phone: from the profile, search, choose, ask
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    login(phone, live_url, citizen.email)
    phone.goto(f"{live_url}/profilo/")
    phone.get_by_role("link", name="Chiedi di rappresentare un'organizzazione").click()
    phone.wait_for_load_state("networkidle")
    assert phone.get_by_role("heading", level=1).inner_text() == "Rappresenta un'organizzazione"
    # search as you type (the JavaScript island): the results come without pressing «Cerca»
    phone.get_by_label("Cerca per nome, codice IPA o partita IVA").press_sequentially("valli", delay=40)
    phone.locator("label[for=id_organisation_0]").wait_for()
    assert phone.url.endswith("/organizzazioni/richiesta/?q=valli")
    phone.locator("label[for=id_organisation_0]").click()
    assert phone.locator("#id_organisation_0").is_checked()
    phone.get_by_label("Il tuo ruolo nell'organizzazione").first.fill("Presidente")
    phone.screenshot(path=str(SHOTS / "1-request-390.png"), full_page=True)
    _fits(phone, PHONE["width"])
    assert not _overlaps(phone, "main"), _overlaps(phone, "main")
    _accessible(phone)
    phone.get_by_role("button", name="Chiedi di rappresentarla", exact=True).click()
    phone.wait_for_load_state("networkidle")
    assert phone.url.endswith("/profilo/")
    assert "Richiesta inviata" in phone.locator(".alert").first.inner_text()
    memberships = phone.locator("ul.memberships")
    assert "Associazione Valli Unite" in memberships.inner_text() and "in attesa" in memberships.inner_text()
    _fits(phone, PHONE["width"])
    phone.screenshot(path=str(SHOTS / "2-profile-pending-390.png"), full_page=True)

    # staff, on a laptop: from the profile to the queue, verify
    laptop = browser.new_context(viewport=LAPTOP).new_page()
    login(laptop, live_url, staff.email)
    laptop.goto(f"{live_url}/profilo/")
    laptop.get_by_role("link", name="Richieste di rappresentanza: 1 in attesa").click()
    laptop.wait_for_load_state("networkidle")
    card = laptop.locator("li#richiesta-" + str(Membership.objects.get(user=citizen).pk))
    assert "referente-valli" in card.inner_text() and citizen.email in card.inner_text() and "Presidente" in card.inner_text()
    assert not _overlaps(laptop, "main"), _overlaps(laptop, "main")
    _fits(laptop, LAPTOP["width"])
    _accessible(laptop)
    laptop.screenshot(path=str(SHOTS / "3-queue-1280.png"), full_page=True)
    card.get_by_role("button", name="Verifica").click()
    laptop.wait_for_load_state("networkidle")
    assert "Verificata: referente-valli rappresenta «Associazione Valli Unite»" in laptop.locator(".alert").first.inner_text()
    membership = Membership.objects.get(user=citizen)
    assert (membership.status, membership.verified_by) == ("verified", staff)
    assert "Nessuna richiesta in questo stato." in laptop.locator("main").inner_text()
    assert not _overlaps(laptop, "main"), _overlaps(laptop, "main")
    laptop.screenshot(path=str(SHOTS / "4-queue-verified-1280.png"), full_page=True)

    # the citizen sees «verificata» and writes on behalf of the organisation
    phone.reload()
    assert "verificata" in phone.locator("ul.memberships").inner_text()
    phone.screenshot(path=str(SHOTS / "5-profile-verified-390.png"), full_page=True)
    phone.goto(f"{live_url}/contributi/nuovo/")
    phone.locator("label[for=id_kind_0]").click()
    phone.select_option("#id_axis", str(psm.axes[2].pk))
    phone.get_by_label("Titolo", exact=True).fill("Sentieri curati dalle associazioni delle valli")
    phone.get_by_label("Testo", exact=True).fill("Le associazioni possono curare i sentieri con un piccolo contributo dell'ente.")
    phone.select_option("#id_organisation", label="Associazione Valli Unite")
    phone.locator("main").get_by_role("button", name="Invia il contributo").click()
    phone.wait_for_load_state("networkidle")
    contribution = Contribution.objects.get(author=citizen)
    assert contribution.organisation.name == "Associazione Valli Unite"
    assert phone.url.endswith(f"/contributi/{contribution.reference}/")
    assert "Associazione Valli Unite (Altri)" in phone.locator("main").inner_text()
    _fits(phone, PHONE["width"])
    phone.screenshot(path=str(SHOTS / "6-contribution-on-behalf-390.png"), full_page=True)


def test_request_without_javascript(browser, live_url, psm):
    """The search is a plain form: with JavaScript off, «Cerca» brings the results and the request goes through."""
    Organisation.objects.create(name="Cooperativa Sociale Dora", category=Category.objects.get(code="cooperazione"))
    citizen = make_user()
    page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    login(page, live_url, citizen.email)
    page.goto(f"{live_url}/organizzazioni/richiesta/")
    page.get_by_label("Cerca per nome, codice IPA o partita IVA").fill("dora")
    page.get_by_role("button", name="Cerca").click()
    page.locator("label[for=id_organisation_0]").click()
    page.get_by_role("button", name="Chiedi di rappresentarla", exact=True).click()
    assert page.url.endswith("/profilo/")
    assert "Cooperativa Sociale Dora" in page.locator("ul.memberships").inner_text()
    assert Membership.objects.get(user=citizen).status == "pending"

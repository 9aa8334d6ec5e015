"""A moderator approves one contribution, rejects another with a reason, merges two duplicates
from the queue (keyboard and bulk action), staff record the outcome, and the author sees it on
the contribution page and the reason on the profile. Plus an axe scan of the moderator pages."""

from axe_playwright_python.sync_playwright import Axe

from consultazione.accounts.roles import Role
from consultazione.contributions.models import Contribution
from consultazione.contributions.services import contribution_submit
from consultazione.process.models import Process
from consultazione.voting.models import Support
from consultazione.voting.services import support_add
from tests.conftest import make_user
from tests.e2e.conftest import login

_axe = Axe()


def serious_violations(page) -> list[str]:
    return [v["id"] for v in _axe.run(page).response["violations"] if v["impact"] in {"serious", "critical"}]


def submit(author, process, axis, title, pre):
    process.contribution_moderation = "pre" if pre else "post"
    process.save(update_fields=["contribution_moderation"])
    return contribution_submit(
        author=author, process=process, kind="idea", title=title, body=f"{title}: testo del contributo di prova.", axis=axis
    )


def new_page(browser):
    return browser.new_page(viewport={"width": 1280, "height": 900})


def test_moderator_journey_and_author_sees_the_outcome(page, browser, live_url, psm):
    psm.set_phase("ascolto")
    process = Process.objects.prefetch_related("phases").get(pk=psm.process.pk)
    author = make_user(pseudonym="autrice-delle-valli")
    moderator = make_user(pseudonym="moderatrice", roles=[Role.MODERATOR])
    staff = make_user(pseudonym="staff-ente", roles=[Role.STAFF])
    supporter = make_user()
    good = submit(author, process, psm.axes[1], "Navetta per le valli di Lanzo", pre=True)
    off_topic = submit(author, process, psm.axes[1], "Vendo bicicletta usata", pre=True)
    original = submit(author, process, psm.axes[2], "Più treni sulla linea Torino-Ceres", pre=False)
    duplicate = submit(make_user(), process, psm.axes[2], "Aumentare le corse Torino Ceres", pre=False)
    for item in (original, duplicate):
        support_add(user=supporter, contribution=item)

    login(page, live_url, moderator.email)
    page.goto(f"{live_url}/moderazione/")
    assert serious_violations(page) == []
    # Approve with the keyboard: j moves to the first row, o opens it, a chooses "Approvazione".
    page.locator("body").press("j")
    page.locator("body").press("o")
    page.wait_for_url(f"**/moderazione/contributi/{good.pk}/")
    assert serious_violations(page) == []
    page.locator("body").press("a")
    assert page.get_by_label("Approvazione").is_checked()
    page.get_by_role("button", name="Registra la decisione").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#item-state").inner_text() == "Pubblicato"

    # Reject with a reason.
    page.goto(f"{live_url}/moderazione/contributi/{off_topic.pk}/")
    page.locator("label", has_text="Rifiuto").click()  # Bootstrap Italia styles the label over the radio
    page.get_by_label("Motivo", exact=True).select_option("off_topic")
    page.get_by_label("Spiegazione per l'autore").fill("Gli annunci di vendita non riguardano il piano.")
    page.get_by_role("button", name="Registra la decisione").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#item-state").inner_text() == "Respinto"

    # Merge the two duplicates from the queue (published items, axis 2).
    page.goto(f"{live_url}/moderazione/?state=published&axis={psm.axes[2].pk}")
    page.get_by_label("Seleziona «Più treni sulla linea Torino-Ceres»").check()
    page.get_by_label("Seleziona «Aumentare le corse Torino Ceres»").check()
    page.get_by_role("button", name="Unisci i selezionati (duplicati)…").click()
    page.wait_for_load_state("networkidle")
    page.locator("label", has_text=f"{original.reference} Più treni sulla linea Torino-Ceres").click()
    page.get_by_role("button", name="Unisci", exact=True).click()
    page.wait_for_url(f"**/moderazione/contributi/{original.pk}/")
    duplicate.refresh_from_db()
    original.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into_id) == ("merged", original.pk)
    assert original.support_count == 1 == Support.objects.filter(contribution=original).count()

    # Staff record the outcome of the merged contribution.
    staff_page = new_page(browser)
    login(staff_page, live_url, staff.email)
    staff_page.goto(f"{live_url}/moderazione/contributi/{original.pk}/")
    staff_page.get_by_label("Esito", exact=True).select_option("accolto")
    staff_page.get_by_label("Motivazione pubblica").fill("Le corse aggiuntive sono previste nell'azione di mobilità.")
    staff_page.get_by_role("button", name="Registra l'esito").click()
    staff_page.wait_for_load_state("networkidle")
    assert Contribution.objects.get(pk=original.pk).outcome == "accolto"

    # The author sees the outcome on the contribution page and the rejection reason on the profile.
    author_page = new_page(browser)
    login(author_page, live_url, author.email)
    author_page.goto(f"{live_url}/contributi/{original.reference}/")
    box = author_page.locator(".moderation-outcome")
    assert "Accolto" in box.inner_text()
    assert "Le corse aggiuntive sono previste" in box.inner_text()
    author_page.goto(f"{live_url}/profilo/")
    section = author_page.locator(".moderation-profile")
    assert "Fuori tema" in section.inner_text()
    assert "Gli annunci di vendita non riguardano il piano." in section.inner_text()
    assert "Vendo bicicletta usata" in section.inner_text()


def test_citizen_reports_staff_dismiss_and_answer_thematically(page, browser, live_url, psm, settings):
    settings.MODERATION_AUTO_HIDE_REPORTS = 1
    psm.set_phase("ascolto")
    process = Process.objects.prefetch_related("phases").get(pk=psm.process.pk)
    citizen = make_user(pseudonym="cittadino-attento")
    staff = make_user(pseudonym="staff-risposte", roles=[Role.STAFF])
    reported = submit(make_user(), process, psm.axes[3], "Parcheggi gratuiti in centro a Chieri", pre=False)
    others = [submit(make_user(), process, psm.axes[3], f"Navette scolastiche nella zona {n}", pre=False) for n in (8, 9)]

    # A citizen reports from the contribution page (one report hides it: threshold set to 1).
    login(page, live_url, citizen.email)
    page.goto(f"{live_url}/contributi/{reported.reference}/")
    page.get_by_text("Segnala ai moderatori").click()
    page.locator("label", has_text="Spam").click()
    page.get_by_role("button", name="Invia la segnalazione").click()
    page.wait_for_load_state("networkidle")
    assert "la segnalazione è arrivata ai moderatori" in page.content()
    reported.refresh_from_db()
    assert reported.status == "hidden"

    # Staff find it in the queue, dismiss the report (it is visible again), then answer two
    # contributions with one thematic response.
    staff_page = new_page(browser)
    login(staff_page, live_url, staff.email)
    staff_page.goto(f"{live_url}/moderazione/")
    staff_page.get_by_role("link", name="Parcheggi gratuiti in centro a Chieri").click()
    staff_page.get_by_role("button", name="Archivia le segnalazioni e rendi di nuovo visibile").click()
    staff_page.wait_for_load_state("networkidle")
    assert staff_page.locator("#item-state").inner_text() == "Pubblicato"
    staff_page.goto(f"{live_url}/moderazione/?state=published&axis={psm.axes[3].pk}")
    for item in others:
        staff_page.get_by_label(f"Seleziona «{item.title}»").check()
    staff_page.get_by_role("button", name="Risposta tematica ai selezionati…").click()
    staff_page.wait_for_load_state("networkidle")
    assert serious_violations(staff_page) == []
    staff_page.get_by_label("Titolo della risposta").fill("Trasporto scolastico nelle zone collinari")
    staff_page.get_by_label("Risposta pubblica").fill("Le navette sono previste nel nuovo piano di bacino.")
    staff_page.get_by_label("Esito", exact=True).select_option("gia_previsto")
    staff_page.get_by_role("button", name="Pubblica la risposta").click()
    staff_page.wait_for_url("**/moderazione/risposte/*/")
    assert "Trasporto scolastico nelle zone collinari" in staff_page.content()
    assert set(Contribution.objects.filter(pk__in=[o.pk for o in others]).values_list("outcome", flat=True)) == {"gia_previsto"}

    # Anyone sees the answer on the contribution page.
    page.goto(f"{live_url}/contributi/{others[0].reference}/")
    assert "Già previsto" in page.locator(".moderation-outcome").inner_text()
    assert "Trasporto scolastico nelle zone collinari" in page.locator(".moderation-outcome").inner_text()

"""A citizen signs up, confirms the email, submits an idea with an image (seeing a similar one
while typing the title), finds it in the list and comments on another contribution."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from PIL import Image

from consultazione.accounts.roles import Role
from consultazione.contributions.models import Comment, Contribution
from consultazione.contributions.services import comment_create, contribution_submit
from consultazione.process.models import Process
from tests.conftest import make_user
from tests.e2e.conftest import login


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (20, 110, 60)).save(buffer, format="JPEG")
    return buffer.getvalue()


def assert_accessible(page) -> None:
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], v["nodes"][0]["target"]) for v in violations] == []


def _sign_up_and_confirm(page, live_url, email, pseudonym, password):
    page.goto(live_url + "/account/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Pseudonimo pubblico").fill(pseudonym)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password (di nuovo)").fill(password)
    page.locator("label[for=id_privacy_accepted]").click()
    page.locator("main").get_by_role("button", name="Registrazione").click()
    page.wait_for_load_state("networkidle")
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_url + "/account/" + link.split("/account/", 1)[1])
    page.locator("main").get_by_role("button", name="Conferma").click()
    page.wait_for_load_state("networkidle")


def test_citizen_submits_finds_and_comments(page, live_url, psm):
    psm.set_phase("ascolto")
    process = Process.objects.prefetch_related("phases").get(pk=psm.process.pk)
    neighbour = make_user(pseudonym="vicina-di-casa")
    other = contribution_submit(
        author=neighbour,
        process=process,
        kind="criticita",
        title="Pista ciclabile interrotta lungo la Dora a Collegno",
        body="Il percorso si interrompe al ponte e bisogna passare sulla strada provinciale.",
        axis=psm.axes[2],
    )

    _sign_up_and_confirm(page, live_url, "ciclista@example.org", "ciclista-della-dora", "una-password-lunga-42")
    # confirming the email signed the person in (issue 16 item 9j)

    page.goto(live_url + "/contributi/nuovo/")
    assert_accessible(page)
    page.locator("label[for=id_kind_0]").click()
    page.select_option("#id_axis", str(psm.axes[2].pk))
    page.get_by_label("Titolo", exact=True).fill("Collegare la pista ciclabile della Dora")
    similar = page.locator("#similar-contributions")
    similar.get_by_role("link", name=other.title).wait_for()
    page.get_by_label("Testo", exact=True).fill("Un ponte ciclopedonale risolverebbe l'interruzione vicino al centro.")
    page.select_option("#id_comune", label="Collegno")
    page.set_input_files("#id_image_1", files=[{"name": "ponte.jpg", "mimeType": "image/jpeg", "buffer": _photo()}])
    page.get_by_label("Testo alternativo dell'immagine 1").fill("Il ponte sulla Dora dove la pista si interrompe")
    page.locator("main").get_by_role("button", name="Invia il contributo").click()
    page.wait_for_load_state("networkidle")

    mine = Contribution.objects.get(author__pseudonym="ciclista-della-dora")
    assert page.url.endswith(f"/contributi/{mine.reference}/")
    assert page.locator("h1").inner_text() == "Collegare la pista ciclabile della Dora"
    assert page.get_by_alt_text("Il ponte sulla Dora dove la pista si interrompe").count() == 1
    assert mine.images.count() == 1
    assert_accessible(page)

    page.goto(live_url + "/contributi/")
    page.get_by_label("Cerca").fill("ponte ciclopedonale")
    page.locator("form.contribution-filters").get_by_role("button", name="Applica").click()
    page.wait_for_load_state("networkidle")
    results = page.locator("article")
    assert results.count() == 1
    assert_accessible(page)
    results.get_by_role("link", name="Collegare la pista ciclabile della Dora").wait_for()

    page.goto(live_url + f"/contributi/{other.reference}/")
    page.locator("label[for=id_alignment_0]").click()
    page.get_by_label("Il tuo commento").fill("Confermo, ci passo ogni giorno: serve una soluzione.")
    page.locator("main").get_by_role("button", name="Pubblica il commento").click()
    page.wait_for_load_state("networkidle")
    comment = Comment.objects.get(contribution=other)
    assert comment.alignment == 1 and comment.author.pseudonym == "ciclista-della-dora"
    assert "Confermo, ci passo ogni giorno" in page.locator(f"#commento-{comment.pk}").inner_text()
    assert "A favore: 1" in page.locator("#alignment-counts").inner_text()
    assert_accessible(page)


def test_facilitator_enters_round_table_and_replies_load_on_demand(page, live_url, psm):
    psm.set_phase("co_pianificazione")
    facilitator = make_user(roles=[Role.FACILITATOR], pseudonym="facilitazione-zo5")
    login(page, live_url, facilitator.email)
    page.goto(live_url + "/contributi/nuovo/facilitato/")
    page.select_option("#id_channel", "tavolo")
    page.get_by_label("Provenienza").fill("Tavolo territoriale ZO5 Pinerolese, 12/12/2023")
    page.locator("label[for=id_kind_2]").click()
    page.select_option("#id_axis", str(psm.axes[3].pk))
    strategy_options = page.locator("#id_strategy option:not([hidden])")
    assert strategy_options.count() == 1 + psm.axes[3].strategies.count()  # narrowed to the axis
    page.get_by_label("Titolo", exact=True).fill("Coincidenze tra treno e bus a Pinerolo")
    page.get_by_label("Testo", exact=True).fill("I bus per le valli partono prima che arrivi il treno da Torino.")
    page.locator("main").get_by_role("button", name="Registra il contributo").click()
    page.wait_for_load_state("networkidle")
    entered = Contribution.objects.get(entered_by=facilitator)
    assert entered.channel == "tavolo" and entered.author is None
    assert "Tavolo territoriale ZO5 Pinerolese" in page.locator("main").inner_text()

    first = comment_create(author=facilitator, contribution=entered, body="Primo commento del tavolo", alignment=0)
    comment_create(author=facilitator, contribution=entered, body="Risposta caricata a richiesta", parent=first)
    page.goto(live_url + f"/contributi/{entered.reference}/")
    assert page.get_by_text("Risposta caricata a richiesta").count() == 0
    page.get_by_role("link", name="Mostra 1 risposta").click()
    page.get_by_text("Risposta caricata a richiesta").wait_for()
    assert page.url.endswith(f"/contributi/{entered.reference}/")  # loaded in place, no navigation


def test_criticita_on_the_plan_in_force(page, live_url, psm):
    """Ideas see only the new plan's axes; choosing «criticità» opens the plan in force, whose
    strategies then narrow as usual, and the criticità is filed under the old plan."""
    psm.set_phase("ascolto")
    make_user(email="critica@example.org")
    old_axis = psm.previous_plan.axes.order_by("code").first()
    old_strategy = old_axis.strategies.order_by("code").first()
    login(page, live_url, "critica@example.org")
    page.goto(live_url + "/contributi/nuovo/")
    old_option = page.locator(f'#id_axis option[value="{old_axis.pk}"]')
    page.locator("label[for=id_kind_0]").click()  # idea
    assert old_option.is_disabled()
    page.locator("label[for=id_kind_1]").click()  # criticità
    assert old_option.is_enabled()
    page.select_option("#id_axis", str(old_axis.pk))
    assert page.locator(f'#id_strategy option[value="{old_strategy.pk}"]').is_enabled()
    page.select_option("#id_strategy", str(old_strategy.pk))
    page.get_by_label("Titolo", exact=True).fill("Il trasporto pubblico promesso non è arrivato")
    page.get_by_label("Testo", exact=True).fill("Le corse aggiuntive previste dal piano non sono mai partite.")
    page.locator("main").get_by_role("button", name="Invia il contributo").click()
    page.wait_for_load_state("networkidle")
    filed = Contribution.objects.get(author__email="critica@example.org")
    assert (filed.kind, filed.axis_id, filed.strategy_id) == ("criticita", old_axis.pk, old_strategy.pk)
    assert page.url.endswith(f"/contributi/{filed.reference}/")

"""A moderator corrects a citizen's contribution for the netiquette from the review page; anybody
then sees the corrected title and "Modificato dalla moderazione: <motivo>" on the public page, and
the author gets an email."""

from django.core import mail

from consultazione.accounts.roles import Role
from consultazione.contributions.services import contribution_submit
from consultazione.moderation.models import Decision
from consultazione.process.models import Process
from tests.conftest import make_user
from tests.e2e.conftest import login

OFFENSIVE = "Quel cretino dell'assessore non fa niente per i treni"
CLEAN = "Servono più treni sulla linea per Chieri"
REASON = "Tolto un insulto a una persona: la proposta resta."


def test_moderator_netiquette_edit_is_seen_on_the_public_page(page, browser, live_url, psm):
    psm.set_phase("ascolto")
    process = Process.objects.prefetch_related("phases").get(pk=psm.process.pk)
    process.contribution_moderation = "post"
    process.save(update_fields=["contribution_moderation"])
    author = make_user(pseudonym="autrice-di-chieri")
    moderator = make_user(pseudonym="moderatrice-netiquette", roles=[Role.MODERATOR])
    contribution = contribution_submit(
        author=author, process=process, kind="idea", title=OFFENSIVE, body="Corse ogni 15 minuti al mattino.", axis=psm.axes[3]
    )

    login(page, live_url, moderator.email)
    page.goto(f"{live_url}/moderazione/contributi/{contribution.pk}/")
    form = page.locator("form[data-netiquette-edit]")
    form.get_by_label("Titolo corretto").fill(CLEAN)
    form.get_by_label("Motivo della modifica").select_option("offensive")
    form.get_by_label("Spiegazione pubblica della modifica").fill(REASON)
    form.get_by_role("button", name="Salva la modifica").click()
    page.wait_for_load_state("networkidle")
    assert "Testo modificato per la netiquette" in page.locator("body").inner_text()
    history = page.locator("#history-title").locator("..")
    assert "Modifica per la netiquette" in history.inner_text()
    assert "moderatrice-netiquette" in history.inner_text()

    public = browser.new_context(locale="it-IT").new_page()  # anonymous
    public.goto(f"{live_url}/contributi/{contribution.reference}/")
    assert public.locator("#contribution-title").inner_text() == CLEAN
    notice = public.locator("[data-moderation-edit]")
    assert "Modificato dalla moderazione" in notice.inner_text() and REASON in notice.inner_text()
    assert OFFENSIVE not in public.content()
    assert "autrice-di-chieri" in public.locator("article").inner_text()  # still the author's contribution

    decision = Decision.objects.get(contribution=contribution, action=Decision.Action.NETIQUETTE_EDIT)
    assert decision.actor == moderator and decision.reason_text == REASON
    assert [message.to for message in mail.outbox] == [[author.email]]

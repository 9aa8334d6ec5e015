"""Issue 16 item 7 on a phone (390×844): a citizen follows a contribution, someone comments, the
email is in the outbox with its one-click unsubscribe link, and the link works in the browser."""

import re
from pathlib import Path

from django.core import mail

from consultazione.contributions.services import comment_create
from consultazione.notifications.selectors import preferences_of
from consultazione.process.models import Process
from tests.conftest import make_user, submit_contribution
from tests.e2e.conftest import login

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SHOTS = Path("/tmp/notify16-shots")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_follow_comment_email_and_unsubscribe_on_a_phone(browser, live_url, psm, settings):
    settings.SITE_URL = live_url
    psm.set_phase("ascolto")
    Process.objects.filter(pk=psm.process.pk).update(contribution_moderation="post", comment_moderation="post")
    contribution = submit_contribution(psm, make_user(), title="Una pista ciclabile lungo la Dora")
    follower = make_user(pseudonym="ciclista-di-torino")

    page = browser.new_context(**PHONE).new_page()
    login(page, live_url, follower.email)
    page.goto(f"{live_url}/contributi/{contribution.reference}/")
    follow = page.locator("#segui").get_by_role("button", name="Segui")
    follow.scroll_into_view_if_needed()
    box = follow.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    follow.click()
    page.wait_for_url(f"**/contributi/{contribution.reference}/#segui")
    assert "Segui questo contributo" in page.locator(".alert-success, [role=alert], .alert").first.inner_text()
    page.locator("#segui").get_by_role("button", name="Non seguire più").scroll_into_view_if_needed()
    _shot(page, "1-following")

    mail.outbox.clear()
    commenter = make_user(pseudonym="vicina-di-casa")
    Process.objects.filter(pk=psm.process.pk).update(comment_moderation="post")
    contribution.process = Process.objects.prefetch_related("phases").get(pk=psm.process.pk)
    comment_create(author=commenter, contribution=contribution, body="Sì, e con le rastrelliere alle fermate del bus.")

    (message,) = [m for m in mail.outbox if m.to == [follower.email]]
    assert message.subject == f"Nuovo commento su {contribution.reference}"
    assert "vicina-di-casa ha commentato" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.fullmatch(r"<(.+)>", message.extra_headers["List-Unsubscribe"]).group(1)
    assert link.startswith(f"{live_url}/notifiche/annulla-iscrizione/") and link in message.body

    page.goto(link)
    assert "Commenti sui contributi che seguo" in page.locator("main").inner_text()
    assert preferences_of(follower)["contribution_comment"] == "immediate"  # opening the link changes nothing
    _shot(page, "2-unsubscribe-confirm")
    page.get_by_role("button", name="Sì, non inviarmele più").click()
    page.get_by_text("Fatto: non riceverai più email per:").wait_for()
    _shot(page, "3-unsubscribed")
    assert preferences_of(follower)["contribution_comment"] == "off"

    page.goto(f"{live_url}/profilo/")
    section = page.locator("#notifiche")
    section.scroll_into_view_if_needed()
    assert section.get_by_label("Nessuna email").first.is_visible()
    _shot(page, "4-profile-preferences")

import re

from django.core import mail


def test_home_shows_plan_axes_and_active_phase(page, live_url, psm):
    psm.set_phase("ascolto")
    page.goto(live_url + "/")
    assert page.locator("h1").first.inner_text().startswith("Il Piano Strategico Metropolitano")
    assert page.locator(".axis-card").count() == 6
    assert "fase in corso" in page.locator("main").inner_text().lower()
    page.get_by_role("link", name="Torino metropoli più mobile, accessibile e collegata").click()
    page.wait_for_url("**/piano/asse-3/")
    assert "Progettare la mobilità metropolitana" in page.locator("main").inner_text()


def test_sign_up_verify_and_log_in(page, live_url, psm):
    page.goto(live_url + "/account/signup/")
    page.get_by_label("Email").fill("browser@example.org")
    page.get_by_label("Pseudonimo pubblico").fill("voce-dal-browser")
    page.get_by_label("Password", exact=True).fill("una-password-lunga-42")
    page.get_by_label("Password (di nuovo)").fill("una-password-lunga-42")
    page.locator("label[for=id_privacy_accepted]").click()
    page.locator("main").get_by_role("button", name="Registrazione").click()
    page.wait_for_load_state("networkidle")
    assert "verifica" in page.locator("main").inner_text().lower()
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_url + "/account/" + link.split("/account/", 1)[1])
    page.locator("main").get_by_role("button", name="Conferma").click()
    page.wait_for_load_state("networkidle")
    # signed in by the confirmation itself (issue 16 item 9j), no second login
    page.goto(live_url + "/profilo/")
    assert "voce-dal-browser" in page.locator("main").inner_text()

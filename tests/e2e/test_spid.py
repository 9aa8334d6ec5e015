"""The "Entra con SPID" journey in Chromium against the local test IdP (no internet): first
sign-in with the pseudonym step, the same person signing in again, linking SPID from the profile
of an email account. Screenshots of the login page at phone and desktop sizes go to
$E2E_SCREENSHOTS (default: the test's tmp dir)."""

import os
from pathlib import Path

import pytest

from consultazione.accounts.models import ExternalIdentity, User
from consultazione.accounts.saml.metadata import signed_metadata
from consultazione.accounts.saml.methods import METHODS
from tests.accounts.saml.fixtures import running_idp, saml_dir, saml_settings, test_idp  # noqa: F401
from tests.e2e.conftest import login


@pytest.fixture
def spid_site(live_url, saml_settings, running_idp):  # noqa: F811
    """SPID and CIE on for the live server, the test IdP trusting its metadata."""
    saml_settings.SITE_URL = live_url
    running_idp.sp_metadata.clear()
    for method in METHODS.values():
        running_idp.trust_sp(signed_metadata(method))
    return live_url


def choose_test_idp(page, text):
    """The button opens the list of identity providers when there are several (the test IdP and
    spid-sp-test's, when that suite ran first); with one it is a link straight to it."""
    summary = page.locator("summary.saml-button", has_text=text)
    if summary.count():
        summary.click()
        page.get_by_role("link", name="IdP di prova").click()
    else:
        page.locator("a.saml-button", has_text=text).click()


def spid_sign_in(page, fiscal_code=None):
    """From a page showing the SPID button: choose the test IdP, authorise, come back."""
    choose_test_idp(page, "SPID")
    page.wait_for_selector("#authorize")  # the request was posted (and its signature checked) by the IdP
    if fiscal_code:
        page.get_by_label("fiscalNumber").fill(fiscal_code)
    page.click("#authorize")
    page.click("#send")
    page.wait_for_load_state("networkidle")


def test_spid_journey(page, browser, spid_site, tmp_path):
    shots = Path(os.environ.get("E2E_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    page.goto(f"{spid_site}/account/login/")
    assert page.locator(".saml-button", has_text="Entra con SPID").is_visible()
    assert page.locator(".saml-button", has_text="Entra con CIE").is_visible()
    page.screenshot(path=str(shots / "spid-login-1280.png"), full_page=True)
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(f"{spid_site}/account/login/")
    if phone.locator("summary.saml-button", has_text="SPID").count():
        phone.locator("summary.saml-button", has_text="SPID").click()  # shows the list of providers
    phone.screenshot(path=str(shots / "spid-login-390.png"), full_page=True)
    box = phone.locator(".saml-button", has_text="SPID").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 44

    # first sign-in: the pseudonym step, then signed in
    spid_sign_in(page)
    assert "Scegli il tuo pseudonimo" in page.locator("h1").inner_text()
    page.screenshot(path=str(shots / "spid-pseudonym-1280.png"), full_page=True)
    page.get_by_label("Pseudonimo pubblico").fill("voce-spid")
    page.locator("label[for=id_privacy_accepted]").click()
    page.get_by_role("button", name="Crea l'account").click()
    page.wait_for_load_state("networkidle")
    page.goto(f"{spid_site}/profilo/")
    main = page.locator("main").inner_text()
    assert "voce-spid" in main and "SPID collegato il" in main
    assert "RSSMRA80A01L219M" not in page.content()
    user = User.objects.get(pseudonym="voce-spid")

    # a second sign-in with the same fiscal code lands in the same account, no pseudonym step
    page.locator("header").get_by_role("button", name="Esci").click()
    page.wait_for_load_state("networkidle")
    page.goto(f"{spid_site}/account/login/")
    spid_sign_in(page)
    page.goto(f"{spid_site}/profilo/")
    assert "voce-spid" in page.locator("main").inner_text()
    assert User.objects.filter(pseudonym__startswith="voce-spid").count() == 1
    assert ExternalIdentity.objects.filter(user=user).count() == 1


def test_link_spid_from_the_profile_of_an_email_account(browser, spid_site, citizen, tmp_path):
    shots = Path(os.environ.get("E2E_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    login(page, spid_site, citizen.email)
    page.goto(f"{spid_site}/profilo/")
    page.screenshot(path=str(shots / "spid-profile-390.png"), full_page=True)
    choose_test_idp(page, "Collega SPID")
    page.get_by_label("fiscalNumber").fill("TINIT-VRDLCU85C41L219K")
    page.click("#authorize")
    page.click("#send")
    page.wait_for_load_state("networkidle")
    assert "SPID è collegato al tuo account" in page.locator("body").inner_text()
    assert "SPID collegato il" in page.locator("main").inner_text()
    assert page.locator(".saml-button", has_text="Collega CIE").is_visible()
    assert page.locator(".saml-button", has_text="Collega SPID").count() == 0
    assert citizen.external_identities.get().method == "spid"
    page.screenshot(path=str(shots / "spid-profile-linked-390.png"), full_page=True)

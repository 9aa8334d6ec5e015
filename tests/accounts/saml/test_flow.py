"""SPID/CIE sign-in with the local test IdP: first sign-in with the pseudonym step, the same fiscal
code finding the same account (SPID or CIE), linking from an email account, the data download."""

import json

import pytest
from django.urls import reverse

from consultazione.accounts.models import ExternalIdentity, User

from .helpers import FISCAL_CODE, post_response, sign_in, start

pytestmark = pytest.mark.django_db


def finish_first_sign_in(client, pseudonym="cittadina-spid"):
    response = client.get(reverse("saml:finish"))
    assert response.status_code == 302 and response.url == reverse("saml:signup")
    page = client.get(reverse("saml:signup"))
    assert "Scegli il tuo pseudonimo" in page.content.decode()
    return client.post(reverse("saml:signup"), {"pseudonym": pseudonym, "privacy_accepted": "on"})


def test_off_by_default_every_url_is_404_and_no_button(client, settings):
    assert settings.SPID_ENABLED is False and settings.CIE_ENABLED is False
    for name in ("metadata", "login", "acs", "slo"):
        assert client.get(reverse(f"saml:{name}", kwargs={"method": "spid"})).status_code in {404, 405}
        assert client.post(reverse("saml:acs", kwargs={"method": "cie"}), {"SAMLResponse": "x"}).status_code == 404
    assert "Entra con SPID" not in client.get(reverse("account_login")).content.decode()


def test_login_page_shows_both_buttons(client, saml_settings, test_idp):
    page = client.get(reverse("account_login")).content.decode()
    assert "Entra con SPID" in page and "Entra con CIE" in page
    assert test_idp.entity_id.replace(":", "%3A").replace("/", "%2F") in page


def test_authn_request_is_signed_and_asks_for_the_level(client, saml_settings, test_idp):
    request, _ = start(client, test_idp)  # the IdP refuses an unsigned or badly signed request
    assert request.signature is not None
    assert request.requested_authn_context.authn_context_class_ref[0].text == "https://www.spid.gov.it/SpidL2"
    assert request.force_authn == "true"
    assert request.attribute_consuming_service_index == "0"
    assert request.issuer.name_qualifier == request.issuer.text


def test_first_sign_in_chooses_a_pseudonym_and_stores_only_a_hash(client, saml_settings, test_idp):
    response = sign_in(client, test_idp)
    assert response.status_code == 302 and response.url == reverse("saml:finish")
    before = User.objects.count()
    response = client.get(reverse("saml:finish"))
    assert User.objects.count() == before  # nothing is created before the pseudonym step
    response = client.post(reverse("saml:signup"), {"pseudonym": "cittadina-spid", "privacy_accepted": "on"})
    assert response.status_code == 302
    user = User.objects.get(pseudonym="cittadina-spid")
    assert (user.first_name, user.last_name, user.email) == ("Maria", "Rossi", "maria.rossi@example.org")
    link = ExternalIdentity.objects.get(user=user)
    assert link.method == "spid" and len(link.subject_hash) == 64
    # the fiscal code is nowhere in the database row, the profile or the data download
    assert FISCAL_CODE not in link.subject_hash
    assert client.get(reverse("accounts:profile")).wsgi_request.user == user
    download = client.get(reverse("accounts:download_data")).content.decode()
    assert FISCAL_CODE not in download and link.subject_hash not in download
    assert json.loads(download)["sign_in_methods"][0]["method"] == "spid"


def test_pseudonym_rules_apply(client, saml_settings, test_idp, citizen):
    sign_in(client, test_idp)
    client.get(reverse("saml:finish"))
    response = client.post(reverse("saml:signup"), {"pseudonym": citizen.pseudonym.upper(), "privacy_accepted": "on"})
    assert response.status_code == 400
    assert "pseudonimo" in response.content.decode().lower()
    assert not ExternalIdentity.objects.exists()


def test_second_sign_in_same_account_and_cie_too(client, saml_settings, test_idp):
    sign_in(client, test_idp)
    finish_first_sign_in(client)
    user = User.objects.get(pseudonym="cittadina-spid")
    client.logout()
    sign_in(client, test_idp)
    response = client.get(reverse("saml:finish"))
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").wsgi_request.user == user
    client.logout()
    sign_in(client, test_idp, method="cie", person={"email": ""})
    client.get(reverse("saml:finish"))
    assert client.get("/").wsgi_request.user == user
    assert set(user.external_identities.values_list("method", flat=True)) == {"spid", "cie"}
    assert User.objects.filter(pseudonym="cittadina-spid").count() == 1


def test_cie_only_account_has_no_email_and_counts_as_verified(client, saml_settings, test_idp):
    from consultazione.accounts.selectors import user_is_verified

    sign_in(client, test_idp, method="cie", person={"email": ""})
    finish_first_sign_in(client, pseudonym="persona-cie")
    user = User.objects.get(pseudonym="persona-cie")
    assert user.email.endswith(".invalid") and not user.has_usable_password()
    assert user_is_verified(user)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "nessuna (accesso con SPID/CIE)" in profile and ".invalid" not in profile


def test_link_from_profile_of_an_email_account(client, saml_settings, test_idp, citizen):
    client.force_login(citizen)
    assert "Collega SPID" in client.get(reverse("accounts:profile")).content.decode()
    request, _ = start(client, test_idp, link="1")
    post_response(client, test_idp.response(request))
    response = client.get(reverse("saml:finish"))
    assert response.status_code == 302 and response.url == reverse("accounts:profile")
    assert citizen.external_identities.get().method == "spid"
    client.logout()
    sign_in(client, test_idp)
    client.get(reverse("saml:finish"))
    assert client.get("/").wsgi_request.user == citizen


def test_identity_of_another_account_cannot_be_linked(client, saml_settings, test_idp, citizen):
    sign_in(client, test_idp)
    finish_first_sign_in(client)
    client.logout()
    client.force_login(citizen)
    request, _ = start(client, test_idp, link="1")
    post_response(client, test_idp.response(request))
    response = client.get(reverse("saml:finish"))
    assert response.status_code == 409
    assert "già collegata a un altro account" in response.content.decode()
    assert not citizen.external_identities.exists()


def test_answer_finished_in_another_browser_is_refused(client, saml_settings, test_idp, django_user_model):
    from django.test import Client

    request, _ = start(client, test_idp)
    other = Client()
    post_response(other, test_idp.response(request))
    response = other.get(reverse("saml:finish"))
    assert response.status_code == 400
    assert "non è stato completato in questo browser" in response.content.decode()


def test_erasing_the_account_removes_the_link(client, saml_settings, test_idp):
    sign_in(client, test_idp)
    finish_first_sign_in(client)
    client.post(reverse("accounts:delete_account"), {"confirm": "ELIMINA"})
    assert not ExternalIdentity.objects.exists()


def test_unlink_from_the_profile_unless_it_is_the_only_way_in(client, saml_settings, test_idp, citizen):
    client.force_login(citizen)
    request, _ = start(client, test_idp, link="1")
    post_response(client, test_idp.response(request))
    client.get(reverse("saml:finish"))
    assert "Scollega SPID" in client.get(reverse("accounts:profile")).content.decode()
    response = client.post(reverse("saml:unlink", kwargs={"method": "spid"}), follow=True)
    assert "SPID non è più collegato al tuo account." in response.content.decode()
    assert not citizen.external_identities.exists()
    client.logout()
    # an account made with SPID has no password: its only link stays
    sign_in(client, test_idp, person={"fiscalNumber": "TINIT-VRDLCU85C41L219K", "email": ""})
    finish_first_sign_in(client, pseudonym="solo-spid")
    response = client.post(reverse("saml:unlink", kwargs={"method": "spid"}), follow=True)
    assert "imposta prima una password" in response.content.decode()
    assert User.objects.get(pseudonym="solo-spid").external_identities.count() == 1

"""Bad answers to the ACS: each gets a clear message page (4xx), no account, no sign-in, no 500."""

import base64
import html

import pytest
from django.urls import reverse

from consultazione.accounts.models import ExternalIdentity, User

from .helpers import post_response, start

pytestmark = pytest.mark.django_db


def refused(client, response, message):
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Accesso non riuscito" in page and message in page
    # the answer left nothing behind: the finish step has nothing to complete, nobody is signed in
    assert client.get(reverse("saml:finish")).status_code == 400
    assert not client.get("/").wsgi_request.user.is_authenticated
    assert not ExternalIdentity.objects.exists()


@pytest.fixture
def users_before(db):
    return User.objects.count()


def test_wrong_signature(client, saml_settings, test_idp, users_before):
    request, _ = start(client, test_idp)
    response = post_response(client, test_idp.response(request, forged=True))
    refused(client, response, "La firma della risposta del gestore di identità non è valida.")
    assert User.objects.count() == users_before


def test_tampered_attributes_break_the_signature(client, saml_settings, test_idp):
    request, _ = start(client, test_idp)
    xml = base64.b64decode(test_idp.response(request)).replace(b"RSSMRA80A01L219M", b"VRDGPP80A01L219X")
    response = post_response(client, base64.b64encode(xml).decode())
    refused(client, response, "La firma della risposta del gestore di identità non è valida.")


def test_expired_assertion(client, saml_settings, test_idp):
    request, _ = start(client, test_idp)
    response = post_response(client, test_idp.response(request, expired=True))
    refused(client, response, "La risposta del gestore di identità è scaduta")


def test_replayed_assertion(client, saml_settings, test_idp):
    request, _ = start(client, test_idp)
    saml_response = test_idp.response(request)
    assert post_response(client, saml_response).status_code == 302
    client.get(reverse("saml:finish"))
    client.logout()
    ExternalIdentity.objects.all().delete()  # (the pending sign-up never finished; nothing was stored)
    response = post_response(client, saml_response)
    refused(client, response, "Questa risposta è già stata usata o non risponde a una richiesta di questo sito")


def test_wrong_audience(client, saml_settings, test_idp):
    request, _ = start(client, test_idp)
    response = post_response(client, test_idp.response(request, audience="https://altro-ente.example/metadata/"))
    refused(client, response, "La risposta del gestore di identità non è valida per questo sito.")


def test_level_lower_than_asked(client, saml_settings, test_idp):
    request, _ = start(client, test_idp)
    response = post_response(client, test_idp.response(request, level=1))
    refused(client, response, "Il livello di sicurezza dell'accesso è inferiore a quello richiesto.")


def test_answer_to_a_request_never_made(client, saml_settings, test_idp):
    request, _ = start(client, test_idp)
    request.id = "_mai-chiesta"
    response = post_response(client, test_idp.response(request))
    refused(client, response, "non risponde a una richiesta di questo sito")


def test_missing_fiscal_code(client, saml_settings, test_idp):
    request, _ = start(client, test_idp)
    response = post_response(client, test_idp.response(request, {"fiscalNumber": ""}))
    refused(client, response, "Il gestore di identità non ha fornito il codice fiscale.")


@pytest.mark.parametrize("garbage", ["", "non-base64!!", base64.b64encode(b"<not-xml").decode(), "A" * 5000])
def test_garbage(client, saml_settings, garbage):
    response = client.post(reverse("saml:acs", kwargs={"method": "spid"}), {"SAMLResponse": garbage})
    assert response.status_code == 400
    assert "Accesso non riuscito" in response.content.decode()


def test_unknown_idp_on_login(client, saml_settings):
    response = client.get(reverse("saml:login", kwargs={"method": "spid"}), {"idp": "https://sconosciuto.example/"})
    assert response.status_code == 400
    assert "non è tra quelli riconosciuti" in response.content.decode()


def test_unknown_method_is_404(client, saml_settings):
    assert client.get(reverse("saml:login", kwargs={"method": "eidas"})).status_code == 404


def test_answers_are_rate_limited_per_address(client, saml_settings):
    """Each answer costs an xmlsec run: past SAML_RATE the address gets a 429 page, not more work."""
    saml_settings.SAML_RATE = "3/60"
    url = reverse("saml:acs", kwargs={"method": "spid"})
    statuses = [client.post(url, {"SAMLResponse": "x"}).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    response = client.post(url, {"SAMLResponse": "x"})
    assert response["Retry-After"] == "60"
    assert "troppe richieste" in response.content.decode()


def test_no_fiscal_code_reaches_the_logs(client, saml_settings, test_idp, caplog):
    """pysaml2 puts the whole response (attributes included) in its error and debug logs."""
    import logging

    with caplog.at_level(logging.DEBUG):
        request, _ = start(client, test_idp)
        post_response(client, test_idp.response(request, forged=True))
        request, _ = start(client, test_idp)
        post_response(client, test_idp.response(request))
        client.get(reverse("saml:finish"))
    assert "SAML response refused: SignatureError" in caplog.text
    assert "RSSMRA80A01L219M" not in caplog.text and "Rossi" not in caplog.text

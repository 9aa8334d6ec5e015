"""AgID's spid-sp-test (PyPI 1.2.18) on the SP: the metadata (SPID and CIE profiles), the
AuthnRequest, and the response test suite posted to a live server.

The tool runs from its own venv (.venv-spid, scripts/spid-sp-test.sh). In CI (CI=true) a missing
tool fails these tests; elsewhere they skip and say how to install it.
"""

import pytest
from django.urls import reverse

from consultazione.accounts.saml.metadata import signed_metadata
from consultazione.accounts.saml.methods import METHODS

from . import sptest
from .fixtures import SPID_SP_TEST_IDP

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tool():
    sptest.require_tool()


@pytest.mark.parametrize(("method", "profile"), [("spid", "spid-sp-public"), ("cie", "cie-sp-public")])
def test_metadata(saml_settings, tmp_path, method, profile):
    metadata = tmp_path / "metadata.xml"
    metadata.write_bytes(signed_metadata(METHODS[method]))
    result = sptest.run("--metadata-url", f"file://{metadata}", "-pr", profile, "--extra", cwd=tmp_path)
    assert "metadata_extra" in str(result["report"]), result["output"][-2000:]
    assert result["failed"] == [], "\n".join(result["failed"])


@pytest.mark.parametrize(("method", "profile"), [("spid", "spid-sp-public"), ("cie", "cie-sp-public")])
def test_authn_request(client, saml_settings, tmp_path, method, profile):
    metadata = tmp_path / "metadata.xml"
    metadata.write_bytes(signed_metadata(METHODS[method]))
    page = client.get(reverse("saml:login", kwargs={"method": method}), {"idp": SPID_SP_TEST_IDP})
    assert page.status_code == 200
    authn = tmp_path / "authn.html"
    authn.write_bytes(page.content)
    result = sptest.run(
        "--metadata-url", f"file://{metadata}", "--authn-url", f"file://{authn}", "-pr", profile, "--extra", cwd=tmp_path
    )
    assert "authnrequest" in str(result["report"]).lower(), result["output"][-2000:]
    assert result["failed"] == [], "\n".join(result["failed"])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("method", "profile"), [("spid", "spid-sp-public"), ("cie", "cie-sp-public")])
def test_response_suite(live_server, saml_settings, tmp_path, method, profile):
    """spid-sp-test plays the IdP: it asks the live SP for an AuthnRequest, then posts its ~100
    crafted responses (good ones must reach a 200 page, bad ones a 4xx)."""
    saml_settings.SITE_URL = live_server.url
    saml_settings.SAML_RATE = "1000/60"  # ~100 sign-ins from one address in half a minute
    metadata = tmp_path / "metadata.xml"
    metadata.write_bytes(signed_metadata(METHODS[method]))
    authn_url = f"{live_server.url}{reverse('saml:login', kwargs={'method': method})}?idp={SPID_SP_TEST_IDP}"
    result = sptest.run("--metadata-url", f"file://{metadata}", "--authn-url", authn_url, "-tr", "-pr", profile, cwd=tmp_path)
    assert "response" in str(result["report"]).lower(), result["output"][-3000:]
    assert result["failed"] == [], "\n".join(result["failed"])

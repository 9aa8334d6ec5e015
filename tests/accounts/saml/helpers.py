"""The SP side of a sign-in driven with Django's test client."""

import re

from django.urls import reverse

FISCAL_CODE = "RSSMRA80A01L219M"


def start(client, idp, method="spid", **params):
    """GET the login URL for the test IdP; returns the AuthnRequest the IdP parsed (signature checked)."""
    query = {"idp": idp.entity_id, **params}
    response = client.get(reverse("saml:login", kwargs={"method": method}), query)
    assert response.status_code == 200, response.content[:500]
    saml_request = re.search(rb'name="SAMLRequest" value="([^"]+)"', response.content).group(1).decode()
    return idp.parse_request(saml_request), saml_request


def post_response(client, saml_response, method="spid"):
    return client.post(reverse("saml:acs", kwargs={"method": method}), {"SAMLResponse": saml_response})


def sign_in(client, idp, method="spid", person=None, **kwargs):
    """Start, answer and post: the response of the ACS."""
    request, _ = start(client, idp, method)
    return post_response(client, idp.response(request, person, **kwargs), method)

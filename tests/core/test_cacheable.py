"""Anonymous public pages set no cookie, so nginx's micro-cache and a CDN can serve them
(docs/deploy.md §5): one Set-Cookie and every visitor of a press-release peak hits the workers."""

import pytest
from django.test import Client

from tests.conftest import make_user, submit_contribution


@pytest.fixture
def idea(psm):
    psm.set_phase("ascolto")
    return submit_contribution(psm, make_user(), title="Più corse serali verso Ivrea", body="Dopo le 21.")


def test_anonymous_public_pages_set_no_cookie(client, idea):
    for url in ["/", "/piano/", "/piano/asse-3/", "/contributi/", f"/contributi/{idea.reference}/", "/contributi/?axis=3",
                "/priorita/", "/incontri/", "/monitoraggio/", "/dati/", "/netiquette/"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, list(response.cookies))


def test_language_switch_works_without_a_csrf_token(idea):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/i18n/setlang/", {"language": "en", "next": "/contributi/"})
    assert response.status_code == 302 and response.url == "/contributi/"
    assert response.cookies["django_language"].value == "en"
    assert 'lang="en"' in strict.get("/contributi/").content.decode()

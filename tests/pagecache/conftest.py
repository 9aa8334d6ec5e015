"""The page cache on, with its stores empty, and a client that says how each page was served."""

from dataclasses import dataclass

import pytest
from django.test import Client

from consultazione.core import pagecache
from tests.conftest import make_user, submit_contribution


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "ENABLED": True}
    return settings.PAGE_CACHE


class Browser:
    """An anonymous visitor (no cookie unless a test gives one)."""

    def __init__(self, client: Client | None = None):
        self.client = client or Client()

    def get(self, url: str, **headers):
        response = self.client.get(url, headers=headers)
        response.served = response.headers.get(pagecache.HEADER, "")  # "hit", "miss" or "" (not cacheable)
        response.text = response.content.decode()
        return response

    def warm(self, *urls: str) -> None:
        """Each page rendered once and then served from the cache."""
        for url in urls:
            first = self.get(url)
            assert first.status_code == 200, (url, first.status_code)
            assert first.served == "miss", (url, first.served)
            assert self.get(url).served == "hit", url


@pytest.fixture
def browser(page_cache) -> Browser:
    return Browser()


@dataclass
class World:
    idea_a: object  # axis 3
    idea_b: object  # axis 2
    author: object
    pages: dict[str, str]


@pytest.fixture
def world(psm, page_cache) -> World:
    psm.set_phase("ascolto")
    author = make_user(pseudonym="autrice-a")
    a = submit_contribution(psm, author, title="Più corse serali verso Ivrea", body="Dopo le 21.", axis=psm.axes[3])
    b = submit_contribution(psm, make_user(), title="Un parco lungo la Dora", body="Tra Collegno e Torino.", axis=psm.axes[2])
    pages = {
        "home": "/",
        "axis 3": "/piano/asse-3/",
        "axis 2": "/piano/asse-2/",
        "list": "/contributi/",
        "detail A": f"/contributi/{a.reference}/",
        "detail B": f"/contributi/{b.reference}/",
        "meetings": "/incontri/",
        "monitoring": "/monitoraggio/",
        "dashboard": "/dati/",
    }
    return World(idea_a=a, idea_b=b, author=author, pages=pages)

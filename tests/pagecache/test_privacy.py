"""A page never shows one person's data to another: signed-in requests, requests with a session
or a flash message, pages with form errors and pages with a CSRF-protected form are never served
from the shared cache nor written to it."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory

from consultazione.core import pagecache
from tests.conftest import make_user
from tests.pagecache.conftest import Browser


def test_signed_in_page_writes_nothing_and_gets_only_the_visitors_page_with_its_own_parts(browser, world):
    """A person with a session gets the visitors' page with their personal parts rendered for
    them (core/personal.py, `X-Page-Cache: personal`), marked private; nothing of theirs is stored."""
    detail = world.pages["detail A"]
    browser.warm(detail)
    person = Browser(Client())
    person.client.force_login(world.author)
    mine = person.get(detail)
    assert mine.served == "personal" and "autrice-a" in mine.text and "Modifica" in mine.text  # the author's own buttons
    assert "private" in mine["Cache-Control"]
    # nothing of theirs was stored: the anonymous copy is the one served, without their controls
    anonymous = browser.get(detail)
    assert anonymous.served == "hit" and "/modifica/" not in anonymous.text
    pagecache.bump(pagecache.contribution(world.idea_a.reference))
    again = person.get(detail)  # the shared copy is stale: rendered in full for them, not stored
    assert again.served == "" and "/modifica/" in again.text
    assert "/modifica/" not in browser.get(detail).text


def test_a_request_with_a_session_gets_the_visitors_page_marked_private(browser, world, settings):
    browser.warm("/contributi/")
    with_session = Browser(Client())
    with_session.client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    response = with_session.get("/contributi/")
    assert response.status_code == 200 and response.served == "personal"
    assert "private" in response["Cache-Control"]
    account = response.text.split('class="header-account"', 1)[1].split("</div>", 1)[0]
    assert "Accedi" in account  # no one is signed in with that cookie


def test_a_request_with_a_token_is_not_served_from_the_cache(browser, world):
    browser.warm("/contributi/")
    assert browser.get("/contributi/", Authorization="Token abc").served == ""


def test_a_flash_message_is_shown_to_its_reader_only(browser, world):
    browser.warm("/contributi/")
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    cookie = storage._encode([Message(constants.SUCCESS, "Iscrizione annullata: a presto!")])
    reader = Browser(Client())
    reader.client.cookies["messages"] = cookie
    response = reader.get("/contributi/")
    assert response.served == "personal" and "Iscrizione annullata: a presto!" in response.text
    assert "private" in response["Cache-Control"]
    assert response.cookies["messages"].value == "", "the message is read: its cookie is cleared"
    assert "Iscrizione annullata" not in browser.get("/contributi/").text


@pytest.mark.parametrize("url", ["/contributi/?axis=999999", "/incontri/?kind=nessuno"])
def test_a_page_with_form_errors_is_never_stored(browser, world, url):
    first = browser.get(url)
    assert first.status_code == 200 and first.served == "" and "invalid-feedback" in first.text
    assert browser.get(url).served == ""


@pytest.mark.urls("tests.pagecache.urls")
def test_a_page_with_a_csrf_protected_form_is_never_stored(browser, world):
    first = browser.get("/test-form/")
    assert first.status_code == 200 and "csrftoken" in first.cookies
    second = Browser(Client()).get("/test-form/")
    assert second.served == "" and "csrftoken" in second.cookies  # rendered again, with its own token
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_pages_that_declare_nothing_are_never_cached(browser, world):
    make_user()
    for url in ("/account/login/", "/account/signup/", "/live/"):
        response = browser.get(url)
        assert response.status_code == 200 and response.served == "", url


def test_a_page_that_cannot_be_cached_costs_no_cache_lookup(browser, world, monkeypatch):
    """The middleware resolves the URL first: an API call or a form page never waits on Redis."""
    looked_up = []
    real = pagecache._pages

    def spy():
        looked_up.append(True)
        return real()

    monkeypatch.setattr(pagecache, "_pages", spy)
    browser.get("/account/login/")
    browser.get("/api/v1/contributions/")
    assert looked_up == []
    browser.get("/contributi/")
    assert looked_up  # a cacheable page is looked up

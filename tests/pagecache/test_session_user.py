"""A signed-in person's account row is read once per change of it (accounts/sessions.py): their
pages read no row, and every change to the account — a new pseudonym, a password changed on
another device, a deactivation, a deletion — shows on the very next request of every session."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from consultazione.accounts.models import User
from tests.conftest import make_user

PASSWORD = "pw-test-12345"


def signed_in(user) -> Client:
    client = Client()
    response = client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def header_account(client: Client, url: str = "/contributi/") -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return re.search(r'<div class="header-account">(.*?)</div>', response.content.decode(), re.S).group(1)


@pytest.fixture
def person(psm, page_cache):
    psm.set_phase("ascolto")
    Client().get("/contributi/")  # a visitor's page: signed-in people get it with their parts
    return make_user(pseudonym="lettrice-l")


def test_a_signed_in_page_reads_no_account_row(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client = signed_in(person)
    assert "lettrice-l" in header_account(client)
    with CaptureQueriesContext(connection) as queries:
        shown = header_account(client)
    assert "lettrice-l" in shown and "Esci" in shown
    assert not [query["sql"] for query in queries if "accounts_user" in query["sql"]], "the row came from the memo"


def test_a_new_pseudonym_shows_on_the_next_page(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client = signed_in(person)
    other_device = Client()
    other_device.cookies = client.cookies
    assert "lettrice-l" in header_account(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/profilo/pseudonimo/", {"pseudonym": "lettrice-nuova"})
    assert response.status_code == 302, response.status_code
    assert "lettrice-nuova" in header_account(client) and "lettrice-nuova" in header_account(other_device)


def test_a_password_changed_on_another_device_signs_this_one_out(person, django_capture_on_commit_callbacks):
    """The session's check against the password (Django's) runs on the current row, not the one
    remembered when the phone last loaded a page."""
    with django_capture_on_commit_callbacks(execute=True):
        phone, laptop = signed_in(person), signed_in(person)
    assert "lettrice-l" in header_account(phone) and "lettrice-l" in header_account(phone)  # remembered
    with django_capture_on_commit_callbacks(execute=True):
        response = laptop.post(
            "/account/password/change/",
            {"oldpassword": PASSWORD, "password1": "un-altra-parola-7", "password2": "un-altra-parola-7"},
        )
    assert response.status_code == 302, response.status_code
    assert "lettrice-l" in header_account(laptop), "the device that changed it stays signed in"
    shown = header_account(phone)
    assert "Accedi" in shown and "lettrice-l" not in shown


@pytest.mark.parametrize("change", ["deactivated", "deleted"])
def test_an_account_closed_elsewhere_signs_every_session_out(person, change, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client = signed_in(person)
    assert "lettrice-l" in header_account(client) and "lettrice-l" in header_account(client)
    with django_capture_on_commit_callbacks(execute=True):
        if change == "deactivated":
            person.is_active = False
            person.save()
        else:
            User.objects.get(pk=person.pk).delete()
    shown = header_account(client)
    assert "Accedi" in shown and "lettrice-l" not in shown

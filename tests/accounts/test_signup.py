"""Signing up, confirming the address and logging in through the site's forms (allauth)."""

import re

from django.core import mail

from consultazione.accounts.models import User


def test_signup_verify_login(client, psm):
    psm.set_phase("ascolto")
    response = client.post(
        "/account/signup/",
        {
            "email": "nuova@example.org",
            "pseudonym": "nuova-voce",
            "password1": "una-password-lunga-42",
            "password2": "una-password-lunga-42",
            "privacy_accepted": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nuova@example.org")
    assert user.pseudonym == "nuova-voce"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/account/confirm-email/[^\s]+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirmed = client.post("/" + path)
    # issue 16 item 9j: signed in at once, on the home page that says what to do next
    assert confirmed.status_code == 302 and confirmed["Location"] == "/"
    assert client.session.get("_auth_user_id") == str(user.pk)
    home = client.get("/").content.decode()
    assert "hai già effettuato l&#x27;accesso" in home and "Fase in corso" in home and "Invia un contributo" in home
    client.logout()
    response = client.post("/account/login/", {"login": "nuova@example.org", "password": "una-password-lunga-42"})
    assert response.status_code == 302
    profile = client.get("/profilo/")
    assert profile.status_code == 200
    assert "nuova-voce" in profile.content.decode()


def test_confirming_from_another_browser_confirms_but_does_not_sign_in(client, psm):
    """Issue 16 item 9j: the link alone never signs anyone in (allauth logs in only when the
    sign-up is in the same session): a leaked link confirms the address and leads to the login page."""
    from django.test import Client

    client.post(
        "/account/signup/",
        {
            "email": "altra@example.org",
            "pseudonym": "altra-voce",
            "password1": "una-password-lunga-42",
            "password2": "una-password-lunga-42",
            "privacy_accepted": "on",
        },
    )
    link = re.search(r"https?://[^\s]+/account/confirm-email/[^\s]+/", mail.outbox[-1].body).group(0)
    elsewhere = Client()
    response = elsewhere.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert "_auth_user_id" not in elsewhere.session
    assert User.objects.get(email="altra@example.org").emailaddress_set.get().verified


def test_signup_rejects_taken_pseudonym_and_missing_consent(client, psm, citizen):
    response = client.post(
        "/account/signup/",
        {"email": "x@example.org", "pseudonym": citizen.pseudonym, "password1": "abc-def-ghi-42", "password2": "abc-def-ghi-42"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "pseudonym" in errors and "privacy_accepted" in errors
    assert not User.objects.filter(email="x@example.org").exists()


def test_unverified_user_cannot_log_in(client, psm, unverified_user):
    response = client.post("/account/login/", {"login": unverified_user.email, "password": "pw-test-12345"})
    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "verification" in response["Location"]
    assert "_auth_user_id" not in client.session

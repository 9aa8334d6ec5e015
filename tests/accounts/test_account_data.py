import json

from allauth.account.models import EmailAddress

from consultazione.accounts.models import User


def test_profile_requires_login(client, psm):
    response = client.get("/profilo/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_download_own_data(client, citizen):
    client.force_login(citizen)
    response = client.get("/profilo/dati/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == citizen.email
    assert data["account"]["pseudonym"] == citizen.pseudonym
    assert data["account"]["email_verified"] is True


def test_delete_account_needs_confirmation(client, citizen):
    client.force_login(citizen)
    response = client.post("/profilo/elimina/", {"confirm": "no"})
    assert response.status_code == 400
    citizen.refresh_from_db()
    assert citizen.is_active


def test_delete_account_anonymises_and_logs_out(client, citizen):
    email = citizen.email
    client.force_login(citizen)
    response = client.post("/profilo/elimina/", {"confirm": "ELIMINA"})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert not citizen.is_active
    assert citizen.email != email and citizen.email.endswith("@invalid.invalid")
    assert citizen.pseudonym.startswith("utente-eliminato-")
    assert not citizen.has_usable_password()
    assert citizen.deleted_at is not None
    assert not EmailAddress.objects.filter(user=citizen).exists()
    assert not User.objects.filter(email=email).exists()
    assert "_auth_user_id" not in client.session
    # The address can be used again for a new account.
    assert client.post("/account/login/", {"login": email, "password": "pw-test-12345"}).status_code == 200

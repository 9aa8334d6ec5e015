"""One lockout policy at every door that takes a password (consultazione/accounts/lockout.py).

Doors: the site's login (allauth), the Django admin login and the Wagtail admin login. The API
takes no password (session cookie or token), so it has no door; a JSON client of the site's login
gets the lockout as JSON. Each test goes through the real login page over HTTP.
"""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings

from consultazione.accounts.models import User
from consultazione.accounts.services import user_create

PASSWORD = "la-password-giusta-42"
WRONG = "una-password-sbagliata"
ATTACKER = "198.51.100.66"
ELSEWHERE = "203.0.113.10"

DOORS = {
    "site": ("/account/login/", "login"),
    "django-admin": ("/django-admin/login/", "username"),
    "cms-admin": ("/cms-admin/login/", "username"),
}


def superuser(email: str) -> User:
    """A verified superuser: it may use all three doors (the site asks for a verified email)."""
    user = user_create(email=email, password=PASSWORD, pseudonym=email.partition("@")[0], verified=True)
    User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
    return user


@pytest.fixture
def admin_user(psm):
    return superuser("amministrazione@example.org")


@pytest.fixture
def other_admin(psm):
    return superuser("redazione@example.org")


def attempt(client, door, email, password, address=ATTACKER, **extra):
    url, field = DOORS[door]
    client.cookies.clear()
    return client.post(url, {field: email, "password": password}, REMOTE_ADDR=address, **extra)


def logged_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.wsgi_request.session


def lock(client, door, email, address=ATTACKER):
    """The configured number of wrong passwords; returns their statuses."""
    return [attempt(client, door, email, WRONG, address).status_code for _ in range(django_settings.AXES_FAILURE_LIMIT)]


def travel_past_cool_off():
    """Move every recorded failure back beyond the cool-off, as if that much time had passed."""
    from axes.models import AccessAttempt

    past = django_settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    for row in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=row.attempt_time - past)


@pytest.mark.parametrize("door", DOORS)
def test_wrong_passwords_lock_the_door_even_for_the_right_password(client, admin_user, door):
    statuses = lock(client, door, admin_user.email)
    assert 302 not in statuses and statuses[-1] == 429
    response = attempt(client, door, admin_user.email, PASSWORD)
    assert response.status_code == 429
    assert not logged_in(response)
    assert "Troppi tentativi di accesso non riusciti" in response.content.decode()
    assert int(response["Retry-After"]) == django_settings.AXES_COOLOFF_TIME.total_seconds()


@pytest.mark.parametrize("door", DOORS)
def test_after_the_cool_off_the_right_password_works_again(client, admin_user, door):
    lock(client, door, admin_user.email)
    assert attempt(client, door, admin_user.email, PASSWORD).status_code == 429
    travel_past_cool_off()
    assert logged_in(attempt(client, door, admin_user.email, PASSWORD))


@pytest.mark.parametrize("door", DOORS)
def test_the_owner_elsewhere_and_another_account_here_are_not_locked(client, admin_user, other_admin, door):
    lock(client, door, admin_user.email)
    assert logged_in(attempt(client, door, admin_user.email, PASSWORD, address=ELSEWHERE))
    assert logged_in(attempt(client, door, other_admin.email, PASSWORD, address=ATTACKER))


def test_one_count_across_doors_and_letter_case(client, admin_user):
    """The lock is per account and address, not per door: guessing on one page locks them all."""
    shouted = admin_user.email.title()  # "Amministrazione@Example.Org"
    for door, name in [("site", shouted), ("django-admin", admin_user.email), ("cms-admin", shouted)]:
        attempt(client, door, name, WRONG)
    attempt(client, "site", admin_user.email, WRONG)
    attempt(client, "django-admin", admin_user.email, WRONG)
    for door in DOORS:
        assert attempt(client, door, admin_user.email, PASSWORD).status_code == 429


def test_spraying_many_accounts_from_one_address_locks_the_address(client, admin_user, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 6
    for n in range(6):  # one guess per account: never the per-account limit
        assert attempt(client, "site", f"persona{n}@example.org", "Password1").status_code in (200, 429)
    assert attempt(client, "site", admin_user.email, PASSWORD).status_code == 429
    assert logged_in(attempt(client, "site", admin_user.email, PASSWORD, address=ELSEWHERE))


def test_the_lockout_page_speaks_english_too(client, admin_user):
    lock(client, "site", admin_user.email)
    response = attempt(client, "site", admin_user.email, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()


def test_a_json_client_gets_a_json_429(client, admin_user):
    lock(client, "site", admin_user.email)
    response = attempt(client, "site", admin_user.email, PASSWORD, HTTP_ACCEPT="application/json")
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "locked_out" and "Troppi tentativi" in body["detail"]


def test_a_successful_login_clears_the_count(client, admin_user):
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "site", admin_user.email, WRONG)
    assert logged_in(attempt(client, "site", admin_user.email, PASSWORD))
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "site", admin_user.email, WRONG)
    assert logged_in(attempt(client, "site", admin_user.email, PASSWORD))


def test_deleting_the_account_forgets_its_failed_logins(client, psm):
    from axes.models import AccessAttempt

    from consultazione.accounts.services import user_delete_account

    person = user_create(email="persona@example.org", password=PASSWORD, pseudonym="persona", verified=True)
    attempt(client, "site", "Persona@example.org", WRONG)
    assert AccessAttempt.objects.filter(username="persona@example.org").exists()
    user_delete_account(actor=person, user=person)
    assert not AccessAttempt.objects.filter(username="persona@example.org").exists()

"""The client's address behind the proxy (consultazione/core/clientip.py, TRUSTED_PROXIES).

nginx passes `X-Forwarded-For: <what the client sent>, <the address nginx saw>` and connects from
127.0.0.1. The header is read only with TRUSTED_PROXIES set, and only as far as trusted proxies
wrote it. The limits that count per address — the login lockout, allauth's sign-up limit, the
live app's join limit (tests/live/test_views.py) — are checked through their real HTTP paths.
"""

import pytest
from django.test import RequestFactory

from consultazione.accounts.models import User
from consultazione.core.clientip import client_ip
from tests.accounts.test_login_lockout import PASSWORD, WRONG, logged_in, superuser

NGINX = "127.0.0.1"
ANNA, BRUNO = "203.0.113.10", "198.51.100.20"


def forwarded(address: str) -> dict:
    """What gunicorn hands Django for a client at `address` behind nginx."""
    return {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": address}


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = [NGINX, "::1"]


def _request(**meta):
    return RequestFactory().get("/", **meta)


def test_without_the_setting_a_forged_header_changes_nothing(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request(**forwarded(ANNA))) == NGINX
    assert client_ip(_request(REMOTE_ADDR=BRUNO, HTTP_X_FORWARDED_FOR=ANNA)) == BRUNO


def test_behind_trusted_proxies_the_right_most_untrusted_address_is_the_client(behind_nginx, settings):
    assert client_ip(_request(**forwarded(ANNA))) == ANNA
    # The client wrote the left-most entry itself: ignored.
    assert client_ip(_request(**forwarded(f"6.6.6.6, {ANNA}"))) == ANNA
    # A chain of our own proxies (a load balancer on the private network, then nginx).
    settings.TRUSTED_PROXIES = [NGINX, "10.0.0.0/8"]
    assert client_ip(_request(**forwarded(f"6.6.6.6, {ANNA}, 10.1.2.3"))) == ANNA
    # A client that reaches the application directly cannot claim another address.
    assert client_ip(_request(REMOTE_ADDR=BRUNO, HTTP_X_FORWARDED_FOR=ANNA)) == BRUNO
    # Junk where the client should be: the last proxy we trust, never the junk.
    assert client_ip(_request(**forwarded("not-an-address"))) == NGINX
    assert client_ip(_request(**forwarded("[2001:db8::7]:5000"))) == "2001:db8::7"


def test_an_asgi_scope_is_read_the_same_way(settings):
    scope = {"client": (NGINX, 50000), "headers": [(b"x-forwarded-for", f"6.6.6.6, {ANNA}".encode())]}
    settings.TRUSTED_PROXIES = []
    assert client_ip(scope) == NGINX
    settings.TRUSTED_PROXIES = [NGINX]
    assert client_ip(scope) == ANNA


def test_a_malformed_setting_is_reported_by_the_checks(settings):
    from django.core.checks import run_checks

    settings.TRUSTED_PROXIES = ["127.0.0.1", "nginx.local"]
    assert "core.E003" in [error.id for error in run_checks()]


# --- the limits that count per address, through their real paths -----------------------------------


def test_the_login_lockout_of_one_client_does_not_lock_another_behind_the_proxy(client, psm, behind_nginx, settings):
    user = superuser("amministrazione@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/account/login/", {"login": user.email, "password": WRONG}, **forwarded(ANNA))
    locked = client.post("/account/login/", {"login": user.email, "password": PASSWORD}, **forwarded(ANNA))
    assert locked.status_code == 429
    # A spoofed left-most entry does not get Anna out of her lock…
    spoofed = client.post("/account/login/", {"login": user.email, "password": PASSWORD}, **forwarded(f"{BRUNO}, {ANNA}"))
    assert spoofed.status_code == 429
    # …while Bruno, behind the same nginx, logs in.
    assert logged_in(client.post("/account/login/", {"login": user.email, "password": PASSWORD}, **forwarded(BRUNO)))


def test_without_the_setting_a_forged_header_does_not_escape_the_lockout(client, psm, settings):
    settings.TRUSTED_PROXIES = []
    user = superuser("amministrazione@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/account/login/", {"login": user.email, "password": WRONG}, REMOTE_ADDR=ANNA)
    forged = client.post(
        "/account/login/", {"login": user.email, "password": PASSWORD}, REMOTE_ADDR=ANNA, HTTP_X_FORWARDED_FOR=BRUNO
    )
    assert forged.status_code == 429


def _signup(client, n: int, **meta):
    client.cookies.clear()
    data = {
        "email": f"persona{n}@example.org",
        "pseudonym": f"persona-{n}",
        "password1": "una-password-lunga-42",
        "password2": "una-password-lunga-42",
        "privacy_accepted": "on",
    }
    return client.post("/account/signup/", data, **meta)


def test_sign_ups_are_limited_per_client_behind_the_proxy(client, psm, behind_nginx, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/h/ip"}
    assert [_signup(client, n, **forwarded(ANNA)).status_code for n in range(3)] == [302, 302, 429]
    assert _signup(client, 3, **forwarded(f"{BRUNO}, {ANNA}")).status_code == 429  # spoofed left-most entry
    assert _signup(client, 4, **forwarded(BRUNO)).status_code == 302
    assert set(User.objects.filter(email__startswith="persona").values_list("email", flat=True)) == {
        "persona0@example.org",
        "persona1@example.org",
        "persona4@example.org",
    }

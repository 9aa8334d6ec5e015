"""Joining at venue scale: thousands of phones behind one address (conference Wi-Fi, one NAT) are
seated, while one client hammering the join endpoint is refused (docs/live.md, "Joining at venue
scale"). The old cap of 600 joins a minute per address needed over 8 minutes for 5,000 phones."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from consultazione.live import conf
from consultazione.live.models import Participant
from consultazione.live.shared_state import rate_parse as parse

pytestmark = pytest.mark.django_db

VENUE = 5000  # phones the defaults must seat from one address
SEAT_WITHIN = 60  # seconds
PHONES = 500  # the run below: the venue scaled down 10×, with the per-address cap scaled alike
DEVICE = "Troppi tentativi di entrare da questo dispositivo"
CROWD = "Molte persone stanno entrando in questo momento"


def _phone():
    return Client(REMOTE_ADDR="203.0.113.7")  # every phone of the venue behind the same NAT


def _join(phone, session, *, load_page=True):
    if load_page:
        assert phone.get(reverse("live:phone", kwargs={"code": session.code})).status_code == 200
    return phone.post(reverse("live:join_session", kwargs={"code": session.code}))


def test_the_default_limits_seat_a_venue_of_5000_phones_behind_one_address_within_a_minute():
    session_limit, session_window = parse(conf.DEFAULTS["LIVE_JOIN_RATE_PER_SESSION"])
    address_limit, address_window = parse(conf.DEFAULTS["LIVE_JOIN_RATE_PER_IP"])
    assert VENUE / (session_limit / session_window) <= SEAT_WITHIN / 2  # the room's budget: 20 s
    assert address_limit * SEAT_WITHIN / address_window >= VENUE  # the last-resort cap lets them all in


def test_phones_behind_one_address_are_all_seated(live_session, settings):
    """PHONES distinct phones, one address, the real HTTP join (phone page, then POST): every one
    is seated. The per-address cap is the default scaled by PHONES / VENUE, so this run has the
    same ratio of phones to cap as a venue of 5,000 on the defaults; a phone told the room is full
    for this second waits Retry-After and tries again, as a person would."""
    limit, window = parse(conf.DEFAULTS["LIVE_JOIN_RATE_PER_IP"])
    settings.LIVE_JOIN_RATE_PER_IP = f"{limit * PHONES // VENUE}/{window}"
    seated, waits = 0, 0
    for _ in range(PHONES):
        phone = _phone()
        response = _join(phone, live_session)
        while response.status_code == 429 and CROWD in response.content.decode():
            waits += 1
            time.sleep(int(response["Retry-After"]))
            response = phone.post(reverse("live:join_session", kwargs={"code": live_session.code}))
        assert response.status_code == 302, response.content.decode()[:500]
        assert response.cookies[f"live_{live_session.code}"].value
        seated += 1
    assert seated == PHONES
    assert Participant.objects.filter(session=live_session).count() == PHONES


def test_one_client_hammering_with_one_ticket_is_refused_and_the_room_still_joins(live_session):
    abuser = _phone()
    abuser.get(reverse("live:phone", kwargs={"code": live_session.code}))
    limit, _window = parse(conf.DEFAULTS["LIVE_JOIN_RATE_PER_TICKET"])
    statuses = []
    for _ in range(limit + 2):
        abuser.cookies.pop(f"live_{live_session.code}", None)  # throws its participant away each time
        response = _join(abuser, live_session, load_page=False)
        statuses.append(response.status_code)
    assert statuses == [302] * limit + [429, 429]
    assert DEVICE in response.content.decode() and response["Retry-After"] == "10"
    assert Participant.objects.filter(session=live_session).count() == limit
    assert _join(_phone(), live_session).status_code == 302  # a real phone behind the same NAT


def test_one_client_hammering_without_the_page_is_refused_and_the_room_still_joins(live_session):
    limit, _window = parse(conf.DEFAULTS["LIVE_JOIN_RATE_WITHOUT_TICKET"])
    statuses = [_join(_phone(), live_session, load_page=False).status_code for _ in range(limit + 1)]
    assert statuses == [302] * limit + [429]
    assert Participant.objects.filter(session=live_session).count() == limit
    assert _join(_phone(), live_session).status_code == 302  # a phone that loaded the page


def test_a_full_room_asks_to_wait_without_charging_the_phone(live_session, settings):
    settings.LIVE_JOIN_RATE_PER_SESSION = "2/60"
    settings.LIVE_JOIN_RATE_PER_TICKET = "1/60"
    assert _join(_phone(), live_session).status_code == 302
    assert _join(_phone(), live_session).status_code == 302
    late = _phone()
    refused = _join(late, live_session)
    assert refused.status_code == 429 and CROWD in refused.content.decode() and refused["Retry-After"] == "60"
    settings.LIVE_JOIN_RATE_PER_SESSION = "10/60"  # the next window
    # The refused attempt was given back: the phone's own single join is still there.
    assert _join(late, live_session, load_page=False).status_code == 302
    assert Participant.objects.filter(session=live_session).count() == 3


def test_a_forged_ticket_counts_as_no_ticket(live_session, settings):
    settings.LIVE_JOIN_RATE_WITHOUT_TICKET = "1/60"
    phone = _phone()
    phone.cookies[f"live_ticket_{live_session.code}"] = "made-up:value"
    assert _join(phone, live_session, load_page=False).status_code == 302
    other = _phone()
    other.cookies[f"live_ticket_{live_session.code}"] = "another:forgery"
    assert _join(other, live_session, load_page=False).status_code == 429

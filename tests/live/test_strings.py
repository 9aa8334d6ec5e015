"""Counted strings of the live screens (issue 15 item 12): "1 risposta", "2 risposte", in Italian
and in English, in the pages and in the strings handed to the scripts (which choose by count)."""

import json
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _strings(response) -> dict:
    match = re.search(r'<script id="live-strings" type="application/json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(match.group(1))


def _pick(forms: dict, n: int) -> str:
    """What lib/live/dom.js `format` shows (Italian and English: 1 → one, else other)."""
    return (forms["one"] if n == 1 else forms["other"]).replace("%(n)s", str(n))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("it", {"answers": ("1 risposta", "2 risposte"), "participants": ("1 partecipante", "2 partecipanti")}),
        ("en", {"answers": ("1 answer", "2 answers"), "participants": ("1 participant", "2 participants")}),
    ],
)
@pytest.mark.parametrize("page", ["live:projector", "live:phone"])
def test_the_scripts_get_both_forms_and_count_right(client, live_session, language, expected, page):
    if page == "live:phone":
        client.post(reverse("live:join_session", kwargs={"code": live_session.code}))
    response = client.get(reverse(page, kwargs={"code": live_session.code}), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    strings = _strings(response)
    for key, (one, two) in expected.items():
        assert _pick(strings[key], 1) == one
        assert _pick(strings[key], 2) == two
    assert _pick(strings["points"], 1) == ("1 punto" if language == "it" else "1 point")
    assert _pick(strings["upvotes"], 1) == ("1 sostegno" if language == "it" else "1 supporter")


def test_presenter_page_gets_the_plural_strings_too(client, facilitator, live_session):
    client.force_login(facilitator)
    response = client.get(reverse("live:presenter", kwargs={"code": live_session.code}))
    assert response.status_code == 200
    strings = _strings(response)
    assert _pick(strings["answers"], 1) == "1 risposta"
    assert _pick(strings["participants"], 2) == "2 partecipanti"
    assert "counters" not in strings  # the console builds "N partecipanti · N risposte" from the two

"""Malformed frames get an `error` frame and the socket stays open; the HTTP fallback answers 4xx.

Before: an `entry` with question id 10**30 overflowed SQLite's driver and one with a lone surrogate
failed to encode, both inside the consumer: the socket closed (1006) and the HTTP fallback answered
500. Now live.protocol refuses them (core.input: ids in 1…2**63-1, no NUL or unpaired surrogate,
JSON at most protocol.MAX_DEPTH deep) for both transports.
"""

import json
import logging
import uuid

import pytest
from channels.db import database_sync_to_async
from rest_framework.test import APIClient

from consultazione.live import cookies
from consultazione.live.models import Ballot, Entry, Kind

pytestmark = pytest.mark.django_db(transaction=True)

db = database_sync_to_async

HUGE = 10**30


def hostile_frames(question: int, option: int) -> list[tuple[str, str]]:
    """(raw text, error code): each must be answered with that error and store nothing."""
    frames = [
        ({"type": "entry", "question": HUGE, "text": "ciao"}, "bad_frame"),
        ({"type": "entry", "question": 2**63, "text": "ciao"}, "bad_frame"),
        ({"type": "entry", "question": -question, "text": "ciao"}, "bad_frame"),
        ({"type": "entry", "question": 0, "text": "ciao"}, "bad_frame"),
        ({"type": "entry", "question": question, "text": "ciao \ud800"}, "invalid_characters"),
        ({"type": "entry", "question": question, "text": "ciao\x00"}, "invalid_characters"),
        ({"type": "entry", "question": question, "text": ["ciao"]}, "bad_frame"),
        ({"type": "vote", "question": HUGE, "choices": [option]}, "bad_frame"),
        ({"type": "vote", "question": question, "choices": [HUGE]}, "bad_frame"),
        ({"type": "vote", "question": question, "choices": [option], "cvid": 12}, "bad_frame"),
        ({"type": "vote", "question": question, "words": ["tre\x00ni"]}, "invalid_characters"),
        ({"type": "vote", "question": question, "words": ["\udc00"]}, "invalid_characters"),
        ({"type": "upvote", "entry": HUGE}, "bad_frame"),
        ({"type": "vote", "question": question, "choices": [[[[[option]]]]]}, "too_deep"),
        ({"type\x00": "vote"}, "invalid_characters"),
        ({"type": None}, "bad_frame"),
        ({}, "bad_frame"),
    ]
    raw = [(json.dumps(frame), code) for frame, code in frames]
    return [
        *raw,
        ("[" * 50_000 + "]" * 50_000, "too_large"),
        ("[" * 1000 + "]" * 1000, "too_deep"),
        ('{"type": "vote"', "bad_json"),
    ]


async def test_hostile_frames_get_an_error_frame_and_the_socket_stays_open(
    connect, live_session, make_question, make_participant, settings, caplog
):
    settings.LIVE_SOCKET_RATE = 1000
    question = await db(make_question)(live_session, kind=Kind.QA, labels=(), max_choices=3)
    alice = await db(make_participant)(live_session)
    phone = await connect(live_session, participant=alice)
    for raw, code in hostile_frames(question.pk, 1):
        await phone.send_to(text_data=raw)
        reply = await phone.receive_json_from()
        assert (reply["type"], reply["code"]) == ("error", code), raw[:200]
        assert reply["detail"]
        await phone.send_json_to({"type": "ping"})
        assert await phone.receive_json_from() == {"type": "pong"}, raw[:200]
    # A raw lone surrogate in the text itself (a server decodes frames as UTF-8, a test can send it).
    await phone.send_to(text_data='{"type": "entry", "question": 1, "text": "\ud800"}')
    assert (await phone.receive_json_from())["code"] == "invalid_characters"
    # The socket still works for a real answer.
    await phone.send_json_to({"type": "entry", "question": question.pk, "text": "Quando arriva la metro 2?"})
    assert (await phone.receive_json_from())["status"] == "accepted"
    assert await db(Entry.objects.count)() == 1
    assert not await db(Ballot.objects.exists)()
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def _phone_client(session, participant) -> APIClient:
    client = APIClient()
    client.cookies[cookies.name(session.code)] = cookies.signed(participant.token, code=session.code)
    return client


@pytest.mark.parametrize("content_type", ["application/json", "text/plain"])
def test_the_http_fallback_answers_400_to_the_same_frames(
    live_session, make_question, make_participant, settings, caplog, content_type
):
    settings.LIVE_HTTP_VOTE_RATE = "1000/1"
    question = make_question(live_session, kind=Kind.QA, labels=(), max_choices=3)
    phone = _phone_client(live_session, make_participant(live_session))
    url = f"/api/v1/live/sessions/{live_session.code}/commands/"
    for raw, code in hostile_frames(question.pk, 1):
        response = phone.post(url, raw, content_type=content_type)
        assert response.status_code == 400, raw[:200]
        # The middleware answers JSON bodies first (too_large frames are just deep JSON to it).
        expected = {code, "too_deep"} if code == "too_large" and content_type == "application/json" else {code}
        assert response.json()["code"] in expected, raw[:200]
    # Invalid UTF-8 (an encoded lone surrogate) is refused, not stored with replacement characters.
    raw = f'{{"type": "entry", "question": {question.pk}, "text": "ok '.encode() + b'\xed\xb0\x80"}'
    response = phone.post(url, raw, content_type=content_type)
    assert (response.status_code, response.json()["code"]) == (400, "invalid_characters")
    assert not Entry.objects.exists()
    response = phone.post(
        url,
        json.dumps({"type": "entry", "question": question.pk, "text": "Ciao", "cvid": str(uuid.uuid4())}),
        content_type=content_type,
    )
    assert response.status_code == 200
    assert Entry.objects.count() == 1
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]

"""Fuzzing the live protocol: whatever a phone sends, the socket stays open and answers, the HTTP
fallback answers below 500, and nothing is logged as an error.

Hypothesis drives the real consumer through `WebsocketCommunicator`. Hypothesis runs examples
synchronously, so the socket lives on an event loop in a thread of its own and each example hands it
one frame. Bounded (about 200 examples, no deadline): a few seconds.
"""

import asyncio
import json
import logging
import threading

import pytest
from channels.testing import WebsocketCommunicator
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from consultazione.live import broadcast, cookies
from consultazione.live.hub import Hub, set_hub
from consultazione.live.models import Kind
from consultazione.live.protocol import TYPES
from consultazione.live.routing import websocket_application

from .conftest import ORIGIN, cookie_header

pytestmark = pytest.mark.django_db(transaction=True)

FUZZ = hypothesis_settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
ERROR_CODES = {"bad_frame", "bad_json", "too_large", "too_deep", "invalid_characters", "read_only"}
BAD_TEXT = st.sampled_from(["\x00", "\ud800", "\udfff", "a\x00b", "ok\udc00", "\ud83d"])
BAD_IDS = st.one_of(
    st.integers(max_value=0),
    st.integers(min_value=2**63),
    st.just(10**30),
    st.booleans(),
    st.floats(allow_nan=False),
    st.text(max_size=4),
    st.none(),
    st.lists(st.integers(), max_size=2),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8) | BAD_TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=12,
)


def _answers(question: int, option: int):
    """Frames of the answer types with at least one bad field (→ an error frame)."""
    good_id = st.sampled_from([question, option])
    bad_vote = st.one_of(
        st.fixed_dictionaries({"type": st.just("vote"), "question": BAD_IDS, "choices": st.lists(good_id, max_size=2)}),
        st.fixed_dictionaries(
            {"type": st.just("vote"), "question": good_id, "choices": st.lists(BAD_IDS, min_size=1, max_size=3)}
        ),
        st.fixed_dictionaries(
            {"type": st.just("vote"), "question": good_id, "words": st.lists(BAD_TEXT, min_size=1, max_size=2)}
        ),
        st.fixed_dictionaries(
            {"type": st.just("vote"), "question": good_id, "cvid": st.integers() | st.text(max_size=5) | BAD_TEXT}
        ),
    )
    bad_entry = st.one_of(
        st.fixed_dictionaries({"type": st.just("entry"), "question": BAD_IDS, "text": st.text(max_size=20)}),
        st.fixed_dictionaries({"type": st.just("entry"), "question": good_id, "text": BAD_TEXT | st.integers() | st.none()}),
    )
    bad_upvote = st.fixed_dictionaries({"type": st.just("upvote"), "entry": BAD_IDS})
    unknown = st.fixed_dictionaries({"type": st.text(max_size=8).filter(lambda t: t not in TYPES) | BAD_IDS})
    return st.one_of(bad_vote, bad_entry, bad_upvote, unknown, st.just({}), st.just({"question": question}))


def frames(question: int, option: int):
    """(must the reply be an error?, "text" or "bytes", payload)."""
    dumps = st.sampled_from([True, False]).map(lambda ascii_only: lambda frame: json.dumps(frame, ensure_ascii=ascii_only))
    malformed = st.tuples(dumps, _answers(question, option)).map(lambda pair: (True, "text", pair[0](pair[1])))
    deep = st.integers(5, 3000).map(
        lambda n: (True, "text", '{"type": "vote", "question": 1, "choices": ' + "[" * n + "]" * n + "}")
    )
    binary = st.binary(max_size=64).map(lambda data: (True, "bytes", data))
    text = st.text(max_size=40).map(lambda raw: (_must_fail(raw), "text", raw))
    anything = st.dictionaries(
        st.sampled_from(["type", "question", "choices", "words", "text", "entry", "cvid", "version"]) | st.text(max_size=4),
        JSON,
        max_size=5,
    ).map(lambda frame: (_must_fail(json.dumps(frame)), "text", json.dumps(frame)))
    return st.one_of(malformed, deep, binary, text, anything)


def _must_fail(raw: str) -> bool:
    try:
        data = json.loads(raw)
    except ValueError:
        return True
    return not isinstance(data, dict) or not isinstance(data.get("type"), str) or data["type"] not in TYPES


@pytest.fixture
def loop_thread():
    """An event loop in a thread: `run(coroutine)` from the synchronous Hypothesis examples."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def run(coroutine, timeout=30):
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout)

    yield run
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)
    loop.close()


def _errors(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


def test_fuzzed_frames_never_close_the_socket(loop_thread, live_session, make_question, make_participant, settings, caplog):
    settings.LIVE_TICKER_AUTOSTART = False
    settings.LIVE_SOCKET_RATE = 10**6
    question = make_question(live_session)
    option = question.options.first().pk
    participant = make_participant(live_session)
    path = f"/ws/live/{live_session.code}/"

    async def open_socket():
        set_hub(Hub(autostart=False))
        phone = WebsocketCommunicator(websocket_application(), path, headers=[ORIGIN, cookie_header(live_session, participant)])
        assert (await phone.connect())[0]
        return phone

    phone = loop_thread(open_socket())

    async def exchange(kind: str, payload):
        await phone.send_input({"type": "websocket.receive", kind: payload})  # empty frames too
        reply = await phone.receive_json_from(timeout=10)
        await phone.send_json_to({"type": "ping"})
        return reply, await phone.receive_json_from(timeout=10)

    seen = []

    @FUZZ
    @given(frame=frames(question.pk, option))
    def one_frame(frame):
        must_fail, kind, payload = frame
        seen.append(must_fail)
        caplog.clear()
        reply, pong = loop_thread(exchange(kind, payload))
        assert pong == {"type": "pong"}, payload  # the socket is still open and answering
        if must_fail:
            assert reply["type"] == "error" and reply["code"] in ERROR_CODES and reply["detail"], (payload, reply)
        else:
            assert reply["type"] in {"error", "ack", "pong", "snapshot"}, (payload, reply)
            assert reply["type"] != "ack" or reply["status"] != "rejected" or reply["code"] != "unavailable", reply
        assert _errors(caplog) == [], payload

    try:
        one_frame()
        assert len(seen) >= 150 and sum(seen) >= 100, (len(seen), sum(seen))  # the fuzz really ran
    finally:

        async def close():
            await phone.disconnect()
            await broadcast.flush()

        loop_thread(close())


def test_fuzzed_bodies_never_get_a_5xx_from_the_http_fallback(live_session, make_question, make_participant, settings, caplog):
    settings.LIVE_HTTP_VOTE_RATE = "1000000/1"
    question = make_question(live_session, kind=Kind.QA, labels=(), max_choices=3)
    participant = make_participant(live_session)
    phone = APIClient()
    phone.cookies[cookies.name(live_session.code)] = cookies.signed(participant.token, code=live_session.code)
    url = f"/api/v1/live/sessions/{live_session.code}/commands/"

    seen = []

    @FUZZ
    @given(frame=frames(question.pk, question.pk), content_type=st.sampled_from(["application/json", "text/plain"]))
    def one_body(frame, content_type):
        must_fail, _kind, payload = frame
        seen.append(must_fail)
        caplog.clear()
        body = payload if isinstance(payload, bytes) else payload.encode("utf-8", "surrogatepass")
        response = phone.post(url, body, content_type=content_type)
        assert response.status_code < 500, (payload, response.content)
        if must_fail:
            assert response.status_code == 400, (payload, response.content)
            assert response.json()["code"], payload
        assert _errors(caplog) == [], payload

    one_body()
    assert len(seen) >= 150 and sum(seen) >= 100, (len(seen), sum(seen))

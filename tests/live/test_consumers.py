"""The WebSocket endpoint through the real stack (origin check, cookies, auth, router, hub)."""

import json
import uuid

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client, override_settings

from consultazione.live import versions
from consultazione.live.models import Ballot, Kind, Visibility
from consultazione.live.routing import websocket_application
from consultazione.live.services import question_close, question_reveal

from .conftest import ORIGIN

pytestmark = pytest.mark.django_db(transaction=True)

db = database_sync_to_async


async def hello(socket, version=None):
    await socket.send_json_to({"type": "hello", "version": version})
    frame = await socket.receive_json_from()
    assert frame["type"] == "snapshot"
    return frame


async def test_phone_joins_votes_and_gets_one_ack_per_client_vote_id(connect, live_session, make_question, make_participant):
    question = await db(make_question)(live_session)
    alice = await db(make_participant)(live_session)
    phone = await connect(live_session, participant=alice)
    snapshot = await hello(phone)
    assert snapshot["question"]["id"] == question.pk
    assert snapshot["me"] == {"question": question.pk, "round": 0, "choices": []}
    option = snapshot["question"]["options"][0]["id"]
    cvid = str(uuid.uuid4())
    frame = {"type": "vote", "question": question.pk, "choices": [option], "cvid": cvid}
    await phone.send_json_to(frame)
    ack = await phone.receive_json_from()
    assert (ack["type"], ack["status"], ack["cvid"], ack["choices"]) == ("ack", "accepted", cvid, [option])
    await phone.send_json_to(frame)  # a retry after a reconnect
    again = await phone.receive_json_from()
    assert (again["status"], again["cvid"]) == ("accepted", cvid)
    assert await db(Ballot.objects.filter(question=question).count)() == 1
    assert (await hello(phone))["me"]["choices"] == [option]


async def test_projector_sees_the_count_after_a_tick(hub, connect, live_session, make_question, make_participant):
    question = await db(make_question)(live_session)
    alice = await db(make_participant)(live_session)
    projector = await connect(live_session, role="projector")
    phone = await connect(live_session, participant=alice)
    await hello(projector)
    await hello(phone)
    option = await db(lambda: question.options.first().pk)()
    await phone.send_json_to({"type": "vote", "question": question.pk, "choices": [option]})
    await phone.receive_json_from()
    published = await hub.ticker(live_session.pk).tick()
    assert published
    frame = await projector.receive_json_from()
    assert frame["results"]["total"] == 1
    assert frame["results"]["counts"][str(option)] == 1


async def test_hidden_results_then_reveal_pushes_counts(hub, connect, live_session, make_question, make_participant, facilitator):
    question = await db(make_question)(live_session, visibility=Visibility.ON_REVEAL)
    alice = await db(make_participant)(live_session)
    phone = await connect(live_session, participant=alice)
    projector = await connect(live_session, role="projector")
    await hello(projector)
    snapshot = await hello(phone)
    option = snapshot["question"]["options"][1]["id"]
    await phone.send_json_to({"type": "vote", "question": question.pk, "choices": [option]})
    await phone.receive_json_from()
    await hub.ticker(live_session.pk).tick()
    for socket in (projector, phone):
        frame = await socket.receive_json_from()
        assert frame["results"] == {"question": question.pk, "round": 0, "total": 1, "visible": False}
    await db(question_reveal)(user=facilitator, question=question)
    for socket in (projector, phone):
        frame = await socket.receive_json_from()
        assert frame["type"] == "state"
        assert frame["question"]["revealed"] is True
        assert frame["results"]["counts"][str(option)] == 1


async def test_reconnect_with_a_stale_version_gets_the_current_snapshot(connect, live_session, make_question, make_participant):
    await db(make_question)(live_session)
    alice = await db(make_participant)(live_session)
    phone = await connect(live_session, participant=alice)
    first = await hello(phone)
    await phone.disconnect()
    await db(versions.next_version)(live_session.pk)  # the session moved on while the phone was away
    phone = await connect(live_session, participant=alice)
    snapshot = await hello(phone, version=first["version"])
    assert snapshot["version"] > first["version"]
    assert snapshot["question"] == first["question"]


async def test_vote_on_a_closed_question_is_rejected_and_the_socket_stays(
    connect, live_session, make_question, make_participant, facilitator
):
    question = await db(make_question)(live_session)
    alice = await db(make_participant)(live_session)
    option = await db(lambda: question.options.first().pk)()
    await db(question_close)(user=facilitator, question=question)
    phone = await connect(live_session, participant=alice)
    await phone.send_json_to({"type": "vote", "question": question.pk, "choices": [option], "cvid": str(uuid.uuid4())})
    ack = await phone.receive_json_from()
    assert (ack["status"], ack["code"]) == ("rejected", "closed")
    await phone.send_json_to({"type": "ping"})
    assert await phone.receive_json_from() == {"type": "pong"}
    assert not await db(Ballot.objects.exists)()


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("not json", "bad_json"),
        ("[1, 2]", "bad_frame"),
        (json.dumps({"type": "vote", "question": "one"}), "bad_frame"),
        (json.dumps({"type": "vote", "question": 1, "choices": [True]}), "bad_frame"),
        (json.dumps({"type": "nuke"}), "bad_frame"),
        (json.dumps({"type": "entry", "question": 1, "text": "x" * 5000}), "too_large"),
    ],
)
async def test_malformed_or_oversized_frames_get_an_error_and_the_socket_stays(
    connect, live_session, make_participant, raw, code
):
    alice = await db(make_participant)(live_session)
    phone = await connect(live_session, participant=alice)
    await phone.send_to(text_data=raw)
    error = await phone.receive_json_from()
    assert (error["type"], error["code"]) == ("error", code)
    await phone.send_json_to({"type": "ping"})
    assert await phone.receive_json_from() == {"type": "pong"}


async def test_a_flood_of_messages_is_rate_limited(connect, live_session, make_participant, settings):
    settings.LIVE_SOCKET_RATE = 2
    alice = await db(make_participant)(live_session)
    phone = await connect(live_session, participant=alice)
    replies = []
    for _ in range(8):
        await phone.send_json_to({"type": "ping"})
        replies.append(await phone.receive_json_from())
    assert {"type": "pong"} in replies
    assert any(reply.get("code") == "rate_limited" for reply in replies)


async def test_phone_without_participant_cookie_is_told_to_join(connect, live_session):
    phone = await connect(live_session)
    error = await phone.receive_json_from()
    assert error["code"] == "not_joined"
    assert (await phone.receive_output())["code"] == 4401


async def test_forged_cookie_is_not_a_participant(connect, live_session):
    forged = (b"cookie", f"live_{live_session.code}={uuid.uuid4()}:forged".encode())
    phone = await connect(live_session, headers=[forged])
    assert (await phone.receive_json_from())["code"] == "not_joined"


async def test_unknown_code_is_refused(hub):
    socket = WebsocketCommunicator(websocket_application(), "/ws/live/ZZZZZZ/", headers=[ORIGIN])
    await socket.connect()
    assert (await socket.receive_json_from())["code"] == "not_found"
    assert (await socket.receive_output())["code"] == 4404


async def test_presenter_console_needs_the_permission(connect, live_session, citizen, facilitator, make_question):
    await db(make_question)(live_session, visibility=Visibility.NEVER)
    refused = await connect(live_session, role="presenter", headers=[await session_cookie(citizen)])
    assert (await refused.receive_json_from())["code"] == "forbidden"
    console = await connect(live_session, role="presenter", headers=[await session_cookie(facilitator)])
    snapshot = await hello(console)
    assert snapshot["results"]["visible"] is True
    assert snapshot["results"]["public"] is False


async def test_phones_and_projector_cannot_answer_from_the_projector(connect, live_session, make_question):
    question = await db(make_question)(live_session)
    projector = await connect(live_session, role="projector")
    await projector.send_json_to({"type": "vote", "question": question.pk, "choices": [1]})
    assert (await projector.receive_json_from())["code"] == "read_only"


async def test_foreign_origin_is_refused_at_the_handshake(hub, live_session):
    with override_settings(ALLOWED_HOSTS=["testserver", "consultazione.example"]):
        app = websocket_application()
    evil = WebsocketCommunicator(
        app, f"/ws/live/{live_session.code}/?role=projector", headers=[(b"origin", b"https://evil.example")]
    )
    connected, _ = await evil.connect()
    assert connected is False
    good = WebsocketCommunicator(
        app, f"/ws/live/{live_session.code}/?role=projector", headers=[(b"origin", b"https://consultazione.example")]
    )
    connected, _ = await good.connect()
    assert connected is True
    await good.disconnect()


async def test_word_cloud_and_qa_over_the_socket(hub, connect, live_session, make_question, make_participant):
    cloud = await db(make_question)(live_session, kind=Kind.WORDCLOUD, labels=(), max_choices=2)
    alice = await db(make_participant)(live_session)
    phone = await connect(live_session, participant=alice)
    await phone.send_json_to({"type": "vote", "question": cloud.pk, "words": ["Verde", "treni"]})
    assert (await phone.receive_json_from())["status"] == "accepted"
    assert (await hello(phone))["me"]["words"] == ["verde", "treni"]
    qa = await db(make_question)(live_session, kind=Kind.QA, labels=(), max_choices=3)
    await phone.receive_json_from()  # the new state pushed by question_open
    await phone.send_json_to({"type": "entry", "question": qa.pk, "text": "Quando arriva la metro 2?"})
    ack = await phone.receive_json_from()
    assert ack["status"] == "accepted"
    assert (await hello(phone))["me"]["entries"][0]["status"] == "pending"


async def session_cookie(user) -> tuple[bytes, bytes]:
    def login():
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    return (b"cookie", f"sessionid={await db(login)()}".encode())

"""The WebSocket endpoint through the real stack (origin check, cookies, auth, router, hub)."""

import asyncio
import json
import uuid

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client, override_settings
from django.utils import translation

from consultazione.live import shared_state
from consultazione.live.models import Ballot, Kind, PhoneVisibility, Visibility
from consultazione.live.routing import websocket_application
from consultazione.live.services import question_close, question_reveal
from consultazione.live.services.ballots import BallotRequest
from consultazione.live.writer import BallotWriter

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
    published = await hub.ticker(live_session.code).tick()
    assert published
    frame = await projector.receive_json_from()
    assert frame["results"]["total"] == 1
    assert {o["id"]: o["count"] for o in frame["results"]["options"]}[option] == 1


async def test_hidden_results_then_reveal_pushes_counts(hub, connect, live_session, make_question, make_participant, facilitator):
    question = await db(make_question)(live_session, visibility=Visibility.ON_REVEAL, phone_visibility=PhoneVisibility.ON_REVEAL)
    alice = await db(make_participant)(live_session)
    phone = await connect(live_session, participant=alice)
    projector = await connect(live_session, role="projector")
    await hello(projector)
    snapshot = await hello(phone)
    option = snapshot["question"]["options"][1]["id"]
    await phone.send_json_to({"type": "vote", "question": question.pk, "choices": [option]})
    await phone.receive_json_from()
    await hub.ticker(live_session.code).tick()
    for socket in (projector, phone):
        frame = await socket.receive_json_from()
        assert frame["results"] == {"question": question.pk, "round": 0, "total": 1, "visible": False}
    await db(question_reveal)(user=facilitator, question=question)
    for socket in (projector, phone):
        frame = await socket.receive_json_from()
        assert frame["type"] == "state"
        assert frame["question"]["revealed"] is True
        assert {o["id"]: o["count"] for o in frame["results"]["options"]}[option] == 1


async def test_reconnect_with_a_stale_version_gets_the_current_snapshot(connect, live_session, make_question, make_participant):
    await db(make_question)(live_session)
    alice = await db(make_participant)(live_session)
    phone = await connect(live_session, participant=alice)
    first = await hello(phone)
    await phone.disconnect()
    await db(shared_state.version_next)(live_session.code)  # the session moved on while the phone was away
    phone = await connect(live_session, participant=alice)
    snapshot = await hello(phone, version=first["version"])
    assert snapshot["version"] > first["version"]
    assert snapshot["question"] == first["question"]


BAD_FRAMES = [
    ("not json", "bad_json"),
    ("[1, 2]", "bad_frame"),
    (json.dumps({"type": "vote", "question": "one"}), "bad_frame"),
    (json.dumps({"type": "vote", "question": 1, "choices": [True]}), "bad_frame"),
    (json.dumps({"type": "nuke"}), "bad_frame"),
    (json.dumps({"type": "entry", "question": 1, "text": "x" * 5000}), "too_large"),
]


async def test_bad_input_gets_an_error_frame_stores_nothing_and_the_socket_stays(
    connect, live_session, make_question, make_participant, facilitator, settings
):
    settings.LIVE_SOCKET_RATE = 100
    question = await db(make_question)(live_session)
    other = await db(make_question)(live_session, labels=("X", "Y"))
    alice = await db(make_participant)(live_session)
    phone = await connect(live_session, participant=alice)
    foreign = await db(lambda: other.options.first().pk)()
    await phone.send_json_to({"type": "vote", "question": question.pk, "choices": [foreign]})
    assert (await phone.receive_json_from())["code"] == "unknown_option"
    option = await db(lambda: question.options.first().pk)()
    await db(question_close)(user=facilitator, question=question)
    await phone.receive_json_from()  # the new state pushed to every screen
    await phone.send_json_to({"type": "vote", "question": question.pk, "choices": [option], "cvid": str(uuid.uuid4())})
    ack = await phone.receive_json_from()
    assert (ack["type"], ack["status"], ack["code"]) == ("ack", "rejected", "closed")
    for raw, code in BAD_FRAMES:
        await phone.send_to(text_data=raw)
        error = await phone.receive_json_from()
        assert (error["type"], error["code"]) == ("error", code), raw
    await phone.send_to(bytes_data=b"\x00\x01")
    assert (await phone.receive_json_from())["code"] == "bad_frame"
    await phone.send_json_to({"type": "ping"})
    assert await phone.receive_json_from() == {"type": "pong"}
    assert not await db(Ballot.objects.exists)()


async def test_who_may_connect(hub, connect, live_session, citizen, facilitator, make_question, settings):
    await db(make_question)(live_session, visibility=Visibility.NEVER)
    # A phone that has not joined (or forged its cookie) is sent back to the join step.
    for headers in ([], [(b"cookie", f"live_{live_session.code}={uuid.uuid4()}:forged".encode())]):
        phone = await connect(live_session, headers=headers)
        assert (await phone.receive_json_from())["code"] == "not_joined"
        assert (await phone.receive_output())["code"] == 4401
    # An unknown code.
    unknown = WebsocketCommunicator(websocket_application(), "/ws/live/ZZZZZZ/", headers=[ORIGIN])
    await unknown.connect()
    assert (await unknown.receive_json_from())["code"] == "not_found"
    assert (await unknown.receive_output())["code"] == 4404
    # The presenter console needs the permission; it sees every count even when the room does not.
    refused = await connect(live_session, role="presenter", headers=[await session_cookie(citizen)])
    assert (await refused.receive_json_from())["code"] == "forbidden"
    console = await connect(live_session, role="presenter", headers=[await session_cookie(facilitator)])
    snapshot = await hello(console)
    assert (snapshot["results"]["visible"], snapshot["results"]["public"]) == (True, False)
    # The projector only watches.
    projector = await connect(live_session, role="projector")
    await projector.send_json_to({"type": "vote", "question": snapshot["question"]["id"], "choices": [1]})
    assert (await projector.receive_json_from())["code"] == "read_only"
    # A flood from one socket is slowed down.
    settings.LIVE_SOCKET_RATE = 2
    flooding = await connect(live_session, role="projector")
    replies = []
    for _ in range(8):
        await flooding.send_json_to({"type": "ping"})
        replies.append(await flooding.receive_json_from())
    assert {"type": "pong"} in replies and any(reply.get("code") == "rate_limited" for reply in replies)
    # A page of another site cannot open a socket with the visitor's cookies.
    with override_settings(ALLOWED_HOSTS=["testserver", "consultazione.example"]):
        app = websocket_application()
    path = f"/ws/live/{live_session.code}/?role=projector"
    evil = WebsocketCommunicator(app, path, headers=[(b"origin", b"https://evil.example")])
    assert (await evil.connect())[0] is False
    good = await connect(live_session, role="projector", app=app, headers=[(b"origin", b"https://consultazione.example")])
    assert (await hello(good))["session"]["code"] == live_session.code


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


async def test_socket_texts_follow_the_phone_language(connect, live_session, make_question, make_participant, facilitator):
    """Issue 15 item 12: an English phone got Italian errors (no LocaleMiddleware on a socket)."""
    question = await db(make_question)(live_session)
    alice = await db(make_participant)(live_session)
    english = await connect(live_session, participant=alice, headers=[(b"accept-language", b"en-GB,en;q=0.9")])
    await english.send_to(text_data="{not json")
    assert (await english.receive_json_from())["detail"] == "Message cannot be read (invalid JSON)."
    option = await db(lambda: question.options.first().pk)()
    await db(question_close)(user=facilitator, question=question)
    await english.receive_json_from()  # the new state
    await english.send_json_to({"type": "vote", "question": question.pk, "choices": [option], "cvid": str(uuid.uuid4())})
    ack = await english.receive_json_from()
    assert (ack["status"], ack["code"]) == ("rejected", "closed")
    assert ack["detail"] == "Voting on this question is closed."  # written by the ballot writer

    italian = await connect(live_session, participant=alice)
    await italian.send_to(text_data="{not json")
    assert (await italian.receive_json_from())["detail"] == "Messaggio non leggibile (JSON non valido)."
    projector = await connect(live_session, role="projector", headers=[(b"cookie", b"django_language=en")])
    await projector.send_json_to({"type": "vote", "question": question.pk, "choices": [option]})
    assert (await projector.receive_json_from())["detail"] == "You cannot reply from this screen."


async def test_socket_texts_follow_the_page_that_opened_it(connect, live_session, make_participant):
    """A browser may send its own Accept-Language on the handshake, not the one its pages got
    (Chromium with a per-page language): the page's `lang` the JS sends decides; an unknown one is
    ignored."""
    alice = await db(make_participant)(live_session)
    english_browser = [(b"accept-language", b"en-US,en;q=0.9")]
    italian_page = await connect(live_session, participant=alice, headers=english_browser, lang="it")
    await italian_page.send_to(text_data="{not json")
    assert (await italian_page.receive_json_from())["detail"] == "Messaggio non leggibile (JSON non valido)."
    unknown = await connect(live_session, participant=alice, headers=english_browser, lang="xx")
    await unknown.send_to(text_data="{not json")
    assert (await unknown.receive_json_from())["detail"] == "Message cannot be read (invalid JSON)."


async def test_votes_batched_together_are_refused_each_in_its_own_language(
    live_session, make_question, make_participant, facilitator
):
    """The ballot writer's batch was written in the language of the socket that started it: an
    English phone voting alongside an Italian one got the Italian refusal."""
    question = await db(make_question)(live_session)
    option = await db(lambda: question.options.first().pk)()
    voters = await db(lambda: [make_participant(live_session) for _ in range(3)])()
    await db(question_close)(user=facilitator, question=question)
    writer = BallotWriter()

    async def vote(voter, language):
        with translation.override(language):
            request = BallotRequest(
                participant_id=voter.pk, session_id=live_session.pk, question_id=question.pk, choices=[option]
            )
            return await writer.submit(request)

    results = await asyncio.gather(vote(voters[0], "it"), vote(voters[1], "en"), vote(voters[2], "it"))
    assert [result.message for result in results] == [
        "La votazione su questa domanda è chiusa.",
        "Voting on this question is closed.",
        "La votazione su questa domanda è chiusa.",
    ]

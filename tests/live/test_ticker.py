"""The coalescing ticker with an injected clock, the leader lease, and the hub's fan-out."""

import asyncio
import json
from functools import partial

import pytest
from channels.db import database_sync_to_async

from consultazione.live import writer as writer_module
from consultazione.live.hub import Hub, Socket
from consultazione.live.models import Ballot, Visibility
from consultazione.live.services import BallotRequest, ballot_cast, ballots_cast
from consultazione.live.ticker import Ticker


def count_of(results: dict, option) -> int:
    """The votes of one option in a results payload (its figures: options[].count)."""
    return next(row["count"] for row in results["options"] if row["id"] == getattr(option, "pk", option))


db = database_sync_to_async


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


class Recorder:
    def __init__(self):
        self.calls = []

    async def __call__(self, code, **frames):
        self.calls.append(frames)


def ticker(session, owner="a", clock=None, publish=None):
    return Ticker(
        session.pk,
        code=session.code,
        owner=owner,
        clock=clock or Clock(),
        period=0.1,
        audience_period=1.0,
        publish=publish or Recorder(),
    )


def cast(question, participant, option):
    return ballot_cast(participant_id=participant.pk, session_id=question.session_id, question_id=question.pk, choices=[option])


@pytest.mark.django_db(transaction=True)
async def test_one_frame_per_tick_whatever_the_votes_and_phones_throttled(live_session, make_question, make_participant):
    question = await db(make_question)(live_session, phone_visibility="live")  # one frame for every phone
    options = await db(lambda: list(question.options.values_list("pk", flat=True)))()
    voters = [await db(make_participant)(live_session) for _ in range(12)]
    clock, publish = Clock(), Recorder()
    beat = ticker(live_session, clock=clock, publish=publish)

    first = await beat.tick()
    assert {name: json.loads(frame)["type"] for name, frame in first.items()} == dict.fromkeys(
        ("staff", "projector", "phones"), "state"
    )
    assert await beat.tick() is None  # nothing changed: nothing published

    for voter in voters:
        await db(cast)(question, voter, options[0])
    clock.now += 0.1
    frames = await beat.tick()
    assert set(frames) == {"staff", "projector"}  # phones had a frame less than a second ago
    projector = json.loads(frames["projector"])
    assert projector["type"] == "result" and projector["results"]["total"] == 12
    assert projector["version"] > json.loads(first["projector"])["version"]

    clock.now += 1.0
    frames = await beat.tick()
    assert set(frames) == {"phones"}
    assert {o["id"]: o["count"] for o in json.loads(frames["phones"])["results"]["options"]}[options[0]] == 12
    assert len(publish.calls) == 3


@pytest.mark.django_db(transaction=True)
async def test_hidden_results_reach_only_the_staff(live_session, make_question, make_participant):
    question = await db(make_question)(live_session, visibility=Visibility.ON_REVEAL)
    option = await db(lambda: question.options.first().pk)()
    await db(cast)(question, await db(make_participant)(live_session), option)
    frames = await ticker(live_session).tick()
    assert {o["id"]: o["count"] for o in json.loads(frames["staff"])["results"]["options"]}[option] == 1
    audience = json.loads(frames["projector"])["results"]
    assert audience == {"question": question.pk, "round": 0, "total": 1, "visible": False}


@pytest.mark.django_db(transaction=True)
async def test_one_leader_per_session(live_session, make_question):
    await db(make_question)(live_session)
    clock = Clock()
    leader, other = ticker(live_session, owner="a", clock=clock), ticker(live_session, owner="b", clock=clock)
    assert await leader.tick()
    assert await other.tick() is None
    await db(leader.release)()
    assert await other.tick() is None  # it looks at the lease again only every third of its lifetime
    clock.now += 1.0
    taken_over = await other.tick()
    assert json.loads(taken_over["projector"])["type"] == "state"  # a new leader starts from a full state


class FakeSubscription:
    async def open(self):
        pass

    async def join(self, session_id):
        pass

    async def leave(self, session_id):
        pass

    async def receive(self):
        await asyncio.Event().wait()


async def test_a_slow_socket_does_not_hold_up_the_others():
    hub = Hub(subscription=FakeSubscription(), autostart=False)
    fast_frames, slow_frames, gate = [], [], asyncio.Event()

    async def fast_write(frame):
        fast_frames.append(frame)

    async def slow_write(frame):
        await gate.wait()  # the client stopped reading: its buffer is full
        slow_frames.append(frame)

    slow, fast = Socket(slow_write), Socket(fast_write)
    await hub.attach("ROOM77", 7, "phones", slow)
    await hub.attach("ROOM77", 7, "phones", fast)
    await hub.attach("ROOM77", 7, "projector", Socket(fast_write))
    for n in range(5):
        hub.deliver({"session": "ROOM77", "projector": f"p{n}", "phones": f"f{n}"})
    assert fast_frames[:2] == ["p0", "f0"]  # projector first
    assert [frame for frame in fast_frames if frame.startswith("f")] == ["f0", "f1", "f2", "f3", "f4"]
    assert slow_frames == []
    gate.set()
    await slow.waiting
    assert slow_frames == ["f0", "f4"]  # the one in flight, then only the newest
    await hub.shutdown()


@pytest.mark.django_db(transaction=True)
async def test_votes_arriving_together_share_one_transaction(live_session, make_question, make_participant, monkeypatch):
    question = await db(make_question)(live_session)
    option = await db(lambda: question.options.first().pk)()
    voters = [await db(make_participant)(live_session) for _ in range(20)]
    batches = []

    def recording(requests):
        batches.append(len(requests))
        return ballots_cast(requests)

    monkeypatch.setattr(writer_module, "ballots_cast", recording)
    writer = writer_module.BallotWriter()
    request = partial(BallotRequest, session_id=live_session.pk, question_id=question.pk, choices=[option])
    results = await asyncio.gather(*(writer.submit(request(participant_id=voter.pk)) for voter in voters))
    assert {result.status for result in results} == {"accepted"}
    assert batches == [20]
    assert await db(Ballot.objects.filter(question=question).count)() == 20


@pytest.mark.django_db(transaction=True)
async def test_phones_that_answered_get_their_own_frame_only_while_they_see_more(live_session, make_question, make_participant):
    """Results after answering (the default): one frame for the phones that answered (with the
    counts, and the key the hub matches) and one for the others (without); no second frame once
    the reveal shows them to every phone."""
    question = await db(make_question)(live_session, visibility="on_reveal")
    option = await db(lambda: question.options.first().pk)()
    voter = await db(make_participant)(live_session)
    clock = Clock()
    beat = ticker(live_session, clock=clock)
    first = await beat.tick()
    assert first["key"] == f"{question.pk}:0"
    assert json.loads(first["phones"])["results"]["visible"] is False
    assert json.loads(first["answered"])["results"]["visible"] is True
    await db(cast)(question, voter, option)
    clock.now += 1.0
    frames = await beat.tick()
    assert "options" not in json.loads(frames["phones"])["results"]
    assert "options" not in json.loads(frames["projector"])["results"]
    assert count_of(json.loads(frames["answered"])["results"], option) == 1
    await db(question.__class__.objects.filter(pk=question.pk).update)(revealed=True)
    clock.now += 1.0
    frames = await beat.tick()
    assert "answered" not in frames and "key" not in frames
    assert count_of(json.loads(frames["phones"])["results"], option) == 1

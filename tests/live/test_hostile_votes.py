"""One live participant cannot fail other people's votes.

Votes are written in group-commit batches (live.writer). Before: a vote for question 10**30
overflowed SQLite's driver inside the batch's transaction, every vote of that batch came back
"unavailable" (18 of 120 in the report) and phones do not retry them. Now a malformed vote is
refused before the batch (live.protocol, services.ballots) and a batch that still fails is written
again one vote at a time, so only the bad vote fails.
"""

import asyncio
import json
from functools import partial

import pytest
from channels.db import database_sync_to_async

from consultazione.core.exceptions import DomainError
from consultazione.live import writer as writer_module
from consultazione.live.models import Ballot, Option
from consultazione.live.services.ballots import BallotRequest, Cast, ballots_cast

pytestmark = pytest.mark.django_db(transaction=True)

db = database_sync_to_async
HONEST = 120
HUGE = 10**30


@pytest.fixture
async def room(live_session, make_question, make_participant):
    question = await db(make_question)(live_session)
    option = await db(lambda: question.options.first().pk)()
    voters = await db(lambda: [make_participant(live_session) for _ in range(HONEST + 3)])()
    return question, option, voters


async def _counted(question, option) -> tuple[int, int]:
    ballots = await db(Ballot.objects.filter(question=question).count)()
    return ballots, await db(lambda: Option.objects.get(pk=option).count)()


async def test_hostile_votes_in_the_same_batch_fail_alone(live_session, room):
    question, option, voters = room
    honest, (mallory, trudy, eve) = voters[:HONEST], voters[HONEST:]
    vote = partial(BallotRequest, session_id=live_session.pk, question_id=question.pk, choices=[option])
    hostile = [
        vote(participant_id=mallory.pk, question_id=HUGE),
        vote(participant_id=trudy.pk, choices=[HUGE]),
        vote(participant_id=eve.pk, words=["tre\x00ni"]),
        vote(participant_id=2**64),
        vote(participant_id=eve.pk, session_id=-1),
    ]
    requests = (
        [vote(participant_id=voter.pk) for voter in honest[:60]] + hostile + [vote(participant_id=v.pk) for v in honest[60:]]
    )
    writer = writer_module.BallotWriter()
    results = await asyncio.gather(*(writer.submit(request) for request in requests))
    refused = [result for request, result in zip(requests, results, strict=True) if request in hostile]
    accepted = [result for request, result in zip(requests, results, strict=True) if request not in hostile]
    assert [(type(result), result.status) for result in accepted] == [(Cast, "accepted")] * HONEST
    assert all(isinstance(result, DomainError) and result.code == "invalid" for result in refused)
    assert await _counted(question, option) == (HONEST, HONEST)


async def test_a_batch_that_fails_anyway_is_written_one_vote_at_a_time(live_session, room, monkeypatch):
    question, option, voters = room
    poisoned = voters[-1].pk

    def failing_on_the_poisoned_vote(requests):  # a vote the database refuses, whatever the reason
        if any(request.participant_id == poisoned for request in requests):
            raise RuntimeError("the database refused one value")
        return ballots_cast(requests)

    monkeypatch.setattr(writer_module, "ballots_cast", failing_on_the_poisoned_vote)
    vote = partial(BallotRequest, session_id=live_session.pk, question_id=question.pk, choices=[option])
    requests = [vote(participant_id=voter.pk) for voter in voters[: HONEST // 2]]
    requests += [vote(participant_id=poisoned)] + [vote(participant_id=voter.pk) for voter in voters[HONEST // 2 : HONEST]]
    writer = writer_module.BallotWriter()
    results = await asyncio.gather(*(writer.submit(request) for request in requests))
    by_voter = {request.participant_id: result for request, result in zip(requests, results, strict=True)}
    assert isinstance(by_voter.pop(poisoned), RuntimeError)
    assert {(type(result), result.status) for result in by_voter.values()} == {(Cast, "accepted")}
    assert len(by_voter) == HONEST
    assert await _counted(question, option) == (HONEST, HONEST)


async def test_120_phones_and_three_hostile_ones_over_the_socket(connect, live_session, room, settings):
    settings.LIVE_SOCKET_RATE = 1000
    question, option, voters = room
    phones = [await connect(live_session, participant=voter) for voter in voters]
    frames = [{"type": "vote", "question": question.pk, "choices": [option], "cvid": None} for _ in range(HONEST)]
    frames += [
        {"type": "vote", "question": HUGE, "choices": [option]},
        {"type": "vote", "question": question.pk, "choices": [HUGE]},
        {"type": "entry", "question": HUGE, "text": "ciao"},
    ]
    for phone, frame in zip(phones, frames, strict=True):  # all sent before any ack is read: one batch
        await phone.send_to(text_data=json.dumps({k: v for k, v in frame.items() if v is not None}))
    replies = await asyncio.gather(*(phone.receive_json_from(timeout=30) for phone in phones))
    assert [(reply["type"], reply["status"]) for reply in replies[:HONEST]] == [("ack", "accepted")] * HONEST
    assert [(reply["type"], reply["code"]) for reply in replies[HONEST:]] == [("error", "bad_frame")] * 3
    assert await _counted(question, option) == (HONEST, HONEST)
    for phone in phones[HONEST:]:  # the hostile phones are still connected
        await phone.send_json_to({"type": "ping"})
        assert await phone.receive_json_from() == {"type": "pong"}

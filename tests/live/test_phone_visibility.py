"""Who receives the figures (issue 15, item 4): the projector and the phones each have their own
setting, and a phone never receives counts it may not show — checked on the frames written to
real sockets (the hub's per-connection choice, the snapshot of a reconnecting phone)."""

import asyncio

import pytest
from channels.db import database_sync_to_async

from consultazione.live.models import Entry, Kind, PhoneVisibility, Visibility
from consultazione.live.services import entry_moderate, question_reveal

from .test_consumers import hello


def count_of(results: dict, option) -> int:
    """The votes of one option in a results payload (its figures: options[].count)."""
    return next(row["count"] for row in results["options"] if row["id"] == getattr(option, "pk", option))


pytestmark = pytest.mark.django_db(transaction=True)

db = database_sync_to_async


async def vote(phone, question, option):
    await phone.send_json_to({"type": "vote", "question": question.pk, "choices": [option]})
    ack = await phone.receive_json_from()
    assert ack["status"] == "accepted", ack


async def room(connect, live_session, make_participant):
    projector = await connect(live_session, role="projector")
    alice = await db(make_participant)(live_session)
    bruno = await db(make_participant)(live_session)
    answering = await connect(live_session, participant=alice)
    watching = await connect(live_session, participant=bruno)
    snapshots = [await hello(socket) for socket in (projector, answering, watching)]
    return projector, answering, watching, snapshots


async def tick_frames(hub, live_session, *sockets):
    assert await hub.ticker(live_session.code).tick()
    return [(await socket.receive_json_from())["results"] for socket in sockets]


async def test_after_answering_by_default_the_projector_live_and_a_waiting_phone_sees_no_figures(
    hub, connect, live_session, make_question, make_participant
):
    question = await db(make_question)(live_session)  # the defaults: projector live, phones after answering
    projector, answering, watching, snapshots = await room(connect, live_session, make_participant)
    assert snapshots[0]["results"]["visible"] is True
    assert [s["results"]["visible"] for s in snapshots[1:]] == [False, False]
    assert "options" not in snapshots[2]["results"]
    option = snapshots[1]["question"]["options"][0]["id"]
    await vote(answering, question, option)
    on_projector, on_answering, on_watching = await tick_frames(hub, live_session, projector, answering, watching)
    assert count_of(on_projector, option) == 1
    assert on_answering["visible"] is True and count_of(on_answering, option) == 1
    assert on_watching == {"question": question.pk, "round": 0, "total": 1, "visible": False}
    # After a reconnect the phone that answered still sees them, the other still does not.
    assert count_of((await hello(answering))["results"], option) == 1
    assert "options" not in (await hello(watching))["results"]


async def test_phones_live_even_before_answering(hub, connect, live_session, make_question, make_participant):
    question = await db(make_question)(live_session, phone_visibility=PhoneVisibility.LIVE, visibility=Visibility.ON_REVEAL)
    projector, answering, watching, snapshots = await room(connect, live_session, make_participant)
    assert [s["results"]["visible"] for s in snapshots] == [False, True, True]
    option = snapshots[1]["question"]["options"][1]["id"]
    await vote(answering, question, option)
    on_projector, on_answering, on_watching = await tick_frames(hub, live_session, projector, answering, watching)
    assert "options" not in on_projector
    assert on_answering["options"] == on_watching["options"] and count_of(on_watching, option) == 1


async def test_phones_never_even_after_answering(hub, connect, live_session, make_question, make_participant, facilitator):
    question = await db(make_question)(live_session, phone_visibility=PhoneVisibility.NEVER)
    projector, answering, watching, snapshots = await room(connect, live_session, make_participant)
    option = snapshots[1]["question"]["options"][0]["id"]
    await vote(answering, question, option)
    on_projector, on_answering, on_watching = await tick_frames(hub, live_session, projector, answering, watching)
    assert count_of(on_projector, option) == 1
    assert "options" not in on_answering and "options" not in on_watching
    assert "options" not in (await hello(answering))["results"]


async def test_phones_only_when_revealed(hub, connect, live_session, make_question, make_participant, facilitator):
    question = await db(make_question)(live_session, phone_visibility=PhoneVisibility.ON_REVEAL)
    projector, answering, watching, snapshots = await room(connect, live_session, make_participant)
    option = snapshots[1]["question"]["options"][0]["id"]
    await vote(answering, question, option)
    on_projector, on_answering, on_watching = await tick_frames(hub, live_session, projector, answering, watching)
    assert count_of(on_projector, option) == 1
    assert "options" not in on_answering and "options" not in on_watching
    await db(question_reveal)(user=facilitator, question=question)
    for socket in (answering, watching):
        frame = await socket.receive_json_from()
        assert frame["type"] == "state" and count_of(frame["results"], option) == 1


async def test_a_refused_answer_does_not_open_the_figures(hub, connect, live_session, make_question, make_participant):
    question = await db(make_question)(live_session)
    other = await db(make_question)(live_session, labels=("X", "Y"), open=False)
    projector, answering, watching, snapshots = await room(connect, live_session, make_participant)
    foreign = await db(lambda: other.options.first().pk)()
    await answering.send_json_to({"type": "vote", "question": question.pk, "choices": [foreign]})
    assert (await answering.receive_json_from())["status"] == "rejected"
    await vote(watching, question, snapshots[2]["question"]["options"][0]["id"])
    _on_projector, on_refused, on_voter = await tick_frames(hub, live_session, projector, answering, watching)
    assert "options" not in on_refused and on_voter["visible"] is True


async def test_a_moderated_text_reaches_its_author_only(hub, connect, live_session, make_question, make_participant, facilitator):
    question = await db(make_question)(live_session, kind=Kind.OPEN_TEXT, labels=(), max_choices=2)
    _projector, author, other, _snapshots = await room(connect, live_session, make_participant)
    await author.send_json_to({"type": "entry", "question": question.pk, "text": "Più treni la sera"})
    ack = await author.receive_json_from()
    assert ack["status"] == "accepted"
    entry = await db(Entry.objects.get)(pk=ack["entry"])
    await db(entry_moderate)(user=facilitator, entry=entry, action="reject")
    frame = await author.receive_json_from()
    assert frame["type"] == "mine"
    assert frame["me"]["entries"] == [{"id": entry.pk, "text": "Più treni la sera", "status": "rejected"}]
    assert await other.receive_nothing(timeout=0.2)
    await db(entry_moderate)(user=facilitator, entry=entry, action="approve")
    assert (await author.receive_json_from())["me"]["entries"][0]["status"] == "approved"
    await asyncio.sleep(0)

"""The HTTP fallback (snapshot, commands) and the facilitators' API, through DRF's APIClient."""

import json
import uuid

import pytest
from rest_framework.test import APIClient

from consultazione.core import personal_data
from consultazione.live import cookies
from consultazione.live.models import Ballot, Entry, Kind
from consultazione.live.services import entry_moderate, participant_join, question_close

pytestmark = pytest.mark.django_db


@pytest.fixture
def phone(live_session):
    """An API client carrying a participant cookie, as the phone page would."""
    participant = participant_join(session=live_session)
    client = APIClient()
    client.cookies[cookies.name(live_session.code)] = cookies.signed(participant.token, code=live_session.code)
    client.participant = participant
    return client


def post(client, session, frame):
    return client.post(f"/api/v1/live/sessions/{session.code}/commands/", json.dumps(frame), content_type="application/json")


def test_snapshot_then_304_while_nothing_changes(phone, live_session, make_question):
    question = make_question(live_session)
    response = phone.get(f"/api/v1/live/sessions/{live_session.code}/snapshot/")
    frame = response.json()
    assert frame["type"] == "snapshot" and frame["question"]["id"] == question.pk
    assert frame["me"]["choices"] == []
    again = phone.get(f"/api/v1/live/sessions/{live_session.code}/snapshot/?since={frame['version']}")
    assert again.status_code == 304


def test_vote_by_http_gets_the_same_ack_and_is_idempotent(phone, live_session, make_question):
    question = make_question(live_session)
    option = question.options.first().pk
    frame = {"type": "vote", "question": question.pk, "choices": [option], "cvid": str(uuid.uuid4())}
    first, again = post(phone, live_session, frame), post(phone, live_session, frame)
    assert first.status_code == again.status_code == 200
    assert first.json()["status"] == again.json()["status"] == "accepted"
    assert Ballot.objects.count() == 1


def test_http_refusals_store_nothing(phone, live_session, make_question, facilitator):
    question = make_question(live_session)
    other = make_question(live_session, labels=("X", "Y"))
    foreign = {"type": "vote", "question": question.pk, "choices": [other.options.first().pk]}
    response = post(phone, live_session, foreign)
    assert (response.status_code, response.json()["code"]) == (400, "unknown_option")
    question_close(user=facilitator, question=question)
    response = post(phone, live_session, {"type": "vote", "question": question.pk, "choices": [question.options.first().pk]})
    assert (response.status_code, response.json()["code"]) == (409, "closed")
    response = phone.post(f"/api/v1/live/sessions/{live_session.code}/commands/", "{nope", content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "bad_json")
    assert not Ballot.objects.exists()


def test_commands_need_the_participant_cookie(live_session, make_question):
    question = make_question(live_session)
    response = post(APIClient(), live_session, {"type": "vote", "question": question.pk, "choices": [1]})
    assert (response.status_code, response.json()["code"]) == (403, "not_joined")


def test_http_votes_are_rate_limited(phone, live_session, make_question, settings):
    settings.LIVE_HTTP_VOTE_RATE = "2/60"
    question = make_question(live_session)
    frame = {"type": "vote", "question": question.pk, "choices": [question.options.first().pk]}
    assert [post(phone, live_session, frame).status_code for _ in range(3)] == [200, 200, 429]


def test_facilitators_read_sessions_and_results(live_session, make_question, facilitator, citizen):
    question = make_question(live_session)
    question_close(user=facilitator, question=question)
    client = APIClient()
    client.force_authenticate(citizen)
    assert client.get("/api/v1/live/sessions/").status_code == 403
    client.force_authenticate(facilitator)
    listed = client.get("/api/v1/live/sessions/").json()
    assert listed["results"][0]["code"] == live_session.code
    detail = client.get(f"/api/v1/live/sessions/{live_session.code.lower()}/").json()
    assert detail["questions"][0]["state"] == "closed"
    results = client.get(f"/api/v1/live/sessions/{live_session.code}/results/").json()
    assert results[0]["total"] == 0 and len(results[0]["options"]) == 3


def test_personal_data_export_and_erase(live_session, make_question, citizen):
    question = make_question(live_session)
    participant = participant_join(session=live_session, user=citizen)
    from consultazione.live.services import ballot_cast

    ballot_cast(
        participant_id=participant.pk, session_id=live_session.pk, question_id=question.pk, choices=[question.options.first().pk]
    )
    exported = personal_data.export_for(citizen)["live"]
    assert exported[0]["session"] == live_session.code
    assert exported[0]["answers"][0]["choices"] == ["Sì"]
    personal_data.erase_for(citizen)
    participant.refresh_from_db()
    assert participant.user is None
    assert Ballot.objects.count() == 1


ANSWERS = {
    Kind.SINGLE: lambda q: {"type": "vote", "question": q.pk, "choices": [q.options.first().pk]},
    Kind.MULTIPLE: lambda q: {"type": "vote", "question": q.pk, "choices": [o.pk for o in q.options.all()[:2]]},
    Kind.RANKING: lambda q: {"type": "vote", "question": q.pk, "choices": [o.pk for o in q.options.all()]},
    Kind.SCALE: lambda q: {"type": "vote", "question": q.pk, "choices": [q.options.last().pk]},
    Kind.WORDCLOUD: lambda q: {"type": "vote", "question": q.pk, "words": ["treni", "bus"]},
    Kind.OPEN_TEXT: lambda q: {"type": "entry", "question": q.pk, "text": "Più corse la sera."},
    Kind.QA: lambda q: {"type": "entry", "question": q.pk, "text": "Quando partono i lavori?"},
    Kind.YESNO: lambda q: {"type": "vote", "question": q.pk, "choices": [q.options.first().pk]},
}
SPECS = {
    Kind.MULTIPLE: {"max_choices": 2},
    Kind.SCALE: {"labels": (), "scale_max": 5, "scale_min_label": "Per nulla", "scale_max_label": "Molto"},
    Kind.WORDCLOUD: {"labels": (), "max_choices": 3},
    Kind.OPEN_TEXT: {"labels": ()},
    Kind.QA: {"labels": (), "max_choices": 2},
    Kind.YESNO: {"labels": (), "quorum": 2},
}


@pytest.mark.parametrize("visibility", ["live", "on_reveal"])
@pytest.mark.parametrize("kind", list(Kind))
def test_fallback_frames_of_every_kind_are_as_documented(phone, live_session, make_question, facilitator, kind, visibility):
    """The ack and the snapshot (with `me`, counts or hidden results, texts) of each kind match the
    OpenAPI document: the suite-wide hook (tests/api_contract.py) fails the request otherwise."""
    question = make_question(live_session, kind=kind, phone_visibility=visibility, **SPECS.get(kind, {}))
    ack = post(phone, live_session, {**ANSWERS[kind](question), "cvid": str(uuid.uuid4())})
    assert (ack.status_code, ack.json()["status"]) == (200, "accepted")
    for entry in Entry.objects.filter(question=question):
        entry_moderate(user=facilitator, entry=entry, action="approve")
    frame = phone.get(f"/api/v1/live/sessions/{live_session.code}/snapshot/").json()
    assert frame["question"]["kind"] == kind and frame["me"]["question"] == question.pk
    assert frame["results"]["total"] == 1 and frame["results"]["visible"] is (visibility == "live")
    if kind == Kind.QA:
        entry = Entry.objects.get(question=question)
        upvote = post(APIClient(), live_session, {"type": "upvote", "entry": entry.pk})
        assert (upvote.status_code, upvote.json()["code"]) == (403, "not_joined")


def test_snapshot_with_nothing_on_screen_and_without_cookie(live_session):
    frame = APIClient().get(f"/api/v1/live/sessions/{live_session.code}/snapshot/").json()
    assert frame["question"] is None and frame["results"] is None and "me" not in frame


def test_unknown_session_is_a_json_404(phone):
    response = phone.get("/api/v1/live/sessions/ZZZZZZ/snapshot/")
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")

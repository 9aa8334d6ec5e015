"""The presenter console's commands (issue 15, item 1 and "Bad input"): through the API's
`commands` operation, as the console's script sends them, and through the plain forms.

Every refusal answers 403/404/409 with a message and changes nothing."""

import json
import logging

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from consultazione.live.commands import MODERATION_ACTIONS, QUESTION_ACTIONS, SESSION_ACTIONS
from consultazione.live.models import Entry, EntryStatus, Kind, LiveSession, Question, State
from consultazione.live.services import entry_submit, participant_join, session_create, session_end

pytestmark = pytest.mark.django_db


def command(client, session, frame):
    return client.post(f"/api/v1/live/sessions/{session.code}/commands/", json.dumps(frame), content_type="application/json")


@pytest.fixture
def console(facilitator):
    client = APIClient()
    client.force_login(facilitator)
    return client


@pytest.fixture
def three(live_session, make_question):
    """Three drafts, the first on screen and open."""
    questions = [make_question(live_session, text=f"Domanda {n}", open=n == 1) for n in (1, 2, 3)]
    return questions


def states(session):
    return list(Question.objects.filter(session=session).order_by("position").values_list("state", flat=True))


def on_screen(session):
    return LiveSession.objects.get(pk=session.pk).current_question_id


def test_next_closes_the_question_on_screen_and_answers_every_state(console, live_session, three):
    response = command(console, live_session, {"type": "control", "action": "next"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["type"] == "done" and body["session"] == {"ended": False, "join": False, "question": three[1].pk}
    assert [q["state"] for q in body["questions"]] == [State.CLOSED, State.OPEN, State.DRAFT]
    assert states(live_session) == [State.CLOSED, State.OPEN, State.DRAFT]


def test_next_can_keep_the_question_open_on_purpose(console, live_session, three):
    response = command(console, live_session, {"type": "control", "action": "next", "keep_open": True})
    assert response.status_code == 200
    assert states(live_session) == [State.OPEN, State.OPEN, State.DRAFT]
    response = command(console, live_session, {"type": "control", "action": "next"})  # the default closes again
    assert states(live_session) == [State.CLOSED, State.CLOSED, State.OPEN]


def test_next_on_the_last_question_says_so_and_changes_nothing(console, live_session, three):
    for _ in range(2):
        command(console, live_session, {"type": "control", "action": "next"})
    before = (states(live_session), on_screen(live_session))
    response = command(console, live_session, {"type": "control", "action": "next"})
    assert response.status_code == 409
    assert response.json()["code"] == "last_question"
    assert "ultima domanda" in response.json()["detail"]
    assert (states(live_session), on_screen(live_session)) == before


def test_previous_shows_the_earlier_question_without_changing_states(console, live_session, three):
    command(console, live_session, {"type": "control", "action": "next"})
    response = command(console, live_session, {"type": "control", "action": "previous"})
    assert response.status_code == 200
    assert on_screen(live_session) == three[0].pk
    assert states(live_session) == [State.CLOSED, State.OPEN, State.DRAFT]
    response = command(console, live_session, {"type": "control", "action": "previous"})
    assert (response.status_code, response.json()["code"]) == (409, "first_question")
    assert on_screen(live_session) == three[0].pk


def test_question_commands_and_the_join_screen(console, live_session, three):
    assert command(console, live_session, {"type": "control", "action": "close", "question": three[0].pk}).status_code == 200
    assert command(console, live_session, {"type": "control", "action": "open", "question": three[2].pk}).status_code == 200
    assert states(live_session) == [State.CLOSED, State.DRAFT, State.OPEN]
    response = command(console, live_session, {"type": "control", "action": "join_screen"})
    assert response.json()["session"]["join"] is True
    response = command(console, live_session, {"type": "control", "action": "reset", "question": three[2].pk})
    assert response.status_code == 200 and states(live_session) == [State.CLOSED, State.DRAFT, State.DRAFT]


def test_end_closes_everything_then_every_command_is_refused(console, live_session, three):
    response = command(console, live_session, {"type": "control", "action": "end"})
    assert response.status_code == 200 and response.json()["session"]["ended"] is True
    assert states(live_session) == [State.CLOSED, State.DRAFT, State.DRAFT]
    for frame in (
        {"type": "control", "action": "next"},
        {"type": "control", "action": "open", "question": three[1].pk},
        {"type": "control", "action": "end"},
    ):
        response = command(console, live_session, frame)
        assert response.status_code == 409, frame
        assert response.json()["code"] == "ended" and "conclusa" in response.json()["detail"]
    assert states(live_session) == [State.CLOSED, State.DRAFT, State.DRAFT]


@pytest.mark.parametrize("who", ["anonymous", "citizen", "participant"])
def test_commands_of_someone_who_does_not_run_the_session_are_refused(who, live_session, three, citizen):
    client = APIClient()
    if who == "citizen":
        client.force_login(citizen)
    elif who == "participant":
        from consultazione.live import cookies

        participant = participant_join(session=live_session)
        client.cookies[cookies.name(live_session.code)] = cookies.signed(participant.token, code=live_session.code)
    for frame in (
        {"type": "control", "action": "next"},
        {"type": "control", "action": "end"},
        {"type": "control", "action": "reset", "question": three[0].pk},
    ):
        response = command(client, live_session, frame)
        assert (response.status_code, response.json()["code"]) == (403, "forbidden"), frame
        assert response.json()["detail"]
    assert states(live_session) == [State.OPEN, State.DRAFT, State.DRAFT]
    assert LiveSession.objects.get(pk=live_session.pk).ended_at is None


def test_a_question_or_entry_of_another_session_is_not_found(console, facilitator, live_session, three, make_question):
    other = session_create(user=facilitator, title="Altra sessione")
    foreign = make_question(other, text="Di un'altra sessione")
    for frame in (
        {"type": "control", "action": "close", "question": foreign.pk},
        {"type": "control", "action": "close", "question": 987654},
    ):
        response = command(console, live_session, frame)
        assert (response.status_code, response.json()["code"]) == (404, "unknown_question")
    assert Question.objects.get(pk=foreign.pk).state == State.OPEN
    response = command(console, live_session, {"type": "moderate", "action": "approve", "entry": 987654})
    assert (response.status_code, response.json()["code"]) == (404, "unknown_entry")


def test_malformed_commands_are_refused(console, live_session, three):
    for frame, code in (
        ({"type": "control", "action": "explode"}, "unknown_action"),
        ({"type": "control", "action": ["next"]}, "unknown_action"),
        ({"type": "control", "action": {"next": 1}}, "unknown_action"),
        ({"type": "moderate", "action": ["approve"], "entry": 1}, "unknown_action"),
        ({"type": "control", "action": "close"}, "bad_frame"),
        ({"type": "control", "action": "close", "question": "1"}, "bad_frame"),
        ({"type": "control", "action": "next", "keep_open": "yes"}, "bad_frame"),
        ({"type": "moderate", "action": "delete", "entry": 1}, "unknown_action"),
    ):
        response = command(console, live_session, frame)
        assert (response.status_code, response.json()["code"]) == (400, code), frame
    assert states(live_session) == [State.OPEN, State.DRAFT, State.DRAFT]


def test_moderation_through_the_commands(console, live_session, make_question):
    question = make_question(live_session, kind=Kind.OPEN_TEXT, labels=())
    participant = participant_join(session=live_session)
    entry_id = entry_submit(
        participant_id=participant.pk, session_id=live_session.pk, question_id=question.pk, text="Più piste ciclabili"
    ).entry_id
    response = command(console, live_session, {"type": "moderate", "action": "approve", "entry": entry_id})
    assert response.status_code == 200 and response.json()["status"] == EntryStatus.APPROVED
    assert Entry.objects.get(pk=entry_id).status == EntryStatus.APPROVED


def test_moderation_of_an_ended_session_is_refused_and_changes_nothing(console, live_session, make_question):
    question = make_question(live_session, kind=Kind.OPEN_TEXT, labels=())
    participant = participant_join(session=live_session)
    entry_id = entry_submit(
        participant_id=participant.pk, session_id=live_session.pk, question_id=question.pk, text="Più piste ciclabili"
    ).entry_id
    assert command(console, live_session, {"type": "control", "action": "end"}).status_code == 200
    response = command(console, live_session, {"type": "moderate", "action": "approve", "entry": entry_id})
    assert response.status_code == 409 and response.json()["code"] == "ended"
    assert Entry.objects.get(pk=entry_id).status == EntryStatus.PENDING


# --- the plain forms (no JavaScript) ------------------------------------------------------------


def test_forms_refuse_a_non_facilitator_and_an_unknown_question(client, citizen, facilitator, live_session, three):
    client.force_login(citizen)
    url = reverse("live:session_control", kwargs={"code": live_session.code, "action": "next"})
    assert client.post(url).status_code == 403
    client.force_login(facilitator)
    url = reverse("live:question_control", kwargs={"code": live_session.code, "pk": 987654, "action": "close"})
    assert client.post(url).status_code == 404
    assert states(live_session) == [State.OPEN, State.DRAFT, State.DRAFT]


def test_forms_show_the_refusal_in_the_console(client, facilitator, live_session, three):
    client.force_login(facilitator)
    next_url = reverse("live:session_control", kwargs={"code": live_session.code, "action": "next"})
    for _ in range(2):
        client.post(next_url)
    page = client.post(next_url, follow=True)
    assert "ultima domanda" in page.content.decode()
    session_end(user=facilitator, session=live_session)
    page = client.post(reverse("live:session_control", kwargs={"code": live_session.code, "action": "previous"}), follow=True)
    assert "La sessione è conclusa." in page.content.decode()
    assert states(live_session) == [State.CLOSED, State.CLOSED, State.CLOSED]


def test_the_form_next_keeps_the_question_open_when_asked(client, facilitator, live_session, three):
    client.force_login(facilitator)
    client.post(reverse("live:session_control", kwargs={"code": live_session.code, "action": "next"}), {"keep_open": "on"})
    assert states(live_session) == [State.OPEN, State.OPEN, State.DRAFT]


def test_a_command_without_the_csrf_token_is_refused(facilitator, live_session, three):
    """A page of another site cannot make the facilitator's browser run a command."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(facilitator)
    response = command(client, live_session, {"type": "control", "action": "end"})
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert LiveSession.objects.get(pk=live_session.pk).ended_at is None


def test_a_frame_whose_type_is_not_a_string_is_a_400_not_a_500(console, live_session, three):
    for frame in ({"type": ["control"], "action": "end"}, {"type": {"a": 1}}, ["control"]):
        response = command(console, live_session, frame)
        assert response.status_code in (400, 403), (frame, response.status_code)
    assert LiveSession.objects.get(pk=live_session.pk).ended_at is None


ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
ACTIONS = sorted({*SESSION_ACTIONS, *QUESTION_ACTIONS, *MODERATION_ACTIONS})


def test_fuzzed_console_commands_never_get_a_5xx(console, live_session, three, caplog):
    """Any field of any type in a control or moderation command: an answer below 500, no ERROR logged."""

    @hypothesis_settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(
        kind=st.sampled_from(["control", "moderate"]),
        action=st.one_of(st.sampled_from(ACTIONS), ANY_VALUE),
        fields=st.dictionaries(
            st.sampled_from(["question", "entry", "keep_open"]), st.one_of(ANY_VALUE, st.sampled_from([q.pk for q in three]))
        ),
    )
    def one(kind, action, fields):
        caplog.clear()
        response = command(console, live_session, {"type": kind, "action": action, **fields})
        assert response.status_code in (200, 400, 403, 404, 409), (action, fields, response.content)
        assert response.status_code == 200 or response.json()["detail"]
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []

    one()

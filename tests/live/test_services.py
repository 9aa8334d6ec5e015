"""Services of the live app: joining, voting, changing a vote, closing (race included), resetting."""

import threading
import uuid
from functools import partial

import pytest
from django.db import close_old_connections, connection

from consultazione.core.exceptions import Conflict, InvalidInput, PermissionDenied
from consultazione.live import selectors
from consultazione.live.models import Ballot, Entry, JoinMode, Kind, Option, Participant, State
from consultazione.live.services import (
    BallotRequest,
    ballot_cast,
    ballots_cast,
    checkin_codes_generate,
    entry_moderate,
    entry_submit,
    entry_upvote,
    participant_join,
    question_close,
    question_open,
    question_reset,
    session_create,
    session_end,
)

pytestmark = pytest.mark.django_db


def vote(participant, question, choices=None, **kwargs):
    return ballot_cast(
        participant_id=participant.pk, session_id=question.session_id, question_id=question.pk, choices=choices, **kwargs
    )


def counts(question):
    return dict(Option.objects.filter(question=question).values_list("label", "count"))


def test_a_citizen_cannot_create_a_session(citizen):
    with pytest.raises(PermissionDenied):
        session_create(user=citizen, title="Prova")


def test_session_code_is_six_unambiguous_characters(live_session):
    assert len(live_session.code) == 6
    assert not set(live_session.code) & set("01OIL")


def test_join_again_with_the_same_token_is_the_same_participant(live_session, make_participant):
    first = make_participant(live_session)
    assert participant_join(session=live_session, token=first.token) == first
    assert Participant.objects.filter(session=live_session).count() == 1


def test_login_mode_refuses_anonymous_and_reuses_the_account(live_session, citizen):
    live_session.join_mode = JoinMode.LOGIN
    live_session.save()
    with pytest.raises(PermissionDenied):
        participant_join(session=live_session)
    first = participant_join(session=live_session, user=citizen)
    assert participant_join(session=live_session, user=citizen) == first


def test_checkin_code_is_single_use(live_session, facilitator):
    live_session.join_mode = JoinMode.CHECKIN
    live_session.save()
    [code] = checkin_codes_generate(user=facilitator, session=live_session, count=1)
    with pytest.raises(InvalidInput):
        participant_join(session=live_session, checkin_code="WRONG123")
    participant_join(session=live_session, checkin_code=code.lower())
    with pytest.raises(Conflict):
        participant_join(session=live_session, checkin_code=code)
    assert Participant.objects.filter(session=live_session).count() == 1


def test_vote_and_change_move_the_counters(live_session, make_question, make_participant):
    question = make_question(live_session)
    yes, no, _maybe = question.options.all()
    alice, bob = make_participant(live_session), make_participant(live_session)
    assert vote(alice, question, [yes.pk]).status == "accepted"
    vote(bob, question, [yes.pk])
    assert counts(question) == {"Sì": 2, "No": 0, "Non so": 0}
    vote(alice, question, [no.pk])
    assert counts(question) == {"Sì": 1, "No": 1, "Non so": 0}
    assert vote(alice, question, [no.pk]).status == "unchanged"
    assert Ballot.objects.filter(question=question).count() == 2


def test_retry_with_the_same_client_vote_id_counts_once(live_session, make_question, make_participant):
    question = make_question(live_session)
    yes = question.options.first()
    alice = make_participant(live_session)
    cvid = uuid.uuid4()
    first = vote(alice, question, [yes.pk], client_vote_id=cvid)
    again = vote(alice, question, [yes.pk], client_vote_id=cvid)
    assert (first.status, again.status, again.duplicate) == ("accepted", "accepted", True)
    assert counts(question)["Sì"] == 1


def test_a_batch_judges_each_vote_on_its_own(live_session, make_question, make_participant, facilitator):
    question = make_question(live_session)
    closed = question_close(user=facilitator, question=make_question(live_session, labels=("X", "Y")))
    yes, no, _ = question.options.values_list("pk", flat=True)
    alice, bob = make_participant(live_session), make_participant(live_session)
    request = partial(BallotRequest, session_id=live_session.pk, question_id=question.pk)
    results = ballots_cast(
        [
            request(participant_id=alice.pk, choices=[yes]),
            request(participant_id=bob.pk, question_id=closed.pk, choices=[closed.options.first().pk]),
            request(participant_id=alice.pk, choices=[no]),  # changes her vote within the same batch
            request(participant_id=bob.pk, choices=[closed.options.first().pk]),
        ]
    )
    assert [getattr(r, "status", None) or r.code for r in results] == ["accepted", "closed", "accepted", "unknown_option"]
    assert counts(question) == {"Sì": 0, "No": 1, "Non so": 0}
    assert list(Ballot.objects.values_list("participant_id", "choices")) == [(alice.pk, [no])]


def test_final_question_refuses_a_second_vote(live_session, make_question, make_participant):
    question = make_question(live_session, changeable=False)
    yes, no, _ = question.options.all()
    alice = make_participant(live_session)
    vote(alice, question, [yes.pk])
    with pytest.raises(Conflict) as refused:
        vote(alice, question, [no.pk])
    assert refused.value.code == "already_voted"
    assert counts(question) == {"Sì": 1, "No": 0, "Non so": 0}


@pytest.mark.parametrize(
    ("choices", "code"),
    [
        ([], "empty"),
        (["same", "same"], "duplicate_choice"),
        (["a", "b", "c"], "too_many_choices"),
        (["foreign"], "unknown_option"),
    ],
)
def test_bad_choices_store_nothing(live_session, make_question, make_participant, choices, code):
    question = make_question(live_session, kind=Kind.MULTIPLE, max_choices=2)
    other = make_question(live_session, labels=("X", "Y"))
    ids = list(question.options.values_list("pk", flat=True))
    mapping = {"same": ids[0], "a": ids[0], "b": ids[1], "c": ids[2], "foreign": other.options.first().pk}
    with pytest.raises(InvalidInput) as refused:
        vote(make_participant(live_session), question, [mapping[name] for name in choices])
    assert refused.value.code == code
    assert not Ballot.objects.exists()
    assert set(Option.objects.values_list("count", flat=True)) == {0}


def test_vote_on_a_closed_or_draft_question_is_refused(live_session, make_question, make_participant, facilitator):
    draft = make_question(live_session, open=False)
    alice = make_participant(live_session)
    with pytest.raises(Conflict) as refused:
        vote(alice, draft, [draft.options.first().pk])
    assert refused.value.code == "not_open"
    question = make_question(live_session)
    question_close(user=facilitator, question=question)
    with pytest.raises(Conflict) as refused:
        vote(alice, question, [question.options.first().pk])
    assert refused.value.code == "closed"
    assert not Ballot.objects.exists()


def test_a_participant_cannot_vote_in_another_session(live_session, make_question, make_participant, facilitator):
    question = make_question(live_session)
    elsewhere = make_participant(session_create(user=facilitator, title="Altra"))
    with pytest.raises(InvalidInput):
        ballot_cast(
            participant_id=elsewhere.pk,
            session_id=elsewhere.session_id,
            question_id=question.pk,
            choices=[question.options.first().pk],
        )


def test_ranking_gives_borda_points_and_needs_every_option(live_session, make_question, make_participant):
    question = make_question(live_session, kind=Kind.RANKING, labels=("A", "B", "C"))
    a, b, c = question.options.values_list("pk", flat=True)
    with pytest.raises(InvalidInput):
        vote(make_participant(live_session), question, [a, b])
    vote(make_participant(live_session), question, [c, a, b])
    vote(make_participant(live_session), question, [a, c, b])
    assert counts(question) == {"A": 5, "B": 2, "C": 5}


def test_word_cloud_normalises_and_filters(live_session, make_question, make_participant):
    question = make_question(live_session, kind=Kind.WORDCLOUD, labels=(), max_choices=3)
    vote(make_participant(live_session), question, words=["  Mobilità ", "TRENI!"])
    vote(make_participant(live_session), question, words=["mobilità"])
    with pytest.raises(InvalidInput) as refused:
        vote(make_participant(live_session), question, words=["c4zzo"])
    assert refused.value.code == "profanity"
    with pytest.raises(InvalidInput):
        vote(make_participant(live_session), question, words=["<script>"])
    tally = selectors.live_tally(live_session.pk)
    assert tally.words == [("mobilità", 2), ("treni", 1)]


def test_close_recounts_from_the_ballots_and_keeps_the_results(live_session, make_question, make_participant, facilitator):
    question = make_question(live_session)
    yes, no, _ = question.options.all()
    for choice in (yes, yes, no):
        vote(make_participant(live_session), question, [choice.pk])
    Option.objects.filter(pk=yes.pk).update(count=99)  # a drifted live counter
    closed = question_close(user=facilitator, question=question)
    assert closed.state == State.CLOSED
    assert closed.results["total"] == 3
    assert [(row["label"], row["count"]) for row in closed.results["options"]] == [("Sì", 2), ("No", 1), ("Non so", 0)]
    assert counts(question)["Sì"] == 2


def test_reset_throws_answers_away_and_goes_back_to_draft(live_session, make_question, make_participant, facilitator):
    question = make_question(live_session)
    vote(make_participant(live_session), question, [question.options.first().pk])
    question = question_reset(user=facilitator, question=question)
    assert (question.state, question.round) == (State.DRAFT, 1)
    assert not Ballot.objects.filter(question=question).exists()
    assert set(counts(question).values()) == {0}
    question_open(user=facilitator, question=question)


def test_entries_wait_for_approval_and_take_one_upvote_each(live_session, make_question, make_participant, facilitator):
    question = make_question(live_session, kind=Kind.QA, labels=(), max_choices=2)
    asker, fan = make_participant(live_session), make_participant(live_session)
    sent = entry_submit(participant_id=asker.pk, session_id=live_session.pk, question_id=question.pk, text="  Quando i treni?  ")
    entry = Entry.objects.get(pk=sent.entry_id)
    assert entry.text == "Quando i treni?"
    with pytest.raises(InvalidInput):
        entry_upvote(participant_id=fan.pk, session_id=live_session.pk, entry_id=entry.pk)
    entry_moderate(user=facilitator, entry=entry, action="approve")
    assert entry_upvote(participant_id=fan.pk, session_id=live_session.pk, entry_id=entry.pk).status == "accepted"
    assert entry_upvote(participant_id=fan.pk, session_id=live_session.pk, entry_id=entry.pk).status == "unchanged"
    entry.refresh_from_db()
    assert entry.upvote_count == 1
    tally = selectors.live_tally(live_session.pk)
    assert [item["text"] for item in tally.entries] == ["Quando i treni?"]


def test_entry_limit_per_participant(live_session, make_question, make_participant):
    question = make_question(live_session, kind=Kind.OPEN_TEXT, labels=(), max_choices=1)
    alice = make_participant(live_session)
    entry_submit(participant_id=alice.pk, session_id=live_session.pk, question_id=question.pk, text="Più piste ciclabili")
    with pytest.raises(Conflict):
        entry_submit(participant_id=alice.pk, session_id=live_session.pk, question_id=question.pk, text="E più treni")


def test_ending_a_session_closes_open_questions_and_stops_joins(live_session, make_question, facilitator):
    question = make_question(live_session)
    session_end(user=facilitator, session=live_session)
    question.refresh_from_db()
    assert question.state == State.CLOSED
    with pytest.raises(Conflict):
        participant_join(session=live_session)


@pytest.mark.django_db(transaction=True)
def test_close_race_no_vote_lands_after_close(live_session, make_question, make_participant, facilitator):
    """Voters hammer the question from several threads while the presenter closes it: every ballot
    in the table was counted in the stored results, and every refused vote stored nothing."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL); SQLite serialises every write transaction")
    question = make_question(live_session)
    option_ids = list(question.options.values_list("pk", flat=True))
    voters = [make_participant(live_session) for _ in range(60)]
    accepted, refused = [], []
    start = threading.Barrier(5)

    def hammer(batch):
        start.wait()
        try:
            for index, participant in enumerate(batch):
                try:
                    vote(participant, question, [option_ids[index % 3]])
                    accepted.append(participant.pk)
                except Conflict:
                    refused.append(participant.pk)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=hammer, args=(voters[n::4],)) for n in range(4)]
    for thread in threads:
        thread.start()
    start.wait()
    closed = question_close(user=facilitator, question=question)
    for thread in threads:
        thread.join()
    ballots = set(Ballot.objects.filter(question=question).values_list("participant_id", flat=True))
    assert ballots == set(accepted)
    assert closed.results["total"] == len(ballots)
    assert sum(row["count"] for row in closed.results["options"]) == len(ballots)
    assert len(accepted) + len(refused) == len(voters)


def test_a_refusal_of_the_attendance_register_does_not_stop_the_join(live_session, citizen, monkeypatch, psm):
    from datetime import timedelta

    from django.utils import timezone

    from consultazione.live.services import sessions
    from consultazione.meetings.models import Meeting

    start = timezone.now()
    live_session.meeting = Meeting.objects.create(
        process=psm.process, slug="online", title="Online", kind="online", format="online", starts_at=start,
        ends_at=start + timedelta(hours=1),
    )  # fmt: skip
    live_session.save()

    def refuse(**kwargs):
        raise Conflict("L'iscrizione è stata annullata.")

    monkeypatch.setattr(sessions, "attendance_record", refuse)
    assert participant_join(session=live_session, user=citizen).user == citizen


def test_the_tally_costs_the_same_few_queries_whatever_the_audience(
    live_session, make_question, make_participant, django_assert_num_queries
):
    question = make_question(live_session)
    for n in range(30):
        vote(make_participant(live_session), question, [question.options.all()[n % 3].pk])
    with django_assert_num_queries(2):
        tally = selectors.live_tally(live_session.pk)
    assert (tally.participants, tally.total, sum(o.count for o in tally.options)) == (30, 30, 30)
    make_question(live_session, kind=Kind.QA, labels=())
    with django_assert_num_queries(3):
        selectors.live_tally(live_session.pk)


def test_next_closes_the_question_on_screen_and_keeps_its_answers(facilitator, live_session, make_question, make_participant):
    from consultazione.live.services import session_next

    questions = [make_question(live_session, open=False, text=f"Domanda {n}") for n in (1, 2, 3)]
    participant = make_participant(live_session)
    for _question in questions:
        current = session_next(user=facilitator, session=live_session)
        vote(participant, current, [current.options.first().pk])
    assert [q.state for q in type(questions[0]).objects.filter(session=live_session).order_by("position")] == [
        State.CLOSED,
        State.CLOSED,
        State.OPEN,
    ]
    session_end(user=facilitator, session=live_session)
    for question in questions:
        question.refresh_from_db()
        assert (question.state, question.results["total"], counts(question)["Sì"]) == (State.CLOSED, 1, 1)

"""Reads of the live app: the tally the ticker publishes, final results, lists, a participant's answers."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from . import conf
from .codes import is_session_code, normalise_code
from .models import (
    BALLOT_KINDS,
    ENTRY_KINDS,
    Ballot,
    Entry,
    EntryStatus,
    Kind,
    LiveSession,
    Option,
    Participant,
    Question,
    State,
    Upvote,
)
from .scoring import points


def session_by_code(code: str) -> LiveSession | None:
    code = normalise_code(code)
    if not is_session_code(code):
        return None
    return LiveSession.objects.select_related("current_question", "meeting").filter(code=code).first()


def sessions_for_user(user) -> QuerySet[LiveSession]:
    """The sessions a facilitator sees: every session (facilitators share the room), newest first."""
    questions = Question.objects.filter(session=OuterRef("pk")).values("session").annotate(n=Count("pk")).values("n")
    participants = Participant.objects.filter(session=OuterRef("pk")).values("session").annotate(n=Count("pk")).values("n")
    return LiveSession.objects.select_related("meeting", "created_by").annotate(
        question_count=Coalesce(Subquery(questions, output_field=IntegerField()), 0),
        participant_count=Coalesce(Subquery(participants, output_field=IntegerField()), 0),
    )


def questions_of(session: LiveSession) -> list[Question]:
    return list(
        session.questions.annotate(
            ballot_count=Count("ballots", distinct=True),
            entry_count=Count("entries", distinct=True),
            pending_count=Count("entries", filter=Q(entries__status=EntryStatus.PENDING), distinct=True),
        ).prefetch_related("options")
    )


# --- the live tally ---------------------------------------------------------------------------


@dataclass
class Tally:
    """Everything a screen shows about a session right now; frames.py turns it into JSON."""

    session: LiveSession
    participants: int
    question: Question | None = None
    options: list[Option] = field(default_factory=list)
    total: int = 0
    words: list[tuple[str, int]] = field(default_factory=list)
    entries: list[dict] = field(default_factory=list)
    pending: list[dict] = field(default_factory=list)


def live_tally(session_id: int) -> Tally | None:
    """Two or three small queries whatever the number of participants: session with its counters,
    then the options (or the approved and the pending texts) of the question on screen."""
    participants = Participant.objects.filter(session=OuterRef("pk")).values("session").annotate(n=Count("pk")).values("n")
    ballots = Ballot.objects.filter(question=OuterRef("current_question")).values("question").annotate(n=Count("pk")).values("n")
    entries = Entry.objects.filter(question=OuterRef("current_question")).values("question").annotate(n=Count("pk")).values("n")
    session = (
        LiveSession.objects.select_related("current_question")
        .annotate(
            n_participants=Coalesce(Subquery(participants, output_field=IntegerField()), 0),
            n_ballots=Coalesce(Subquery(ballots, output_field=IntegerField()), 0),
            n_entries=Coalesce(Subquery(entries, output_field=IntegerField()), 0),
        )
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        return None
    tally = Tally(session=session, participants=session.n_participants)
    question = session.current_question
    if question is None:
        return tally
    tally.question = question
    if question.kind in BALLOT_KINDS:
        tally.total = session.n_ballots
        options = Option.objects.filter(question=question).only("id", "label", "count", "word", "position")
        if question.kind == Kind.WORDCLOUD:
            top = options.filter(count__gt=0).order_by("-count", "word")[: conf.get("LIVE_TOP_ITEMS")]
            tally.words = [(option.word, option.count) for option in top]
        else:
            tally.options = list(options.order_by("position", "id"))
    else:
        tally.total = session.n_entries
        entries = Entry.objects.filter(question=question).order_by("-pinned", "-upvote_count", "created_at")
        fields = ("id", "text", "pinned", "answered", "upvote_count")
        top = conf.get("LIVE_TOP_ITEMS")
        tally.entries = [_entry(row) for row in entries.filter(status=EntryStatus.APPROVED).values(*fields)[:top]]
        tally.pending = [_entry(row) for row in entries.filter(status=EntryStatus.PENDING).values(*fields)[:top]]
    return tally


def _entry(row: dict) -> dict:
    return {
        "id": row["id"],
        "text": row["text"],
        "pinned": row["pinned"],
        "answered": row["answered"],
        "upvotes": row["upvote_count"],
    }


# --- final results ----------------------------------------------------------------------------


def counts_from_ballots(question: Question) -> tuple[int, dict[int, int]]:
    """Recount from the stored ballots (at close): number of ballots and points per option."""
    counts: Counter[int] = Counter()
    total = 0
    for choices in Ballot.objects.filter(question=question).values_list("choices", flat=True).iterator(chunk_size=2000):
        total += 1
        counts.update(points(question.kind, choices))
    return total, dict(counts)


def final_results(question: Question) -> dict:
    """What is kept when a question closes: {"total", "options": [{"id"|"entry_id", "label", "count"}]}."""
    if question.kind in ENTRY_KINDS:
        entries = Entry.objects.filter(question=question)
        approved = entries.filter(status=EntryStatus.APPROVED).order_by("-pinned", "-upvote_count", "created_at")
        rows = [{"entry_id": e.pk, "label": e.text, "count": e.upvote_count} for e in approved]
        return {"total": entries.count(), "options": rows}
    total, counts = counts_from_ballots(question)
    options = Option.objects.filter(question=question)
    if question.kind == Kind.WORDCLOUD:
        options = sorted((o for o in options if counts.get(o.pk)), key=lambda o: (-counts[o.pk], o.word))
    rows = [{"id": option.pk, "label": option.label, "count": counts.get(option.pk, 0)} for option in options]
    return {"total": total, "options": rows}


def meeting_poll_results(meeting) -> list[dict]:
    """Closed questions of the meeting's live sessions, for the meeting's record (one query).

    Each item: {"question": text, "kind": kind, "total": ballots (entries for text kinds),
    "options": [{"label", "count"}]} — count is votes, Borda points for a ranking, upvotes for Q&A.
    """
    questions = Question.objects.filter(session__meeting=meeting, state=State.CLOSED).order_by("session__created_at", "position")
    return [
        {
            "question": question.text,
            "kind": question.kind,
            "total": question.results.get("total", 0),
            "options": [{"label": row["label"], "count": row["count"]} for row in question.results.get("options", [])],
        }
        for question in questions
    ]


def closed_questions(session: LiveSession) -> list[Question]:
    return list(session.questions.filter(state=State.CLOSED).order_by("position"))


# --- a participant ----------------------------------------------------------------------------


def participant_answers(participant_id: int, question: Question | None) -> dict | None:
    """The participant's own answer to the question on screen (sent on hello, never broadcast)."""
    if question is None:
        return None
    mine = {"question": question.pk, "round": question.round}
    if question.kind in BALLOT_KINDS:
        ballot = Ballot.objects.filter(question=question, participant_id=participant_id).values("choices").first()
        choices = ballot["choices"] if ballot else []
        mine["choices"] = choices
        if question.kind == Kind.WORDCLOUD and choices:
            words = dict(Option.objects.filter(pk__in=choices).values_list("pk", "word"))
            mine["words"] = [words[pk] for pk in choices if pk in words]
        return mine
    entries = Entry.objects.filter(question=question, participant_id=participant_id).order_by("created_at")
    mine["entries"] = list(entries.values("id", "text", "status"))
    if question.kind == Kind.QA:
        upvoted = Upvote.objects.filter(entry__question=question, participant_id=participant_id)
        mine["upvoted"] = list(upvoted.values_list("entry_id", flat=True))
    return mine


def participant_in_session(participant_id: int, question_id: int) -> tuple[str, Question] | None:
    """The session code and the question, when the participant belongs to the question's session."""
    question = Question.objects.select_related("session").filter(pk=question_id).first()
    if question is None or not Participant.objects.filter(pk=participant_id, session_id=question.session_id).exists():
        return None
    return question.session.code, question


def participant_by_token(session_id: int, token) -> Participant | None:
    return Participant.objects.filter(session_id=session_id, token=token).first()

"""Reads of the live app: the tally the ticker publishes, final results, lists, a participant's answers."""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from . import conf
from .codes import is_session_code, normalise_code
from .kinds import WORDS
from .models import Ballot, Entry, EntryStatus, LiveSession, Option, Participant, Question, State, Upvote


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
    if question.spec.uses_ballots:
        tally.total = session.n_ballots
        options = Option.objects.filter(question=question).only("id", "label", "count", "word", "position")
        if question.spec.options == WORDS:
            # A few more than shown: spellings of one word ("città"/"citta") merge in the figures.
            top = options.filter(count__gt=0).order_by("-count", "word")[: 3 * conf.get("LIVE_TOP_ITEMS")]
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


# --- closed questions -------------------------------------------------------------------------


def closed_questions(session: LiveSession) -> list[Question]:
    return list(session.questions.filter(state=State.CLOSED).order_by("position"))


# --- a participant ----------------------------------------------------------------------------


def participant_answers(participant_id: int, question: Question | None) -> dict | None:
    """The participant's own answer to the question on screen (sent on hello, never broadcast)."""
    if question is None:
        return None
    mine = {"question": question.pk, "round": question.round}
    if question.spec.uses_ballots:
        ballot = Ballot.objects.filter(question=question, participant_id=participant_id).values("choices").first()
        choices = ballot["choices"] if ballot else []
        mine["choices"] = choices
        if question.spec.options == WORDS and choices:
            words = dict(Option.objects.filter(pk__in=choices).values_list("pk", "word"))
            mine["words"] = [words[pk] for pk in choices if pk in words]
        return mine
    entries = Entry.objects.filter(question=question, participant_id=participant_id).order_by("created_at")
    mine["entries"] = list(entries.values("id", "text", "status"))
    if question.spec.upvotes:
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


QUESTION_SETTINGS = (
    "kind", "text", "max_choices", "scale_max", "scale_min_label", "scale_max_label",
    "quorum", "visibility", "phone_visibility", "changeable",
)  # fmt: skip


def question_settings(question: Question) -> dict:
    """A question's settings as a QuestionSpec takes them, its typed options with their links: where
    the console's edit form and the API's partial update start from."""
    options = [
        {"label": o.label, "contribution": o.contribution_id, "strategy": o.strategy_id} for o in question.options.filter(word="")
    ]
    return {name: getattr(question, name) for name in QUESTION_SETTINGS} | {"options": options}

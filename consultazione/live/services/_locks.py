"""The one place that knows how a vote and a close exclude each other.

A vote reads the question's state inside its transaction; closing or resetting takes the
question row FOR UPDATE. On PostgreSQL the vote reads with FOR KEY SHARE: concurrent votes do
not block each other, a close waits for the votes already in flight, and every vote that starts
after the close sees `closed`. SQLite runs every write transaction as BEGIN IMMEDIATE (see
settings), which serialises them and gives the same guarantee.
"""

from django.db import connection
from django.utils.translation import gettext as _

from consultazione.core.exceptions import Conflict, InvalidInput
from consultazione.core.input import is_id

from ..models import Question, State

_COLUMNS = "id, session_id, kind, state, changeable, max_choices, scale_max, round, visibility, phone_visibility, revealed"


def question_for_answer(*, question_id: int, session_id: int) -> Question:
    """The question, locked against a concurrent close, if it is open in this session."""
    if not is_id(question_id):  # 10**30 would overflow SQLite's driver: no such question
        raise InvalidInput(_("Questa domanda non fa parte della sessione."), code="unknown_question")
    sql = f"SELECT {_COLUMNS} FROM live_question WHERE id = %s AND session_id = %s"  # noqa: S608 (constant columns)
    if connection.vendor == "postgresql":
        sql += " FOR KEY SHARE"
    question = next(iter(Question.objects.raw(sql, [question_id, session_id])), None)
    if question is None:
        raise InvalidInput(_("Questa domanda non fa parte della sessione."), code="unknown_question")
    if question.state == State.DRAFT:
        raise Conflict(_("Questa domanda non è ancora aperta."), code="not_open")
    if question.state != State.OPEN:
        raise Conflict(_("La votazione su questa domanda è chiusa."), code="closed")
    return question


def question_for_update(question_id: int) -> Question:
    return Question.objects.select_for_update().get(pk=question_id)

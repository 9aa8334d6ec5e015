"""Writes of the live app (one rule for web, API and WebSocket): see each module."""

from .ballots import BallotRequest, Cast, ballot_cast, ballots_cast
from .controls import question_close, question_open, question_reset, question_reveal, session_next, session_previous, session_show
from .entries import Submitted, entry_moderate, entry_submit, entry_upvote
from .questions import (
    OptionSpec,
    QuestionSpec,
    question_create,
    question_delete,
    question_move,
    question_update,
    questions_reorder,
)
from .sessions import checkin_codes_generate, participant_join, session_create, session_delete, session_end, session_update
from .sources import (
    Dedupe,
    Source,
    SourceOptions,
    SourceRequest,
    duplicate_labels,
    options_deduplicated,
    options_from_axis,
    options_from_contributions,
    options_from_exercise,
    options_from_source,
)

__all__ = [
    "BallotRequest",
    "Cast",
    "Dedupe",
    "Source",
    "SourceOptions",
    "SourceRequest",
    "duplicate_labels",
    "options_deduplicated",
    "options_from_source",
    "questions_reorder",
    "session_delete",
    "OptionSpec",
    "QuestionSpec",
    "Submitted",
    "ballot_cast",
    "ballots_cast",
    "checkin_codes_generate",
    "entry_moderate",
    "entry_submit",
    "entry_upvote",
    "options_from_axis",
    "options_from_contributions",
    "options_from_exercise",
    "participant_join",
    "question_close",
    "question_create",
    "question_delete",
    "question_move",
    "question_open",
    "question_reset",
    "question_reveal",
    "question_update",
    "session_create",
    "session_end",
    "session_next",
    "session_previous",
    "session_show",
    "session_update",
]

"""The presenter's commands as one table: the console's script (over the API's `commands`
operation), its plain forms and any other client run the same services through `run`.

A command is a small JSON object (docs/live-protocol.md, "Controls"):

    {"type": "control", "action": "next", "keep_open": false}
    {"type": "control", "action": "close", "question": 12}
    {"type": "moderate", "action": "approve", "entry": 31}

`check` gives the fields their types (a malformed command never reaches a service); `run` looks
the question or entry up inside the session (another session's id is "not found", never acted on)
and calls the service, which checks the permission and the session's state.
"""

from django.utils.translation import gettext as _

from consultazione.core.exceptions import DomainError, PermissionDenied

from .models import Entry, LiveSession, Question
from .protocol import ProtocolError, _int
from .services import (
    entry_moderate,
    question_close,
    question_delete,
    question_move,
    question_open,
    question_reset,
    question_reveal,
    session_end,
    session_next,
    session_previous,
    session_show,
)

TYPES = {"control", "moderate"}

SESSION_ACTIONS = {
    "next": lambda user, session, command: session_next(user=user, session=session, keep_open=command.get("keep_open", False)),
    "previous": lambda user, session, command: session_previous(user=user, session=session),
    "join_screen": lambda user, session, command: session_show(user=user, session=session, join=True),
    "question_screen": lambda user, session, command: session_show(user=user, session=session, join=False),
    "end": lambda user, session, command: session_end(user=user, session=session),
}

QUESTION_ACTIONS = {
    "open": lambda user, question: question_open(user=user, question=question),
    "close": lambda user, question: question_close(user=user, question=question),
    "reveal": lambda user, question: question_reveal(user=user, question=question, revealed=True),
    "hide": lambda user, question: question_reveal(user=user, question=question, revealed=False),
    "reset": lambda user, question: question_reset(user=user, question=question),
    "show": lambda user, question: session_show(user=user, session=question.session, question=question),
    "delete": lambda user, question: question_delete(user=user, question=question),
    "up": lambda user, question: question_move(user=user, question=question, offset=-1),
    "down": lambda user, question: question_move(user=user, question=question, offset=1),
}

MODERATION_ACTIONS = {"approve", "reject", "pin", "unpin", "answered", "unanswered"}


class NotFound(DomainError):
    """The question or entry named by a command is not part of this session."""

    default_code = "not_found"


def check(data: dict) -> dict:
    """A decoded control or moderation command → its fields with checked types."""
    action = data.get("action")
    if not isinstance(action, str):
        raise ProtocolError("unknown_action", _("Comando sconosciuto."))
    if data["type"] == "moderate":
        if action not in MODERATION_ACTIONS:
            raise ProtocolError("unknown_action", _("Azione di moderazione sconosciuta."))
        return {"type": "moderate", "action": action, "entry": _int(data, "entry")}
    if action in SESSION_ACTIONS:
        keep_open = data.get("keep_open", False)
        if not isinstance(keep_open, bool):
            raise ProtocolError("bad_frame", _("Il campo «%(key)s» deve essere vero o falso.") % {"key": "keep_open"})
        return {"type": "control", "action": action, "keep_open": keep_open}
    if action in QUESTION_ACTIONS:
        return {"type": "control", "action": action, "question": _int(data, "question")}
    raise ProtocolError("unknown_action", _("Comando sconosciuto."))


def run(command: dict, *, user, session: LiveSession) -> dict:
    """Run a checked command; raises DomainError (PermissionDenied, NotFound, Conflict, InvalidInput)."""
    if not user.has_perm("live.run_livesession", session):
        raise PermissionDenied(_("Solo chi conduce la sessione può usare i comandi della console."), code="forbidden")
    action = command["action"]
    if command["type"] == "moderate":
        entry = Entry.objects.select_related("question__session").filter(pk=command["entry"], question__session=session).first()
        if entry is None:
            raise NotFound(_("Questo testo non fa parte della sessione."), code="unknown_entry")
        entry = entry_moderate(user=user, entry=entry, action=action)
        return {"type": "done", "action": action, "entry": entry.pk, "status": entry.status, **_state(session)}
    if action in SESSION_ACTIONS:
        SESSION_ACTIONS[action](user, session, command)
        return {"type": "done", "action": action, **_state(session)}
    question = Question.objects.select_related("session").filter(pk=command["question"], session=session).first()
    if question is None:
        raise NotFound(_("Questa domanda non fa parte della sessione."), code="unknown_question")
    QUESTION_ACTIONS[action](user, question)
    return {"type": "done", "action": action, **_state(session)}


def _state(session: LiveSession) -> dict:
    """What the console needs to redraw its controls: the screen and every question's state."""
    session.refresh_from_db(fields=["current_question", "show_join", "ended_at"])
    questions = list(session.questions.order_by("position").values("id", "position", "state"))
    return {
        "session": {"ended": session.is_ended, "join": session.show_join, "question": session.current_question_id},
        "questions": questions,
    }

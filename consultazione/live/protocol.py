"""The client → server half of the live protocol (docs/live-protocol.md): parse, check, execute.

The WebSocket consumer and the HTTP fallback both go through `parse`/`check`, and a vote is
validated and acknowledged by the same code whatever the transport: on the socket it is batched by
the ballot writer (writer.py) and answered with `vote_ack`; over HTTP, `execute` casts it alone
(`ballots_cast([request])`) and answers with the same `vote_ack`.
"""

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from consultazione.core import input as safe_input
from consultazione.core.exceptions import DomainError

from . import conf, frames
from .services import entry_submit, entry_upvote
from .services.ballots import BallotRequest, Cast, ballots_cast

TYPES = {"hello", "ping", "vote", "entry", "upvote"}
ANSWERS = {"vote", "entry", "upvote"}
MAX_CHOICES = 20
MAX_WORD_CHARS = 60
MAX_TEXT_CHARS = 1000
MAX_DEPTH = 4  # the deepest real frame is 2: an object holding a list


class ProtocolError(Exception):
    """A malformed frame: answered with an error frame, the socket stays open."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code = code
        self.detail = detail

    def frame(self) -> dict:
        return {"type": "error", "code": self.code, "detail": self.detail}


def parse(text: str | None, binary: bytes | None = None, *, checker=None) -> dict:
    if binary is not None or text is None:
        raise ProtocolError("bad_frame", _("Sono accettati solo messaggi di testo JSON."))
    limit = conf.get("LIVE_MAX_FRAME_BYTES")
    if len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit:  # a test can send a lone surrogate
        raise ProtocolError("too_large", _("Messaggio troppo grande."))
    try:
        data = safe_input.loads(text, max_depth=MAX_DEPTH)
    except safe_input.MalformedInput as error:
        detail = _("Messaggio non leggibile (JSON non valido).") if error.code == safe_input.BAD_JSON else error.message
        raise ProtocolError(error.code, detail)
    return (checker or check)(data)


def parse_body(body: bytes, *, checker=None) -> dict:
    """The HTTP fallback's body: UTF-8 (strict: a replaced byte would change the text), then `parse`."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(safe_input.BAD_CHARACTERS, _("Il testo non è UTF-8 valido."))
    return parse(text, checker=checker)


def _int(data: dict, key: str) -> int:
    value = data.get(key)
    if not safe_input.is_id(value):
        raise ProtocolError("bad_frame", _("Il campo «%(key)s» deve essere un id (un intero positivo).") % {"key": key})
    return value


def _uuid(data: dict, key: str) -> uuid.UUID | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return uuid.UUID(value)
    except ValueError:
        raise ProtocolError("bad_frame", _("Il campo «%(key)s» deve essere un UUID.") % {"key": key})


def _list(data: dict, key: str, item_ok, limit: int) -> list | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or len(value) > limit or not all(item_ok(item) for item in value):
        raise ProtocolError("bad_frame", _("Il campo «%(key)s» non è valido.") % {"key": key})
    return value


def _is_word(item) -> bool:
    return isinstance(item, str) and len(item) <= MAX_WORD_CHARS


def check(data) -> dict:
    """A decoded frame → a command with checked types (the services check the meaning)."""
    if not isinstance(data, dict) or not isinstance(data.get("type"), str) or data["type"] not in TYPES:
        raise ProtocolError("bad_frame", _("Tipo di messaggio sconosciuto."))
    kind = data["type"]
    command = {"type": kind}
    if kind == "hello":
        version = data.get("version")
        command["version"] = version if isinstance(version, int) and not isinstance(version, bool) else None
    elif kind == "vote":
        command |= {
            "question": _int(data, "question"),
            "choices": _list(data, "choices", safe_input.is_id, MAX_CHOICES),
            "words": _list(data, "words", _is_word, MAX_CHOICES),
            "cvid": _uuid(data, "cvid"),
        }
    elif kind == "entry":
        text = data.get("text")
        if not isinstance(text, str) or len(text) > MAX_TEXT_CHARS:
            raise ProtocolError("bad_frame", _("Il campo «text» non è valido."))
        command |= {"question": _int(data, "question"), "text": text, "cvid": _uuid(data, "cvid")}
    elif kind == "upvote":
        command |= {"entry": _int(data, "entry"), "cvid": _uuid(data, "cvid")}
    return command


def vote_request(command: dict, *, participant_id: int, session_id: int) -> BallotRequest:
    return BallotRequest(
        participant_id=participant_id,
        session_id=session_id,
        question_id=command["question"],
        choices=command["choices"],
        words=command["words"],
        client_vote_id=command["cvid"],
    )


def vote_ack(command: dict, result) -> tuple[dict, Exception | None]:
    """The ack of a vote from what the ballot service returned (a Cast or the refusal)."""
    ack = _ack(command)
    if isinstance(result, Cast):
        return ack | {
            "question": result.question_id,
            "status": result.status,
            "choices": result.choices,
            "at": frames.now_ms(),
        }, None
    return _refused(ack, result), result


def execute(command: dict, *, participant_id: int, session_id: int) -> tuple[dict, Exception | None]:
    """Run an answer command; returns (ack frame, the refusal if any). A refusal stores nothing."""
    if command["type"] == "vote":
        request = vote_request(command, participant_id=participant_id, session_id=session_id)
        return vote_ack(command, ballots_cast([request])[0])
    ack = _ack(command)
    who = {"participant_id": participant_id, "session_id": session_id}
    try:
        if command["type"] == "entry":
            sent = entry_submit(**who, question_id=command["question"], text=command["text"], client_id=command["cvid"])
        else:
            sent = entry_upvote(**who, entry_id=command["entry"])
    except (DomainError, ValidationError) as error:
        return _refused(ack, error), error
    return ack | {"question": sent.question_id, "status": sent.status, "entry": sent.entry_id, "at": frames.now_ms()}, None


def _ack(command: dict) -> dict:
    cvid = command.get("cvid")
    return {"type": "ack", "cvid": str(cvid) if cvid else None}


def _refused(ack: dict, error: Exception) -> dict:
    if isinstance(error, DomainError):
        return ack | {"status": "rejected", "code": error.code, "detail": error.message}
    if isinstance(error, ValidationError):
        return ack | {"status": "rejected", "code": "invalid", "detail": " ".join(error.messages)}
    return ack | {
        "status": "rejected",
        "code": "unavailable",
        "detail": _("Voto non registrato per un problema del server: riprova."),
    }

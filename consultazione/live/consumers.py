"""`/ws/live/<code>/`: one socket per phone, projector or presenter console.

Thin on purpose: it resolves who is connecting, registers the socket with the process hub and
answers `hello` with a snapshot. A vote goes to the process's ballot writer (writer.py), which
validates it with the others of the same instant and writes them in one batch (ballots_cast); an
open-text entry or an upvote goes to its service through protocol.execute. Tallies and state
changes never pass through here: the hub writes them straight to the socket.
"""

import logging
import time
from types import SimpleNamespace
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils import translation
from django.utils.translation import gettext as _

from . import access, conf, frames, protocol, snapshots
from .hub import Socket, get_hub
from .threads import run_sync
from .writer import get_writer

logger = logging.getLogger(__name__)


class TokenBucket:
    """Messages a socket may send: `rate` per second with bursts of twice that (no I/O, per socket)."""

    def __init__(self, rate: float, clock=time.monotonic):
        self.rate, self.capacity, self.clock = rate, rate * 2, clock
        self.tokens, self.stamp = self.capacity, clock()

    def take(self) -> bool:
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


def language_of(scope: dict) -> str:
    """The language of the page that opened the socket: its `lang` query parameter (the screens'
    JS sends the page's `<html lang>`), since a browser may send its own Accept-Language on the
    handshake rather than the one its pages got (Chromium does, when its language is set per page).
    Without it, the language a page would get (LocaleMiddleware does not run for WebSockets): the
    django_language cookie of the handshake, then its Accept-Language, then LANGUAGE_CODE."""
    asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [""])[0]
    if asked:
        try:
            return translation.get_supported_language_variant(asked)
        except LookupError:
            pass  # not one of ours: as a page would decide
    headers = dict(scope.get("headers", ()))
    accept = headers.get(b"accept-language", b"").decode("latin-1")
    request = SimpleNamespace(COOKIES=scope.get("cookies", {}), META={"HTTP_ACCEPT_LANGUAGE": accept}, path_info="/")
    return translation.get_language_from_request(request)


class LiveConsumer(AsyncWebsocketConsumer):
    # No channel per socket: frames come from the process hub, which holds the one subscription.
    channel_layer_alias = None

    async def dispatch(self, message):
        """As Channels' own, minus closing stale database connections before every message: that
        is a thread hop per vote, and the calls that use the database (run_sync) already do it."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        if not hasattr(self, "language"):
            self.language = language_of(self.scope)
        # Every text this socket sends (errors, refusals, acks) in the participant's language;
        # the override reaches the ORM threads and the ballot writer (writer.py) too.
        with translation.override(self.language):
            await handler(message)

    async def connect(self):
        self.access = None
        self.socket = Socket(self._write)
        self.question_key = None  # the question on screen at the last snapshot ("<id>:<round>")
        self.bucket = TokenBucket(conf.get("LIVE_SOCKET_RATE"))
        code = self.scope["url_route"]["kwargs"]["code"]
        role = parse_qs(self.scope.get("query_string", b"").decode()).get("role", [access.PHONE])[0]
        resolved = await run_sync(access.resolve)(code=code, role=role, cookies_in=self.scope.get("cookies", {}))
        await self.accept()
        if resolved.refused:
            close_code, error_code, detail = resolved.refused
            await self._send({"type": "error", "code": error_code, "detail": detail})
            await self.close(code=close_code)
            return
        self.access = resolved
        self.socket.participant = resolved.participant_id
        await get_hub().attach(resolved.code, resolved.session_id, resolved.audience, self.socket)

    async def disconnect(self, code):
        if self.access is not None:
            await get_hub().detach(self.access.code, self.access.audience, self.socket)

    async def receive(self, text_data=None, bytes_data=None):
        if self.access is None:
            return
        if not self.bucket.take():
            await self._send({"type": "error", "code": "rate_limited", "detail": _("Troppi messaggi: rallenta.")})
            return
        try:
            command = protocol.parse(text_data, bytes_data)
        except protocol.ProtocolError as error:
            await self._send(error.frame())
            return
        try:
            await self._run(command)
        except Exception:  # a server bug must not drop the phone's socket: log it, say so, keep going
            logger.exception("live frame %s failed", command["type"])
            await self._send({"type": "error", "code": "server_error", "detail": _("Errore del server: riprova.")})

    async def _run(self, command: dict):
        if command["type"] == "ping":
            await self._send({"type": "pong"})
        elif command["type"] == "hello":
            await self._snapshot()
        elif self.access.participant_id is None:
            await self._send({"type": "error", "code": "read_only", "detail": _("Da questo schermo non si risponde.")})
        else:
            await self._send(await self._answer(command))

    async def _answer(self, command: dict) -> dict:
        """Store a vote, an entry or an upvote and return its ack.

        A vote or an entry marks this socket as one that answered the question on screen (the hub
        then writes it the frames of those who answered). It is marked before the answer is
        stored, so that the first tick counting it already brings this phone the figures, and
        unmarked if the answer is refused or fails."""
        before = self.socket.answered
        if command["type"] in ("vote", "entry"):
            key = get_hub().question_key(self.access.code) or self.question_key
            if key is not None and key.split(":")[0] == str(command.get("question")):
                self.socket.answered = key
        who = {"participant_id": self.access.participant_id, "session_id": self.access.session_id}
        try:
            if command["type"] == "vote":
                ack = protocol.vote_ack(command, await get_writer().submit(protocol.vote_request(command, **who)))[0]
            else:
                ack = (await run_sync(protocol.execute)(command, **who))[0]
        except BaseException:
            self.socket.answered = before
            raise
        if ack.get("status") == "rejected":
            self.socket.answered = before
        return ack

    async def _snapshot(self):
        frame = await run_sync(snapshots.snapshot)(
            self.access.session_id, code=self.access.code, staff=self.access.staff, participant_id=self.access.participant_id
        )
        if frame is None:
            await self._send({"type": "error", "code": "not_found", "detail": _("La sessione non esiste più.")})
            await self.close(code=access.CLOSE_NOT_FOUND)
            return
        question = frame["question"]
        self.question_key = None if question is None else f"{question['id']}:{question['round']}"
        if "me" in frame:
            self.socket.answered = snapshots.answered_key(frame["me"])
        await self._send(frame)

    async def _send(self, payload: dict):
        await self.send(text_data=frames.dumps(payload))

    def _write(self, frame: str):
        """The hub's direct write: the ASGI send itself, with no consumer machinery around it."""
        return self.base_send({"type": "websocket.send", "text": frame})

"""Fixtures of the live tests: a session run by a facilitator, questions, participants, sockets."""

import pytest
from channels.testing import WebsocketCommunicator
from django.core.cache.backends.locmem import LocMemCache

from consultazione.live import broadcast, cookies
from consultazione.live.hub import Hub, set_hub
from consultazione.live.models import Kind
from consultazione.live.routing import websocket_application
from consultazione.live.services import OptionSpec, QuestionSpec, participant_join, question_create, question_open, session_create
from consultazione.live.shared_state import shared


@pytest.fixture(autouse=True)
def fresh_live_cache():
    """Versions, leases and rate limits start empty when they live in this process's memory."""
    backend = shared()
    if isinstance(backend, LocMemCache):
        backend.clear()


@pytest.fixture
def live_session(facilitator):
    return session_create(user=facilitator, title="Plenaria di Pinerolo")


@pytest.fixture
def make_question(facilitator):
    def make(session, *, kind=Kind.SINGLE, labels=("Sì", "No", "Non so"), open=True, **fields):
        spec = QuestionSpec(
            kind=kind, text=fields.pop("text", "Che ne pensi?"), options=tuple(OptionSpec(label) for label in labels), **fields
        )
        question = question_create(user=facilitator, session=session, spec=spec)
        if open:
            question = question_open(user=facilitator, question=question)
        return question

    return make


@pytest.fixture
def make_participant():
    def make(session, **kwargs):
        return participant_join(session=session, **kwargs)

    return make


def cookie_header(session, participant) -> tuple[bytes, bytes]:
    value = cookies.signed(participant.token, code=session.code)
    return (b"cookie", f"{cookies.name(session.code)}={value}".encode())


ORIGIN = (b"origin", b"http://testserver")


@pytest.fixture
async def hub(settings):
    """A hub for this test's event loop, without the background ticker: tests call tick()."""
    settings.LIVE_TICKER_AUTOSTART = False
    instance = Hub(autostart=False)
    set_hub(instance)
    yield instance
    await instance.shutdown()
    await broadcast.flush()


@pytest.fixture
async def connect(hub):
    """Open sockets on the real WebSocket stack; all are closed at the end of the test."""
    opened = []

    async def open_socket(session, *, participant=None, role=None, headers=(), app=None, lang=None):
        query = "&".join(f"{name}={value}" for name, value in (("role", role), ("lang", lang)) if value)
        path = f"/ws/live/{session.code}/" + (f"?{query}" if query else "")
        all_headers = list(headers) if any(name == b"origin" for name, _ in headers) else [ORIGIN, *headers]
        if participant is not None:
            all_headers.append(cookie_header(session, participant))
        communicator = WebsocketCommunicator(app or websocket_application(), path, headers=all_headers)
        connected, _subprotocol = await communicator.connect()
        assert connected
        opened.append(communicator)
        return communicator

    yield open_socket
    for communicator in opened:
        await communicator.disconnect()

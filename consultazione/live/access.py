"""Who is on the other end of a socket: a phone (participant cookie), the projector or the presenter.

One query for a phone, which matters when thousands reconnect at once. Only the presenter's
console needs the login: its Django session is read here, so no session or auth middleware
wraps every socket (the session middleware would also sit on every frame sent).
"""

from dataclasses import dataclass
from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.contrib import auth
from django.utils.translation import gettext as _

from . import cookies
from .codes import normalise_code
from .models import LiveSession, Participant

PHONE, PROJECTOR, PRESENTER = "phone", "projector", "presenter"
# The hub's audiences (hub.ROLES) for each kind of client.
AUDIENCE = {PHONE: "phones", PROJECTOR: "projector", PRESENTER: "staff"}

CLOSE_NOT_JOINED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404


@dataclass(frozen=True)
class Access:
    session_id: int | None = None
    code: str = ""
    role: str = PHONE
    participant_id: int | None = None
    refused: tuple[int, str, str] | None = None  # (close code, error code, message)

    @property
    def audience(self) -> str:
        return AUDIENCE[self.role]

    @property
    def staff(self) -> bool:
        return self.role == PRESENTER


def resolve(*, code: str, role: str, cookies_in: dict[str, str]) -> Access:
    code = normalise_code(code)
    if role not in AUDIENCE:
        role = PHONE
    if role == PHONE:
        token = cookies.token_from(cookies_in.get(cookies.name(code)), code=code)
        found = (
            Participant.objects.filter(token=token, session__code=code).values_list("id", "session_id").first() if token else None
        )
        if found is not None:
            return Access(session_id=found[1], code=code, role=PHONE, participant_id=found[0])
        if not LiveSession.objects.filter(code=code).exists():
            return _refused(CLOSE_NOT_FOUND, "not_found", _("Nessuna sessione con questo codice."))
        return _refused(CLOSE_NOT_JOINED, "not_joined", _("Entra nella sessione per partecipare."))
    session = LiveSession.objects.filter(code=code).only("id").first()
    if session is None:
        return _refused(CLOSE_NOT_FOUND, "not_found", _("Nessuna sessione con questo codice."))
    if role == PRESENTER and not _user(cookies_in).has_perm("live.run_livesession", session):
        return _refused(CLOSE_FORBIDDEN, "forbidden", _("Solo chi conduce la sessione può usare la console."))
    return Access(session_id=session.pk, code=code, role=role)


def _refused(close_code: int, error_code: str, message: str) -> Access:
    return Access(refused=(close_code, error_code, message))


def _user(cookies_in: dict[str, str]):
    """The logged-in user of the Django session cookie (AnonymousUser if none), as a view would see it."""
    store = import_module(settings.SESSION_ENGINE).SessionStore(cookies_in.get(settings.SESSION_COOKIE_NAME))
    return auth.get_user(SimpleNamespace(session=store))

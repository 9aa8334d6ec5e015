"""Who is on the other end of a socket (or of a fallback HTTP request): phone, projector or presenter."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import cookies
from .models import Participant
from .selectors import session_by_code

PHONE, PROJECTOR, PRESENTER = "phone", "projector", "presenter"
# The hub's audiences (hub.ROLES) for each kind of client.
AUDIENCE = {PHONE: "phones", PROJECTOR: "projector", PRESENTER: "staff"}

CLOSE_NOT_JOINED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404


@dataclass(frozen=True)
class Access:
    session_id: int | None = None
    role: str = PHONE
    participant_id: int | None = None
    refused: tuple[int, str, str] | None = None  # (close code, error code, message)

    @property
    def audience(self) -> str:
        return AUDIENCE[self.role]

    @property
    def staff(self) -> bool:
        return self.role == PRESENTER


def resolve(*, code: str, role: str, raw_cookie: str | None, user) -> Access:
    if role not in AUDIENCE:
        role = PHONE
    session = session_by_code(code)
    if session is None:
        return Access(refused=(CLOSE_NOT_FOUND, "not_found", _("Nessuna sessione con questo codice.")))
    if role == PRESENTER:
        if user is None or not user.has_perm("live.run_livesession", session):
            return Access(refused=(CLOSE_FORBIDDEN, "forbidden", _("Solo chi conduce la sessione può usare la console.")))
        return Access(session_id=session.pk, role=role)
    if role == PROJECTOR:
        return Access(session_id=session.pk, role=role)
    token = cookies.token_from(raw_cookie, code=session.code)
    participant_id = (
        Participant.objects.filter(session=session, token=token).values_list("id", flat=True).first() if token else None
    )
    if participant_id is None:
        return Access(refused=(CLOSE_NOT_JOINED, "not_joined", _("Entra nella sessione per partecipare.")))
    return Access(session_id=session.pk, role=role, participant_id=participant_id)

"""Join codes and check-in codes: short, unambiguous, typed on a phone keyboard.

The alphabet leaves out 0/O, 1/I/L so that a code read off a projector cannot be mistyped;
31 symbols over 6 places give about 887 million session codes, too many to enumerate
behind the join rate limit.
"""

import re
import secrets

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SESSION_CODE_LENGTH = 6
CHECKIN_CODE_LENGTH = 8

_CODE_RE = re.compile(rf"^[{ALPHABET}]{{{SESSION_CODE_LENGTH}}}$")

session_code_validator = RegexValidator(_CODE_RE, _("Il codice è di 6 caratteri: lettere e cifre, senza 0, O, 1, I, L."))


def random_code(length: int = SESSION_CODE_LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(raw: str) -> str:
    """What a person typed → the canonical code: upper case, no spaces or dashes."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


def is_session_code(value: str) -> bool:
    return bool(_CODE_RE.match(value))

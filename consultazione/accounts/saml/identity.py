"""The fiscal code: normalised, then kept only as an HMAC under a key derived from the settings."""

import re

from django.conf import settings
from django.utils.crypto import salted_hmac

_FISCAL_CODE = re.compile(r"^[A-Z0-9]{11,16}$")


def normalised_fiscal_code(value: str) -> str | None:
    """`TINIT-RSSMRA80A01H501U` (SPID, CIE) → `RSSMRA80A01H501U`; None when it is not a fiscal code."""
    code = (value or "").strip().upper()
    if code.startswith("TINIT-"):
        code = code[len("TINIT-") :]
    return code if _FISCAL_CODE.match(code) else None


def fiscal_code_hash(code: str) -> str:
    """64 hex characters; the same code always gives the same hash, the hash never gives the code."""
    return salted_hmac(
        "consultazione.accounts.fiscal-code", code, secret=settings.FISCAL_CODE_HASH_KEY, algorithm="sha256"
    ).hexdigest()

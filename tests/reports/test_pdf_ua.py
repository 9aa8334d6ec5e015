"""Every PDF the platform writes is PDF/UA-1, checked in the file itself with pikepdf: a
structure tree (headings in order, tables with header cells, figures with alternative text),
the language, the title shown; one body font, chart labels never cut (text read with pypdf).
The DOCX of the restituzione: header rows, language, A4 (read with python-docx)."""

import io
import re
from pathlib import Path

import pikepdf
import pytest
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from consultazione.live.models import LiveSession, Question
from consultazione.reports.final_report.data import report_data
from consultazione.reports.final_report.render import report_html, report_pdf, report_title
from consultazione.reports.restituzione.docx import render_docx
from consultazione.reports.restituzione.services import report_title as restituzione_title
from consultazione.reports.restituzione.services import restituzione_build

pytestmark = pytest.mark.django_db

LONG_LABEL = "Torino metropoli più produttiva e innovativa"
ROOT = Path(__file__).resolve().parents[2]


def _read(field) -> bytes:
    field.open("rb")
    try:
        return field.read()
    finally:
        field.close()


def _restituzione(world):
    held = world.meetings["held"]
    Question.objects.create(
        session=LiveSession.objects.get(meeting=held),
        position=3,
        kind="single",
        text="Quale asse conta di più?",
        state="closed",
        results={"total": 5, "options": [{"id": 1, "label": LONG_LABEL, "count": 3}, {"id": 2, "label": "Lavoro", "count": 2}]},
    )
    report = restituzione_build(actor=world.people["staff"], meeting=held)
    assert report.build_error == ""
    return report


def _build(kind: str, world) -> tuple[bytes, str]:
    """(PDF, its expected title) of each kind of PDF the platform generates."""
    if kind == "restituzione":
        return _read(_restituzione(world).pdf), restituzione_title(world.meetings["held"])
    process = world.psm.process  # the final report: its axis chart has "1. Torino metropoli più produttiva…"
    return report_pdf(process=process, body_html=report_html(report_data(process))), report_title(process)


@pytest.fixture(params=["restituzione", "final_report"])
def generated(request, world):
    pdf, title = _build(request.param, world)
    return request.param, pdf, title


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Structure elements in document (depth-first) order."""
    found = []

    def walk(node):
        if isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append(node)
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if isinstance(kids, pikepdf.Dictionary) else []:
            walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def _descendants(element: pikepdf.Dictionary) -> list[str]:
    kids = element.get("/K")
    out = []
    for kid in kids if isinstance(kids, pikepdf.Array) else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            out += [str(kid.S), *_descendants(kid)]
    return out


def test_pdf_is_tagged_pdf_ua_1_with_language_and_title(generated):
    kind, data, title = generated
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root
    assert root.MarkInfo.Marked is True, kind
    assert "/StructTreeRoot" in root, kind
    assert str(root.Lang) == "it"
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.docinfo.Title) == title
    with pdf.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"
        assert xmp.get("dc:title") == title


def test_headings_are_tagged_in_order(generated):
    kind, data, _title = generated
    pdf = pikepdf.open(io.BytesIO(data))  # kept: its objects die with it
    headings = [int(str(e.S)[2:]) for e in _elements(pdf) if re.fullmatch(r"/H[1-6]", str(e.S))]
    assert headings[0] == 1 and headings.count(1) == 1, (kind, headings)
    assert 2 in headings, (kind, headings)
    for before, after in zip(headings, headings[1:], strict=False):
        assert after <= before + 1, f"{kind}: H{before} followed by H{after}"


def test_tables_have_header_cells_and_figures_alt_text(generated):
    kind, data, _title = generated
    pdf = pikepdf.open(io.BytesIO(data))
    elements = _elements(pdf)
    tables = [e for e in elements if str(e.S) == "/Table"]
    assert tables, kind
    for table in tables:
        cells = _descendants(table)
        assert "/TH" in cells, f"{kind}: a table without header cells"
    figures = [e for e in elements if str(e.S) == "/Figure"]
    assert figures, kind
    alts = [str(figure.get("/Alt", "")) for figure in figures]
    assert all(alt.strip() for alt in alts), alts
    assert any(LONG_LABEL in alt for alt in alts), alts  # the chart's text alternative names every bar in full


def test_chart_labels_are_not_cut_and_one_body_font(generated):
    kind, data, _title = generated
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    cut = re.findall(r"Torino metropoli[^\n…]*…", text)  # e.g. "1. Torino metropoli più produttiv…"
    assert cut == [] and "produttiva e innovativa" in text, kind
    pdf = pikepdf.open(io.BytesIO(data))
    fonts = {
        str(obj.BaseFont)
        for obj in pdf.objects
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/BaseFont" in obj
    }
    families = {re.sub(r"(-(Bold|Italic|Oblique|Regular))+$", "", name.split("+")[-1]) for name in fonts}
    assert len(families) == 1, f"{kind}: page counter or chart labels not in the body font: {sorted(fonts)}"


def test_a_pdf_without_language_or_title_is_refused():
    from consultazione.core.pdf import InaccessiblePdf, render_pdf

    with pytest.raises(InaccessiblePdf):
        render_pdf("<!DOCTYPE html><html><head><title>Titolo</title></head><body><h1>Titolo</h1></body></html>")
    with pytest.raises(InaccessiblePdf):
        render_pdf('<!DOCTYPE html><html lang="it"><head></head><body><h1>Titolo</h1></body></html>')


def _docx_checks(document, language: str) -> None:
    assert document.tables
    for table in document.tables:
        header = table.rows[0]._tr.find(qn("w:trPr"))
        assert header is not None and header.find(qn("w:tblHeader")) is not None, table.rows[0].cells[0].text
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == language
    assert document.core_properties.language == language
    for section in document.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_docx_has_header_rows_language_and_a4(world):
    document = Document(io.BytesIO(_read(_restituzione(world).docx)))
    _docx_checks(document, "it-IT")


def test_docx_language_follows_the_report_language():
    body = (
        '<h2>Results</h2><table><thead><tr><th scope="col">Answer</th><th scope="col">Votes</th></tr></thead>'
        "<tbody><tr><td>Yes</td><td>3</td></tr></tbody></table>"
    )
    with translation.override("en"):
        data = render_docx(title="Report", subtitle="", body_html=body)
    _docx_checks(Document(io.BytesIO(data)), "en-GB")


def test_the_writer_embeds_no_local_file_or_network_resource(tmp_path):
    """Only the self-hosted fonts are read: a file:// or http:// image in the HTML is left out."""
    from PIL import Image

    from consultazione.core.pdf import render_pdf

    local = tmp_path / "segreto.png"
    Image.new("RGB", (4, 4), "red").save(local)
    html = (
        '<!DOCTYPE html><html lang="it"><head><title>Prova</title></head><body><h1>Prova</h1>'
        f'<img src="{local.as_uri()}" alt="locale"><img src="http://127.0.0.1:9/x.png" alt="rete"></body></html>'
    )
    pdf = pikepdf.open(io.BytesIO(render_pdf(html)))
    images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    assert images == []

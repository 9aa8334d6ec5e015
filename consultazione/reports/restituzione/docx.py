"""DOCX of the restituzione with python-docx, converted from the (sanitised) report HTML.

The converter knows the tags the report uses: headings, paragraphs, lists, tables, bold and
italic; SVG charts are skipped because each chart has its data table right after it.

Accessible like the PDF: a table whose first row is all header cells (<th>) marks it as a header
row (w:tblHeader, repeated on each page and announced by screen readers), the document language
is the report's (w:lang of the default run properties, the theme and the core properties), and
the page is A4 with the PDF's margins."""

import io
from html.parser import HTMLParser

from django.utils import translation
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

LANGUAGE_TAGS = {"it": "it-IT", "en": "en-GB"}

HEADINGS = {"h2": 1, "h3": 2, "h4": 3}
SKIPPED = {"svg", "style", "script"}


class _Converter(HTMLParser):
    def __init__(self, document):
        super().__init__(convert_charrefs=True)
        self.doc = document
        self.paragraph = None
        self.bold = 0
        self.italic = 0
        self.skip = 0
        self.lists: list[str] = []
        self.table_rows: list[list[tuple[str, bool]]] | None = None
        self.cell: list[str] | None = None
        self.cell_header = False
        self.caption: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skip += 1
        if self.skip:
            return
        if tag in HEADINGS:
            self.paragraph = self.doc.add_heading(level=HEADINGS[tag])
        elif tag in {"p", "figcaption", "dt", "dd", "blockquote"}:
            self.paragraph = self.doc.add_paragraph()
        elif tag in {"ul", "ol"}:
            self.lists.append(tag)
        elif tag == "li":
            style = "List Number" if self.lists and self.lists[-1] == "ol" else "List Bullet"
            self.paragraph = self.doc.add_paragraph(style=style)
        elif tag in {"strong", "b"}:
            self.bold += 1
        elif tag in {"em", "i"}:
            self.italic += 1
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
        elif tag == "table":
            self.table_rows = []
        elif tag == "caption":
            self.caption = []
        elif tag == "tr" and self.table_rows is not None:
            self.table_rows.append([])
        elif tag in {"td", "th"} and self.table_rows is not None:
            self.cell, self.cell_header = [], tag == "th"

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skip = max(self.skip - 1, 0)
            return
        if self.skip:
            return
        if tag in HEADINGS or tag in {"p", "li", "figcaption", "dt", "dd", "blockquote"}:
            self.paragraph = None
        elif tag in {"ul", "ol"} and self.lists:
            self.lists.pop()
        elif tag in {"strong", "b"}:
            self.bold = max(self.bold - 1, 0)
        elif tag in {"em", "i"}:
            self.italic = max(self.italic - 1, 0)
        elif tag == "caption" and self.caption is not None:
            caption = " ".join("".join(self.caption).split())
            if caption:
                self.doc.add_paragraph().add_run(caption).italic = True
            self.caption = None
        elif tag in {"td", "th"} and self.cell is not None and self.table_rows:
            self.table_rows[-1].append((" ".join("".join(self.cell).split()), self.cell_header))
            self.cell = None
        elif tag == "table" and self.table_rows is not None:
            self._write_table(self.table_rows)
            self.table_rows = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.caption is not None:
            self.caption.append(data)
            return
        if self.cell is not None:
            self.cell.append(data)
            return
        if self.table_rows is not None:
            return
        if not data.strip() and self.paragraph is None:
            return
        if self.paragraph is None:
            self.paragraph = self.doc.add_paragraph()
        run = self.paragraph.add_run(" ".join(data.split()) if data.strip() else " ")
        if data[:1].isspace() and data.strip():
            run.text = " " + run.text
        if data[-1:].isspace() and data.strip():
            run.text += " "
        run.bold = self.bold > 0 or None
        run.italic = self.italic > 0 or None

    def _write_table(self, rows):
        rows = [row for row in rows if row]
        if not rows:
            return
        columns = max(len(row) for row in rows)
        table = self.doc.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        for row in rows:
            cells = table.add_row().cells  # row by row: table.cell(r, c) rescans the whole grid each time
            for cell, (text, header) in zip(cells, row, strict=False):
                cell.paragraphs[0].add_run(text).bold = header or None
        if all(header for _text, header in rows[0]):
            _mark_header_row(table.rows[0])
        self.doc.add_paragraph()


def _mark_header_row(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def document_language() -> str:
    return LANGUAGE_TAGS.get((translation.get_language() or "it").split("-")[0], "it-IT")


def _set_language(document, tag: str) -> None:
    """The language of every run without its own (w:docDefaults) and of the theme fonts."""
    r_pr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), tag)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)
    document.core_properties.language = tag


def _set_a4(document) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin = section.right_margin = Cm(1.8)


def render_docx(*, title: str, subtitle: str, body_html: str) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "Titillium Web"
    document.styles["Normal"].font.size = Pt(10.5)
    document.core_properties.title = title
    _set_language(document, document_language())
    _set_a4(document)
    document.add_heading(title, level=0)
    if subtitle:
        document.add_paragraph().add_run(subtitle).italic = True
    converter = _Converter(document)
    converter.feed(body_html)
    converter.close()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

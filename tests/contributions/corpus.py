"""The hostile upload corpus, generated (Pillow, pikepdf): every file is built in memory.

Each entry: an id, the field it is sent as ("images" or "documents"), the file name, a builder
of its bytes, and either the fragment of the refusal message or None for a file that must be
accepted (and then checked by `accepted_checks`)."""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .conftest import image_bytes, jpeg_with_gps, png_header_only, truncated_jpeg

SCRIPT = b"<script>alert(document.cookie)</script>"


def _pdf(change=None) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    if change:
        change(pdf)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def pdf_plain() -> bytes:
    return _pdf()


def pdf_javascript() -> bytes:
    def change(pdf):
        action = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert('x')")))
        pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("a"), action])))
        pdf.Root.OpenAction = action

    return _pdf(change)


def pdf_launch() -> bytes:
    def change(pdf):
        pdf.Root.OpenAction = Dictionary(S=Name.Launch, F=String("C:\\Windows\\System32\\calc.exe"))

    return _pdf(change)


def pdf_embedded_file() -> bytes:
    def change(pdf):
        pdf.attachments["fattura.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00", mime_type="application/octet-stream")

    return _pdf(change)


def pdf_file_attachment_annotation() -> bytes:
    def change(pdf):
        spec = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00").obj
        annotation = Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=[0, 0, 20, 20], FS=spec)
        pdf.pages[0].Annots = pdf.make_indirect(Array([pdf.make_indirect(annotation)]))

    return _pdf(change)


def pdf_zip_polyglot() -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("index.html", SCRIPT)
    return _pdf() + archive.getvalue()


def gif_js_polyglot() -> bytes:
    """Valid GIF header whose bytes are also JavaScript (GIF89a=…;alert(1))."""
    return b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00;*/=1;alert(document.cookie);//" + b"\x00" * 32 + b";"


def jpeg_html_polyglot() -> bytes:
    """A real JPEG followed by an HTML page: accepted, re-encoded, the HTML is gone."""
    return image_bytes("JPEG") + b"<html><body>" + SCRIPT + b"</body></html>"


def svg_with_script() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def html_as_jpeg() -> bytes:
    return b"<!doctype html><html><body>" + SCRIPT + b"</body></html>"


def fifty_megabytes() -> bytes:
    return b"\xff\xd8\xff\xe0" + b"\x00" * (50 * 1024 * 1024)


def big_png_39_9_megapixels() -> bytes:
    """The reported attack: a few KB of PNG header declaring 6320×6320 (39.9 MP)."""
    return png_header_only(6320, 6320)


@dataclass(frozen=True)
class Item:
    id: str
    field: str
    name: str
    build: Callable[[], bytes]
    refused: str | None  # a fragment of the refusal, None if the file must be accepted

    @property
    def content_type(self) -> str:
        return "application/pdf" if self.field == "documents" else "image/jpeg"


CORPUS = [
    Item("decompression-bomb", "images", "bomba.png", lambda: png_header_only(50_000, 50_000), "pixel"),
    Item("39.9-megapixels", "images", "grande.png", big_png_39_9_megapixels, "troppo grande"),
    Item("truncated-image", "images", "rotta.jpg", truncated_jpeg, "danneggiata o incompleta"),
    Item("gif-js-polyglot", "images", "gif.jpg", gif_js_polyglot, "non è un'immagine JPEG, PNG o WebP"),
    Item("svg-with-script", "images", "disegno.svg", svg_with_script, "non è un'immagine JPEG, PNG o WebP"),
    Item("html-renamed-jpg", "images", "foto.jpg", html_as_jpeg, "non è un'immagine JPEG, PNG o WebP"),
    Item("50MB", "images", "enorme.jpg", fifty_megabytes, "il massimo è 10,0 MB"),
    Item("pdf-javascript", "documents", "js.pdf", pdf_javascript, "JavaScript"),
    Item("pdf-launch", "documents", "launch.pdf", pdf_launch, "aprono programmi"),
    Item("pdf-embedded-file", "documents", "allegati.pdf", pdf_embedded_file, "file allegati"),
    Item("pdf-file-attachment", "documents", "annotazione.pdf", pdf_file_attachment_annotation, "file allegati"),
    Item("pdf-zip-polyglot", "documents", "poliglotta.pdf", pdf_zip_polyglot, "archivio ZIP"),
    Item("svg-as-document", "documents", "disegno.pdf", svg_with_script, "non è un PDF"),
    Item("jpeg-html-polyglot", "images", "poliglotta.jpg", jpeg_html_polyglot, None),
    Item("path-traversal-name", "images", "../../etc/passwd.jpg", lambda: image_bytes("JPEG"), None),
    Item("jpeg-with-gps", "images", "gps.jpg", jpeg_with_gps, None),
    Item("plain-pdf", "documents", "relazione.pdf", pdf_plain, None),
]
REFUSED = [item for item in CORPUS if item.refused]
ACCEPTED = [item for item in CORPUS if not item.refused]

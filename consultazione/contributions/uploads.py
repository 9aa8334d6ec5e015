"""Checking and processing uploaded images and PDFs, in memory, before anything is stored.

Images are opened with Pillow restricted to JPEG/PNG/WebP, checked for size in bytes and pixels
(the header is read first, so a decompression bomb never gets decoded), fully decoded (so a
truncated file is caught), turned upright, re-encoded without metadata (EXIF, GPS, text chunks)
and resized to a display size and a thumbnail. PDFs are checked by signature and size, then
parsed with pikepdf and refused if they carry JavaScript, launch actions or embedded files
(pdfscan.py).
"""

import io
import secrets
import warnings
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from consultazione.core.names import NameKind, clean_name

from . import conf

IMAGE_FORMATS = ("JPEG", "PNG", "WEBP")


class UploadRejected(Exception):
    """One file refused, with a message that says why (shown next to the field)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ImageUpload:
    file: Any
    alt_text: str = ""


@dataclass(frozen=True)
class DocumentUpload:
    file: Any
    title: str = ""


@dataclass(frozen=True)
class ProcessedImage:
    display: bytes
    thumbnail: bytes
    extension: str
    width: int
    height: int
    alt_text: str

    def names(self) -> tuple[str, str]:
        token = secrets.token_hex(8)
        return f"{token}.{self.extension}", f"{token}-mini.{self.extension}"


@dataclass(frozen=True)
class CheckedDocument:
    file: Any
    title: str
    size: int

    def name(self) -> str:
        return f"{secrets.token_hex(8)}.pdf"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def _size_of(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
    file.seek(0)
    return size


def _encode(image: Image.Image, *, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "PNG":
        image.save(buffer, format="PNG", optimize=True)
    else:
        image.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def _resized(image: Image.Image, side: int) -> Image.Image:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    return copy


def _too_large(width: int, height: int) -> UploadRejected | None:
    max_pixels, max_side = conf.image_max_pixels(), conf.image_max_side()
    if width * height > max_pixels or max(width, height) > max_side:
        return UploadRejected(
            _("l'immagine è troppo grande: %(w)s×%(h)s pixel, il massimo è %(mp)s megapixel e %(side)s pixel per lato.")
            % {"w": width, "h": height, "mp": f"{max_pixels / 1_000_000:g}", "side": max_side}
        )
    return None


def image_inspect(upload: ImageUpload) -> int:
    """The cheap checks (alt text, bytes, format and size from the header): the pixels to decode.

    Nothing is decoded here: Pillow's `Image.open` reads the header only."""
    _alt_text(upload)
    size = _size_of(upload.file)
    limit = conf.image_max_bytes()
    if size > limit:
        raise UploadRejected(
            _("il file pesa %(size)s MB, il massimo è %(max)s MB.") % {"size": _megabytes(size), "max": _megabytes(limit)}
        )
    with _opened(upload) as opened:
        width, height = opened.size
    return width * height


@contextmanager
def _opened(upload: ImageUpload):
    """Pillow's `Image.open` of an upload (the header only), refused when its size is too large;
    every failure, while opening or while the caller decodes, becomes one clear refusal."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload.file, formats=IMAGE_FORMATS) as opened:
                too_large = _too_large(*opened.size)
                if too_large:
                    raise too_large
                yield opened
    except UploadRejected:
        raise
    except UnidentifiedImageError:
        raise UploadRejected(_("il file non è un'immagine JPEG, PNG o WebP (il suo contenuto non corrisponde)."))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRejected(_("l'immagine dichiara un numero di pixel eccessivo e non può essere aperta in sicurezza."))
    except (OSError, SyntaxError, ValueError, EOFError):
        raise UploadRejected(_("l'immagine è danneggiata o incompleta e non può essere letta."))
    finally:
        upload.file.seek(0)


def _alt_text(upload: ImageUpload) -> str:
    alt_text, problems = clean_name(upload.alt_text, kind=NameKind.TEXT)
    if problems:
        raise UploadRejected(problems[0])
    if not alt_text:
        raise UploadRejected(_("manca il testo alternativo: descrivi in poche parole che cosa mostra l'immagine."))
    if len(alt_text) > 250:
        raise UploadRejected(_("il testo alternativo è troppo lungo (al massimo 250 caratteri)."))
    return alt_text


@contextmanager
def _strict_decoding():
    """Truncated data is an error while we decode, whatever the process-wide flag says: WeasyPrint
    sets `ImageFile.LOAD_TRUNCATED_IMAGES = True` when it is first imported (the first report PDF
    built by the worker), which made Pillow pad a truncated upload with grey instead of refusing it."""
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def image_process(upload: ImageUpload) -> ProcessedImage:
    """Decode, turn upright, strip metadata, re-encode. Call `image_inspect` (and charge the
    pixel budget) first; the size is checked again here, before `load()`."""
    alt_text = _alt_text(upload)
    with _strict_decoding(), _opened(upload) as opened:
        opened.load()
        image = ImageOps.exif_transpose(opened)

    has_alpha = image.mode in {"RGBA", "LA"} or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.info = {}
    fmt = "PNG" if has_alpha else "JPEG"
    display = _resized(image, conf.IMAGE_DISPLAY_SIZE)
    return ProcessedImage(
        display=_encode(display, fmt=fmt),
        thumbnail=_encode(_resized(image, conf.IMAGE_THUMBNAIL_SIZE), fmt=fmt),
        extension="png" if fmt == "PNG" else "jpg",
        width=display.width,
        height=display.height,
        alt_text=alt_text,
    )


def document_check(upload: DocumentUpload, *, position: int) -> CheckedDocument:
    size = _size_of(upload.file)
    limit = conf.document_max_bytes()
    if size > limit:
        raise UploadRejected(
            _("il file pesa %(size)s MB, il massimo è %(max)s MB.") % {"size": _megabytes(size), "max": _megabytes(limit)}
        )
    head = upload.file.read(1024)
    upload.file.seek(max(0, size - 2048))
    tail = upload.file.read()
    upload.file.seek(0)
    if not head.startswith(b"%PDF-"):
        raise UploadRejected(_("il file non è un PDF (la firma iniziale del file non corrisponde)."))
    if b"%%EOF" not in tail:
        raise UploadRejected(_("il PDF è incompleto (manca la chiusura del file)."))
    if zipfile.is_zipfile(upload.file):  # a PDF that is also a ZIP archive (a polyglot)
        upload.file.seek(0)
        raise UploadRejected(_("il file è sia un PDF sia un archivio ZIP: carica un PDF semplice."))
    upload.file.seek(0)
    from .pdfscan import PdfProblem, pdf_scan  # pikepdf (qpdf) is loaded on the first PDF, not at startup

    try:
        pdf_scan(upload.file)
    except PdfProblem as problem:
        raise UploadRejected(problem.message) from problem
    title, problems = clean_name(upload.title, kind=NameKind.TITLE)
    if problems:
        raise UploadRejected(problems[0])
    title = title[:200] or _("Documento allegato %(n)s") % {"n": position}
    return CheckedDocument(file=upload.file, title=title, size=size)

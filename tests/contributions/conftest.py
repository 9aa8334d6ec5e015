"""Fixtures for the contributions tests: an isolated MEDIA_ROOT, a submit helper, generated files."""

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from consultazione.contributions.models import Contribution
from consultazione.process.models import Process
from tests.conftest import submit_contribution


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def open_psm(psm):
    """The PSM process in the listening phase (submit, comment and support allowed)."""
    psm.set_phase("ascolto")
    return psm


def fresh_process(psm) -> Process:
    """The process with its phases prefetched (as views and selectors load it)."""
    return Process.objects.prefetch_related("phases").get(pk=psm.process.pk)


@pytest.fixture
def submit(open_psm):
    """Submit through the real service with sensible defaults; keywords override them."""

    def _submit(author, **overrides) -> Contribution:
        return submit_contribution(open_psm, author, **overrides)

    return _submit


def image_bytes(fmt: str = "JPEG", size=(640, 480), *, exif: bytes | None = None, mode: str = "RGB") -> bytes:
    image = Image.new(mode, size, (30, 120, 200) if mode == "RGB" else (30, 120, 200, 128))
    for x in range(0, size[0], 7):
        image.putpixel((x, x % size[1]), (250, 10, 10) if mode == "RGB" else (250, 10, 10, 255))
    buffer = io.BytesIO()
    kwargs = {"exif": exif} if exif else {}
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "FotoCamera SpA"  # Make
    exif[0x0110] = "Modello X"  # Model
    gps = {1: "N", 2: (45.0, 3.0, 0.0), 3: "E", 4: (7.0, 40.0, 0.0)}
    exif[0x8825] = gps
    return image_bytes("JPEG", exif=exif.tobytes())


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that declares huge dimensions (a decompression bomb: never decoded by us)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def zip_named_png() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("documento.txt", "non sono un'immagine " * 100)
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    data = image_bytes("JPEG", size=(800, 600))
    return data[: len(data) // 2]


def pdf_bytes(pages_text: str = "Relazione del tavolo") -> bytes:
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        b"% " + pages_text.encode() + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return body


def big_upload(name: str, megabytes: int = 60) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\xff\xd8\xff" + b"\x00" * (megabytes * 1024 * 1024), content_type="image/jpeg")

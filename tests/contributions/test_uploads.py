"""The upload corpus: good files are re-encoded without metadata; bad ones are refused with a
reason and leave nothing behind (no row, no file in MEDIA_ROOT)."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from consultazione.contributions.models import Contribution, ContributionDocument, ContributionImage
from consultazione.contributions.services import DocumentUpload, ImageUpload

from .conftest import (
    big_upload,
    image_bytes,
    jpeg_with_gps,
    pdf_bytes,
    png_header_only,
    stored_files,
    truncated_jpeg,
    upload,
    zip_named_png,
)


def test_good_images_are_reencoded_resized_and_stripped(submit, citizen, media_root):
    images = [
        ImageUpload(upload("foto.jpg", jpeg_with_gps(), "image/jpeg"), "La stazione di Pinerolo al mattino"),
        ImageUpload(upload("mappa.png", image_bytes("PNG", size=(2400, 1200), mode="RGBA")), "Mappa delle fermate"),
        ImageUpload(upload("scorcio.webp", image_bytes("WEBP")), "Binari verso Torino"),
    ]
    contribution = submit(citizen, images=images)
    stored = list(contribution.images.all())
    assert [image.alt_text for image in stored] == [i.alt_text for i in images]
    with Image.open(stored[0].image.path) as photo:
        assert photo.format == "JPEG"
        assert not photo.getexif()
        assert "exif" not in photo.info
    with Image.open(stored[1].image.path) as map_image:
        assert map_image.format == "PNG"
        assert map_image.size == (1600, 800)
        assert (stored[1].width, stored[1].height) == (1600, 800)
    with Image.open(stored[1].thumbnail.path) as thumb:
        assert max(thumb.size) == 480
    assert all("foto" not in image.image.name for image in stored)  # original names are not kept
    assert len(stored_files(media_root)) == 6


def test_pdf_documents_are_stored(submit, citizen):
    contribution = submit(citizen, documents=[DocumentUpload(upload("relazione.pdf", pdf_bytes()), "Relazione del tavolo")])
    document = contribution.documents.get()
    assert document.title == "Relazione del tavolo"
    assert document.size == len(pdf_bytes())
    assert document.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "make", "field", "reason"),
    [
        ("enorme.jpg", lambda: big_upload("enorme.jpg"), "images", "il massimo è 10,0 MB"),
        ("finto.png", lambda: upload("finto.png", zip_named_png(), "image/png"), "images", "non è un'immagine JPEG, PNG o WebP"),
        ("bomba.png", lambda: upload("bomba.png", png_header_only(50_000, 50_000), "image/png"), "images", "pixel"),
        ("grande.png", lambda: upload("grande.png", png_header_only(8000, 6000), "image/png"), "images", "24 megapixel"),
        ("rotta.jpg", lambda: upload("rotta.jpg", truncated_jpeg(), "image/jpeg"), "images", "danneggiata o incompleta"),
        ("anim.gif", lambda: upload("anim.gif", image_bytes("GIF")), "images", "non è un'immagine JPEG, PNG o WebP"),
    ],
)
def test_bad_images_are_refused_with_a_reason(submit, citizen, media_root, name, make, field, reason):
    good = ImageUpload(upload("buona.jpg", image_bytes()), "Una foto valida")
    with pytest.raises(ValidationError) as info:
        submit(citizen, images=[good, ImageUpload(make(), "Testo alternativo")])
    messages = info.value.message_dict[field]
    assert len(messages) == 1
    assert name in messages[0] and reason in messages[0]
    assert not Contribution.objects.exists()
    assert not ContributionImage.objects.exists()
    assert stored_files(media_root) == []


def test_missing_alt_text_is_refused(submit, citizen, media_root):
    with pytest.raises(ValidationError) as info:
        submit(citizen, images=[ImageUpload(upload("foto.jpg", image_bytes()), "  ")])
    assert "testo alternativo" in info.value.message_dict["images"][0]
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        pytest.param(lambda: b"MZ\x90\x00 programma eseguibile", "non è un PDF", id="executable"),
        pytest.param(lambda: pdf_bytes()[:-8], "incompleto", id="truncated"),
        pytest.param(lambda: b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024) + b"\n%%EOF", "il massimo è 10,0 MB", id="11MB"),
    ],
)
def test_bad_documents_are_refused(submit, citizen, media_root, make, reason):
    with pytest.raises(ValidationError) as info:
        submit(citizen, documents=[DocumentUpload(upload("allegato.pdf", make()), "Allegato")])
    assert reason in info.value.message_dict["documents"][0]
    assert not ContributionDocument.objects.exists()
    assert stored_files(media_root) == []


def test_at_most_three_of_each(submit, citizen):
    images = [ImageUpload(upload(f"f{n}.jpg", image_bytes()), f"Foto {n}") for n in range(4)]
    documents = [DocumentUpload(upload(f"d{n}.pdf", pdf_bytes()), "") for n in range(4)]
    with pytest.raises(ValidationError) as info:
        submit(citizen, images=images, documents=documents)
    assert "al massimo 3 immagini" in info.value.message_dict["images"][0]
    assert "al massimo 3 documenti" in info.value.message_dict["documents"][0]


def test_all_errors_are_reported_together(submit, citizen):
    with pytest.raises(ValidationError) as info:
        submit(
            citizen,
            title="No",
            body="<script>x</script>",
            images=[ImageUpload(upload("finto.png", zip_named_png()), "alt")],
            documents=[DocumentUpload(upload("x.pdf", b"nope"), "")],
        )
    assert {"title", "body", "images", "documents"} <= set(info.value.message_dict)


def test_storage_failure_removes_written_files(submit, citizen, media_root, monkeypatch):
    from consultazione.contributions.models import ContributionDocument as Document

    def broken_save(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(Document, "save", broken_save)
    with pytest.raises(OSError):
        submit(
            citizen,
            images=[ImageUpload(upload("foto.jpg", image_bytes()), "Foto")],
            documents=[DocumentUpload(upload("relazione.pdf", pdf_bytes()), "Relazione")],
        )
    assert not Contribution.objects.exists()
    assert stored_files(media_root) == []


def test_exif_orientation_is_applied_before_stripping(submit, citizen):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise when displayed
    data = image_bytes("JPEG", size=(400, 200), exif=exif.tobytes())
    contribution = submit(citizen, images=[ImageUpload(upload("ruotata.jpg", data), "Foto ruotata")])
    with Image.open(io.BytesIO(contribution.images.get().image.read())) as stored:
        assert stored.size == (200, 400)

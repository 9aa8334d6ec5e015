"""The hostile upload corpus (corpus.py) through every door that accepts files: the citizen's web
form, the facilitator's web form, the API (online and facilitated). A refused file gets a clear
4xx with its reason next to the field, and nothing is stored: no contribution, image or document
row, no file under MEDIA_ROOT. The accepted ones are stored re-encoded and safe."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from PIL import Image, ImageFile
from rest_framework.test import APIClient

from consultazione.contributions.models import Contribution, ContributionDocument, ContributionImage

from .conftest import stored_files, upload
from .corpus import ACCEPTED, REFUSED, SCRIPT, Item

DOORS = ["web", "web-facilitated", "api", "api-facilitated"]
FIELD_NAMES = {"images": ("image_1", "image_alt_1"), "documents": ("document_1", "document_title_1")}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _text(psm) -> dict:
    return {
        "kind": "criticita",
        "title": "Autobus troppo pieni sulla linea per Chieri",
        "body": "Al mattino le corse delle 7:30 sono sempre piene e molti studenti restano a terra.",
        "axis": psm.axes[3].pk,
    }


def _post(door: str, psm, user, item: Item):
    file = upload(item.name, item.build(), item.content_type)
    data = _text(psm)
    if door.endswith("facilitated"):
        data |= {"channel": "tavolo", "source": "Tavolo territoriale ZO11, Chieri, 5/12/2023"}
    if door.startswith("web"):
        from django.test import Client

        client = Client()
        client.force_login(user)
        file_field, text_field = FIELD_NAMES[item.field]
        data |= {"strategy": "", "action": "", "zona": "", "comune": "", file_field: file, text_field: "Descrizione"}
        name = "contributions:facilitated_create" if door == "web-facilitated" else "contributions:create"
        return client.post(reverse(name), data)
    client = APIClient()
    client.force_authenticate(user)
    data |= {item.field: [file], f"{item.field}_alt" if item.field == "images" else "documents_title": ["Descrizione"]}
    return client.post("/api/v1/contributions/", data, format="multipart")


def _submitter(door, citizen, facilitator):
    return facilitator if door.endswith("facilitated") else citizen


def _message(door: str, response, field: str) -> str:
    if door.startswith("web"):
        return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    body = response.json()
    assert body["code"] == "invalid", body
    return " ".join(body["errors"][field])


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("item", REFUSED, ids=[item.id for item in REFUSED])
def test_hostile_upload_is_refused_and_nothing_is_stored(door, item, open_psm, citizen, facilitator, media_root):
    response = _post(door, open_psm, _submitter(door, citizen, facilitator), item)
    assert response.status_code == 400, response.content[:500]
    message = _message(door, response, item.field)
    assert item.refused in message, message[:2000]
    assert item.name.rsplit("/", 1)[-1] in message  # which file, by its name
    assert not Contribution.objects.exists()
    assert not ContributionImage.objects.exists() and not ContributionDocument.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("item", ACCEPTED, ids=[item.id for item in ACCEPTED])
def test_accepted_upload_is_stored_safely(door, item, open_psm, citizen, facilitator, media_root, tmp_path):
    response = _post(door, open_psm, _submitter(door, citizen, facilitator), item)
    assert response.status_code in (201, 302), response.content[:500]
    contribution = Contribution.objects.get()
    files = stored_files(media_root)
    assert files and all(media_root.resolve() in path.resolve().parents for path in files)
    assert not (tmp_path / "etc").exists()
    for path in files:
        content = path.read_bytes()
        assert SCRIPT not in content and b"<html" not in content
        assert "passwd" not in path.name and ".." not in str(path.relative_to(media_root))
    if item.field == "images":
        image = contribution.images.get()
        with Image.open(image.image.path) as stored:
            assert stored.format == "JPEG"
            assert not stored.getexif()  # no GPS, no camera: EXIF is not copied
            assert "exif" not in stored.info
    else:
        assert contribution.documents.get().file.read().startswith(b"%PDF-")


@pytest.mark.parametrize("door", ["web", "api"])
def test_failed_upload_attempts_count_towards_the_limit(door, open_psm, citizen, media_root, settings):
    """The report: a 39.9 MP PNG paired with a bad second file failed, so it never counted."""
    settings.CONTRIBUTION_UPLOAD_RATE = "3/3600"
    bad = next(item for item in REFUSED if item.id == "39.9-megapixels")
    statuses = [_post(door, open_psm, citizen, bad).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    assert stored_files(media_root) == []


def test_decoded_pixels_are_capped_per_person(open_psm, citizen, media_root, settings, monkeypatch):
    """Past the hourly megapixel budget nothing more is decoded: 429, and Pillow never loads."""
    settings.CONTRIBUTION_IMAGE_MEGAPIXEL_RATE = "1/3600"  # one megapixel an hour
    good = next(item for item in ACCEPTED if item.id == "path-traversal-name")  # 640×480 = 0.3 MP
    assert [_post("api", open_psm, citizen, good).status_code for _ in range(3)] == [201, 201, 201]
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: decoded.append(self) or None)
    response = _post("api", open_psm, citizen, good)
    assert response.status_code == 429
    assert "immagini grandi" in response.json()["detail"]
    assert decoded == []
    assert Contribution.objects.count() == 3


def test_uploaded_files_are_served_as_downloads_never_sniffed(open_psm, citizen, media_root):
    """The app's own /media/ (SERVE_MEDIA, development): what nginx sends, the app sends too."""
    pdf = next(item for item in ACCEPTED if item.id == "plain-pdf")
    photo = next(item for item in ACCEPTED if item.id == "jpeg-with-gps")
    assert _post("api", open_psm, citizen, pdf).status_code == 201
    assert _post("api", open_psm, citizen, photo).status_code == 201
    client = APIClient()
    document = ContributionDocument.objects.get()
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    image = ContributionImage.objects.get()
    response = client.get(image.image.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert not response.get("Content-Disposition", "").startswith("attachment")  # inline: our own re-encoded JPEG
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_stray_html_file_under_media_is_a_download(media_root, client):
    """Whatever lands under MEDIA_ROOT (a restore, a manual copy) is never rendered as a page."""
    media_root.mkdir(parents=True, exist_ok=True)
    (media_root / "pagina.html").write_bytes(b"<html>" + SCRIPT + b"</html>")
    response = client.get("/media/pagina.html")
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_wagtail_documents_are_downloads(db, media_root, client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from .corpus import pdf_plain

    document = Document.objects.create(title="Regolamento", file=ContentFile(pdf_plain(), name="regolamento.pdf"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("door", ["web", "api"])
def test_truncated_image_is_refused_after_weasyprint_was_loaded(door, open_psm, citizen, media_root, monkeypatch):
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES on import (any report PDF built before): a
    truncated upload was then padded with grey and stored."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # what `import weasyprint` does
    truncated = next(item for item in REFUSED if item.id == "truncated-image")
    response = _post(door, open_psm, citizen, truncated)
    assert response.status_code == 400
    assert "danneggiata o incompleta" in _message(door, response, "images")
    assert stored_files(media_root) == []
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # WeasyPrint's own setting is left as it was

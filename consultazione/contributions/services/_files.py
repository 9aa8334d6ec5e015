"""Writing checked uploads next to a contribution; written files are removed if anything fails."""

from collections.abc import Callable, Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from .. import conf
from ..models import Contribution, ContributionDocument, ContributionImage
from ..uploads import (
    CheckedDocument,
    DocumentUpload,
    ImageUpload,
    ProcessedImage,
    UploadRejected,
    document_check,
    image_inspect,
    image_process,
)


def _as_image_upload(item) -> ImageUpload:
    return item if isinstance(item, ImageUpload) else ImageUpload(*item)


def _as_document_upload(item) -> DocumentUpload:
    return item if isinstance(item, DocumentUpload) else DocumentUpload(*item)


def uploads_check(
    *,
    images: Iterable,
    documents: Iterable,
    existing_images: int = 0,
    existing_documents: int = 0,
    charge_pixels: Callable[[int], None] | None = None,
) -> tuple[list[ProcessedImage], list[CheckedDocument], dict[str, list[str]]]:
    """Check every file (all errors collected, nothing written).

    The cheap checks of every file come first (bytes, format, dimensions from the header, the PDF
    scan); images are decoded only if all of them pass and `charge_pixels` (the person's pixel
    budget, which may raise RateLimited) accepts their total: a bad second file, or a person past
    the budget, never costs a decode."""
    errors: dict[str, list[str]] = {}
    image_uploads = [_as_image_upload(item) for item in images]
    document_uploads = [_as_document_upload(item) for item in documents]
    if existing_images + len(image_uploads) > conf.MAX_IMAGES:
        errors.setdefault("images", []).append(_("Puoi allegare al massimo %(n)s immagini.") % {"n": conf.MAX_IMAGES})
    if existing_documents + len(document_uploads) > conf.MAX_DOCUMENTS:
        errors.setdefault("documents", []).append(_("Puoi allegare al massimo %(n)s documenti.") % {"n": conf.MAX_DOCUMENTS})
    pixels = 0
    for position, upload in enumerate(image_uploads, start=1):
        try:
            pixels += image_inspect(upload)
        except UploadRejected as exc:
            _image_error(errors, position, upload, exc)
    checked: list[CheckedDocument] = []
    for position, upload in enumerate(document_uploads, start=1):
        try:
            checked.append(document_check(upload, position=existing_documents + position))
        except UploadRejected as exc:
            errors.setdefault("documents", []).append(
                _("Documento %(n)s («%(name)s»): %(why)s") % {"n": position, "name": _filename(upload.file), "why": exc.message}
            )
    processed: list[ProcessedImage] = []
    if errors:
        return processed, checked, errors
    if charge_pixels is not None and pixels:
        charge_pixels(pixels)
    for position, upload in enumerate(image_uploads, start=1):
        try:
            processed.append(image_process(upload))
        except UploadRejected as exc:  # damaged data after a valid header (a truncated file)
            _image_error(errors, position, upload, exc)
    return processed, checked, errors


def _image_error(errors: dict[str, list[str]], position: int, upload, exc: UploadRejected) -> None:
    errors.setdefault("images", []).append(
        _("Immagine %(n)s («%(name)s»): %(why)s") % {"n": position, "name": _filename(upload.file), "why": exc.message}
    )


def _filename(file) -> str:
    return str(getattr(file, "name", "") or "").rsplit("/", 1)[-1][:80]


def uploads_store(
    *, contribution: Contribution, images: Sequence[ProcessedImage], documents: Sequence[CheckedDocument], start: int = 0
) -> None:
    """Write the files and their rows; on any failure delete what was written and re-raise."""
    written = []
    try:
        for position, processed in enumerate(images, start=start):
            display_name, thumbnail_name = processed.names()
            row = ContributionImage(contribution=contribution, alt_text=processed.alt_text, position=position)
            row.image.save(display_name, ContentFile(processed.display), save=False)
            written.append(row.image)
            row.thumbnail.save(thumbnail_name, ContentFile(processed.thumbnail), save=False)
            written.append(row.thumbnail)
            row.width, row.height = processed.width, processed.height
            row.save()
        for position, checked in enumerate(documents, start=start):
            row = ContributionDocument(contribution=contribution, title=checked.title, size=checked.size, position=position)
            checked.file.seek(0)
            row.file.save(checked.name(), checked.file, save=False)
            written.append(row.file)
            row.save()
    except Exception:
        for field_file in written:
            field_file.storage.delete(field_file.name)
        raise


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)

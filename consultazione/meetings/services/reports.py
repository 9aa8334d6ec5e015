"""Storage of the restituzione draft. The building (data gathering, HTML, PDF, DOCX) happens
in consultazione.reports.restituzione, which sits above meetings and live."""

from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.core.exceptions import InvalidInput
from consultazione.core.permissions import check_perm

from ..models import Meeting, MeetingReport, ReportStatus
from ..report_html import sanitise_report_html

MAX_HTML = 500_000


def _clean_html(html: str) -> str:
    if len(html) > MAX_HTML:
        raise InvalidInput(_("Il testo della restituzione è troppo lungo."), code="html")
    cleaned = sanitise_report_html(html).strip()
    if not cleaned:
        raise InvalidInput(_("Il testo della restituzione è vuoto."), code="html")
    return cleaned


@transaction.atomic
def report_draft_store(*, actor, meeting: Meeting, html: str, show_organisation_names: bool) -> MeetingReport:
    """Replace the draft with freshly generated HTML (files are rebuilt afterwards; the public
    version, if any, stays until the report is published again)."""
    check_perm(actor, "meetings.build_report", meeting)
    if show_organisation_names and not meeting.is_institutional:
        raise InvalidInput(_("I nomi degli enti si pubblicano solo per gli incontri istituzionali."), code="names")
    report, _created = MeetingReport.objects.select_for_update().get_or_create(meeting=meeting)
    report.html = _clean_html(html)
    report.show_organisation_names = show_organisation_names
    report.built_at = timezone.now()
    report.built_by = actor
    report.save()
    return report


@transaction.atomic
def report_html_update(*, actor, report: MeetingReport, html: str) -> MeetingReport:
    """Staff edit the draft; what is public (published_html and files) changes only when republished."""
    check_perm(actor, "meetings.change_meetingreport", report)
    report = MeetingReport.objects.select_for_update().get(pk=report.pk)
    report.html = _clean_html(html)
    report.edited_at = timezone.now()
    report.save()
    return report


@transaction.atomic
def report_files_store(*, actor, report: MeetingReport, pdf: bytes | None, docx: bytes | None, error: str = "") -> MeetingReport:
    """Store the generated files; when a build failed, keep the HTML and record the error for staff."""
    check_perm(actor, "meetings.build_report", report.meeting)
    report = MeetingReport.objects.select_for_update().select_related("meeting").get(pk=report.pk)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    for field_name, content, extension in (("pdf", pdf, "pdf"), ("docx", docx, "docx")):
        if content is None:
            continue
        old = getattr(report, field_name)
        if old:  # the old file goes once the new row is committed: a rollback keeps it downloadable
            transaction.on_commit(partial(old.storage.delete, old.name))
        getattr(report, field_name).save(
            f"restituzione-{report.meeting.slug}-{stamp}.{extension}", ContentFile(content), save=False
        )
    report.build_error = error
    report.save()
    return report


@transaction.atomic
def report_mark_published(*, actor, report: MeetingReport, url: str) -> MeetingReport:
    check_perm(actor, "meetings.publish_report", report)
    report = MeetingReport.objects.select_for_update().get(pk=report.pk)
    report.status = ReportStatus.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = actor
    report.published_url = url
    report.save()
    return report

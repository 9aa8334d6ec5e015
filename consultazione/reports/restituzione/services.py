"""Build, edit and publish the restituzione of a meeting (staff).

Building renders the HTML from the meeting's data, stores it as the draft, then renders the
PDF and the DOCX from that HTML. A failing PDF or DOCX never loses the HTML: the draft stays
and the error is stored for staff to see."""

import logging
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consultazione.core.exceptions import Conflict
from consultazione.core.permissions import check_perm
from consultazione.meetings.models import Meeting, MeetingReport
from consultazione.meetings.services import report_draft_store, report_files_store, report_html_update, report_mark_published

from .data import report_data
from .docx import render_docx
from .pdf import render_pdf
from .publishing import get_publisher

logger = logging.getLogger(__name__)


def report_title(meeting: Meeting) -> str:
    return _("Restituzione – %(title)s") % {"title": meeting.title}


def report_subtitle(meeting: Meeting) -> str:
    day = date_format(timezone.localtime(meeting.starts_at), "j F Y")
    return f"{meeting.get_kind_display()} · {day} · {meeting.process.title}"


def restituzione_html(meeting: Meeting, *, show_organisation_names: bool) -> str:
    data = report_data(meeting, show_organisation_names=show_organisation_names)
    return render_to_string("reports/restituzione/report_body.html", {"data": data})


def _files(report: MeetingReport, actor) -> MeetingReport:
    meeting = report.meeting
    title, subtitle = report_title(meeting), report_subtitle(meeting)
    pdf = docx = None
    errors = []
    try:
        pdf = render_pdf(title=title, subtitle=subtitle, body_html=report.html)
    except Exception as exc:  # any renderer failure is reported to staff; the HTML stays
        logger.exception("PDF della restituzione %s non generato", meeting.slug)
        errors.append(_("PDF non generato: %(e)s") % {"e": exc})
    try:
        docx = render_docx(title=title, subtitle=subtitle, body_html=report.html)
    except Exception as exc:
        logger.exception("DOCX della restituzione %s non generato", meeting.slug)
        errors.append(_("DOCX non generato: %(e)s") % {"e": exc})
    return report_files_store(actor=actor, report=report, pdf=pdf, docx=docx, error="\n".join(errors))


def restituzione_build(*, actor, meeting: Meeting, show_organisation_names: bool = False) -> MeetingReport:
    """One click: gather the data, store the editable HTML, render the PDF and the DOCX."""
    check_perm(actor, "meetings.build_report", meeting)
    html = restituzione_html(meeting, show_organisation_names=show_organisation_names)
    report = report_draft_store(actor=actor, meeting=meeting, html=html, show_organisation_names=show_organisation_names)
    return _files(report, actor)


def restituzione_edit(*, actor, report: MeetingReport, html: str) -> MeetingReport:
    """Save the staff's edit of the HTML and re-render the files from it."""
    report = report_html_update(actor=actor, report=report, html=html)
    return _files(report, actor)


@transaction.atomic
def restituzione_publish(*, actor, report: MeetingReport) -> MeetingReport:
    """Publish the current draft: the public page (Wagtail) and the public copies of the files."""
    check_perm(actor, "meetings.publish_report", report)
    report = MeetingReport.objects.select_for_update().select_related("meeting").get(pk=report.pk)
    if not report.html:
        raise Conflict(_("Genera la restituzione prima di pubblicarla."))
    if report.build_error or not report.pdf or not report.docx:
        raise Conflict(_("I file PDF e DOCX non sono stati generati: correggi l'errore e rigenera prima di pubblicare."))
    publisher = get_publisher()
    if publisher is None:
        raise Conflict(_("Il sito pubblico (CMS) non è disponibile: impossibile pubblicare."))
    for field_name in ("pdf", "docx"):
        source = getattr(report, field_name)
        target = getattr(report, f"published_{field_name}")
        source.open("rb")
        try:
            content = source.read()
        finally:
            source.close()
        if target:  # deleted once the new row is committed: a rollback keeps it downloadable
            transaction.on_commit(partial(target.storage.delete, target.name))
        target.save(source.name.rsplit("/", 1)[-1], ContentFile(content), save=False)
    report.published_html = report.html
    report.save(update_fields=["published_pdf", "published_docx", "published_html", "updated_at"])
    url = publisher(report=report, actor=actor)
    return report_mark_published(actor=actor, report=report, url=url)

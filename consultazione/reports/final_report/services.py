"""The final participation report: staff write the synthesis, build the PDF, publish."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.core.exceptions import InvalidInput
from consultazione.core.permissions import check_perm
from consultazione.plan.models import Axis
from consultazione.process.models import Process

from ..models import AxisSynthesis, ExportJob, ExportKind, ExportLog, ParticipationReport, ReportStatus
from ..services.exports import enqueue_build
from .data import report_data
from .publishing import get_publisher
from .render import report_html, report_pdf

REPORT_FIELDS = ("introduction", "channels_note", "plan_changes", "next_steps")
SYNTHESIS_FIELDS = ("criticita", "proposals", "outcomes", "territorial")


@transaction.atomic
def participation_report_ensure(*, actor, process: Process) -> ParticipationReport:
    """The draft report of the process, with one (empty) synthesis per axis of its plan."""
    check_perm(actor, "reports.edit_report", process)
    report, _created = ParticipationReport.objects.get_or_create(process=process)
    plan_id = process.working_plan_id
    existing = set(report.axis_syntheses.values_list("axis_id", flat=True))
    AxisSynthesis.objects.bulk_create(
        [AxisSynthesis(report=report, axis=axis) for axis in Axis.objects.filter(plan_id=plan_id) if axis.pk not in existing]
    )
    return report


@transaction.atomic
def participation_report_update(
    *, actor, report: ParticipationReport, fields: dict, syntheses: dict[int, dict]
) -> ParticipationReport:
    """`fields`: REPORT_FIELDS values; `syntheses`: {axis_id: {SYNTHESIS_FIELDS values}}."""
    check_perm(actor, "reports.edit_report", report.process)
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise InvalidInput(_("Campi sconosciuti: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(report, name, value.strip())
    report.edited_at = timezone.now()
    report.edited_by = actor
    report.full_clean()
    report.save()
    rows = {s.axis_id: s for s in report.axis_syntheses.select_for_update()}
    for axis_id, values in syntheses.items():
        synthesis = rows.get(axis_id)
        if synthesis is None:
            raise InvalidInput(_("L'asse indicato non appartiene al piano del processo."))
        for name in SYNTHESIS_FIELDS:
            if name in values:
                setattr(synthesis, name, values[name].strip())
        synthesis.full_clean()
        synthesis.save()
    return report


def participation_report_pdf_request(*, actor, process: Process) -> ExportJob:
    """Build the PDF of the current draft in the background."""
    check_perm(actor, "reports.edit_report", process)
    with transaction.atomic():
        job = ExportJob.objects.create(process=process, kind=ExportKind.REPORT_PDF, requested_by=actor)
        ExportLog.objects.create(user=actor, process=process, kind=ExportKind.REPORT_PDF, job=job)
    return enqueue_build(job)


@transaction.atomic
def participation_report_publish(*, actor, report: ParticipationReport) -> ParticipationReport:
    """Freeze the current text and figures (HTML + PDF) and put them on the public site."""
    check_perm(actor, "reports.publish_report", report.process)
    publisher = get_publisher()
    if publisher is None:
        raise InvalidInput(_("Il sito pubblico non è disponibile: impossibile pubblicare il rapporto."))
    report = ParticipationReport.objects.select_for_update().get(pk=report.pk)
    html = report_html(report_data(report.process, report=report))
    pdf = report_pdf(process=report.process, body_html=html)
    if report.published_pdf:
        report.published_pdf.delete(save=False)
    report.published_pdf.save(f"rapporto-finale-{report.process.slug}.pdf", ContentFile(pdf), save=False)
    report.published_html = html
    report.status = ReportStatus.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = actor
    report.save()
    report.published_url = publisher(report=report, actor=actor)
    report.save(update_fields=["published_url"])
    return report

"""HTML of the final report (one template for the web page, the Wagtail page and the PDF) and
its PDF with WeasyPrint (local fonts only; charts are server-side SVG, WeasyPrint runs no JS)."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.process.models import Process

from ..conf import body_name
from ..models import ParticipationReport
from ..restituzione.pdf import render_pdf
from .data import ReportData, report_data


def report_title(process: Process) -> str:
    return _("Rapporto finale sulla partecipazione – %(p)s") % {"p": process.title}


def report_subtitle() -> str:
    return _("%(body)s · generato il %(d)s") % {"body": body_name(), "d": timezone.localdate().strftime("%d/%m/%Y")}


def report_html(data: ReportData) -> str:
    return render_to_string("reports/final_report/document.html", {"data": data})


def report_pdf(*, process: Process, body_html: str) -> bytes:
    return render_pdf(title=report_title(process), subtitle=report_subtitle(), body_html=body_html)


def write_report_pdf(path, *, process: Process) -> dict[str, int]:
    """The PDF of the current draft (staff preview). Returns the key figures it contains."""
    report = ParticipationReport.objects.filter(process=process).first()
    data = report_data(process, report=report)
    with open(path, "wb") as handle:
        handle.write(report_pdf(process=process, body_html=report_html(data)))
    return {"contributions": data.figures.contributions.total, "participants": data.figures.participants.people_online}

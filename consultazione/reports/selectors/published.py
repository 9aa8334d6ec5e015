"""The published final report of a process, for the links on the data pages."""

from consultazione.process.models import Process

from ..models import ParticipationReport, ReportStatus


def published_report(*, process: Process) -> ParticipationReport | None:
    """The process's final report when it is published and has a public page, else None."""
    return (
        ParticipationReport.objects.filter(process=process, status=ReportStatus.PUBLISHED)
        .exclude(published_url="")
        .only("pk", "process_id", "status", "published_at", "published_url")
        .first()
    )

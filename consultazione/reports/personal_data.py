"""What the reports app holds about a person: the exports they requested (staff only)."""

from .models import ExportJob, ExportLog


def reports_export(user) -> list[dict]:
    return [
        {
            "data": log.created_at.isoformat(timespec="seconds"),
            "tipo": log.kind,
            "dati": log.dataset,
            "con_dati_personali": log.personal_data,
            "consentita": log.allowed,
        }
        for log in ExportLog.objects.filter(user=user).order_by("created_at")
    ]


def reports_erase(user) -> None:
    """The files the person built are deleted; the log rows stay (accountability), unlinked by the anonymised account."""
    for job in ExportJob.objects.filter(requested_by=user).exclude(file=""):
        job.file.delete(save=False)
        ExportJob.objects.filter(pk=job.pk).update(file="", status="failed", error="File eliminato con l'account.")

"""Requesting exports: permission checks (refusals are logged too), the job, its retry."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.core import ratelimit
from consultazione.core.exceptions import Conflict, InvalidInput, PermissionDenied
from consultazione.process.models import Process

from .. import conf
from ..conf import open_data_max_age
from ..exports.datasets import DATASETS
from ..models import ExportJob, ExportKind, ExportLog, JobStatus
from ..tasks import build_export

STAFF_KINDS = (ExportKind.WORKBOOK, ExportKind.CSV, ExportKind.JSON)


def _may_export(actor, *, personal_data: bool) -> bool:
    if actor is None or not actor.has_perm("reports.export_data"):
        return False
    return not personal_data or actor.has_perm("reports.export_personal_data")


def _log_refusal(*, actor, process, kind, dataset, personal_data, channel) -> None:
    ExportLog.objects.create(
        user=actor if getattr(actor, "is_authenticated", False) else None,
        process=process,
        kind=kind,
        dataset=dataset,
        personal_data=personal_data,
        allowed=False,
        channel=channel,
    )


def enqueue_build(job: ExportJob) -> ExportJob:
    build_export.enqueue(job_id=job.pk)
    job.refresh_from_db()
    return job


def export_request(
    *, actor, process: Process, kind: str, dataset: str = "", personal_data: bool = False, channel: str = "web"
) -> ExportJob:
    """Start a staff export. A refused request raises PermissionDenied and leaves a log row."""
    if kind not in STAFF_KINDS:
        raise InvalidInput(_("Formato di esportazione sconosciuto: %(k)s.") % {"k": kind})
    if kind == ExportKind.WORKBOOK:
        dataset = ""
    elif dataset not in DATASETS:
        raise InvalidInput(_("Scegli il tipo di dati da esportare."))
    if not _may_export(actor, personal_data=personal_data):
        _log_refusal(actor=actor, process=process, kind=kind, dataset=dataset, personal_data=personal_data, channel=channel)
        if personal_data and _may_export(actor, personal_data=False):
            raise PermissionDenied(_("Per esportare i dati personali serve un'autorizzazione specifica."))
        raise PermissionDenied(_("Non hai il permesso di esportare i dati."))
    ratelimit.check(
        f"export:{actor.pk}",
        conf.export_rate(),
        message=_("Hai chiesto molte esportazioni in poco tempo: usa quelle già pronte qui sotto o riprova più tardi."),
    )
    with transaction.atomic():
        job = ExportJob.objects.create(
            process=process, kind=kind, dataset=dataset, personal_data=personal_data, requested_by=actor
        )
        ExportLog.objects.create(
            user=actor, process=process, kind=kind, dataset=dataset, personal_data=personal_data, channel=channel, job=job
        )
    return enqueue_build(job)


def export_retry(*, actor, job: ExportJob) -> ExportJob:
    """Run a failed build again (same request, same log row)."""
    if job.kind in STAFF_KINDS and not _may_export(actor, personal_data=job.personal_data):
        raise PermissionDenied(_("Non hai il permesso di esportare i dati."))
    if job.kind == ExportKind.REPORT_PDF and not (actor and actor.has_perm("reports.edit_report")):
        raise PermissionDenied(_("Non hai il permesso di generare il rapporto."))
    if job.status != JobStatus.FAILED:
        raise Conflict(_("Si può riprovare solo un'esportazione non riuscita."))
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.PENDING, progress=0, error="")
    return enqueue_build(job)


def job_visible_to(user, job: ExportJob) -> bool:
    """Open-data builds are public; staff exports are seen by whoever may make the same export."""
    if job.kind == ExportKind.OPEN_DATA:
        return True
    if job.kind == ExportKind.REPORT_PDF:
        return bool(user and user.has_perm("reports.edit_report"))
    return _may_export(user, personal_data=job.personal_data)


def open_data_job(*, process: Process) -> ExportJob:
    """The current open-data package: the latest build if younger than REPORTS_OPEN_DATA_MAX_AGE
    (ready, in progress, or failed and waiting for a retry), else a new build."""
    oldest = timezone.now() - timedelta(seconds=open_data_max_age())
    latest = ExportJob.objects.filter(process=process, kind=ExportKind.OPEN_DATA).order_by("-created_at", "-id").first()
    if latest is not None and latest.created_at >= oldest:
        return latest
    with transaction.atomic():
        job = ExportJob.objects.create(process=process, kind=ExportKind.OPEN_DATA)
        ExportLog.objects.create(process=process, kind=ExportKind.OPEN_DATA, job=job, channel="open-data")
    return enqueue_build(job)

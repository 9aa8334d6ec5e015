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
from ..selectors.opendata import open_data_fingerprint
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


def latest_open_data_job(*, process: Process) -> ExportJob | None:
    return ExportJob.objects.filter(process=process, kind=ExportKind.OPEN_DATA).order_by("-created_at", "-id").first()


def open_data_is_stale(job: ExportJob | None, *, fingerprint: str) -> bool:
    """A package needs a new build when there is none, when the data changed since it was built
    (another fingerprint), or when it is older than REPORTS_OPEN_DATA_MAX_AGE. A build still
    running is never stale: the request after it ends decides."""
    if job is None:
        return True
    if job.status in (JobStatus.PENDING, JobStatus.RUNNING):
        return False
    if job.data_fingerprint != fingerprint:
        return True
    return job.created_at < timezone.now() - timedelta(seconds=open_data_max_age())


def open_data_job(*, process: Process) -> ExportJob:
    """The current open-data package: the latest build when it is current (ready, in progress,
    or failed and waiting for its retry), else a new build — on the next request after the data
    changed, and by the `refresh_open_data` task (see open_data_refresh)."""
    fingerprint = open_data_fingerprint(process=process)
    latest = latest_open_data_job(process=process)
    if not open_data_is_stale(latest, fingerprint=fingerprint):
        return latest
    with transaction.atomic():
        job = ExportJob.objects.create(process=process, kind=ExportKind.OPEN_DATA, data_fingerprint=fingerprint)
        ExportLog.objects.create(process=process, kind=ExportKind.OPEN_DATA, job=job, channel="open-data")
    return enqueue_build(job)


def open_data_refresh() -> list[ExportJob]:
    """Rebuild the open-data package of every process whose data changed since its last build (the
    `refresh_open_data` task and `manage.py refresh_open_data` call this, so that downloads rarely
    wait for a build). A process whose package was never asked for is left alone."""
    rebuilt = []
    for process in Process.objects.order_by("id"):
        latest = latest_open_data_job(process=process)
        if latest is not None and open_data_is_stale(latest, fingerprint=open_data_fingerprint(process=process)):
            rebuilt.append(open_data_job(process=process))
    return rebuilt

"""Background tasks (django-tasks): ImmediateBackend in dev and tests, the database backend
with `manage.py db_worker` in production."""

from django_tasks import task

from .jobs import run_job


@task()
def build_export(job_id: int) -> None:
    """Build the file of an ExportJob (workbook, CSV/JSON, open-data ZIP or report PDF)."""
    run_job(job_id)


@task()
def refresh_open_data() -> None:
    """Rebuild the open-data packages whose data changed (schedule it, e.g. every 15 minutes; the
    next download rebuilds a stale package anyway)."""
    from .services.exports import open_data_refresh  # services import this module

    open_data_refresh()

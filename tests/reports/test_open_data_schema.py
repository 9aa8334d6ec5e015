"""Typed open-data tables: every Table Schema field declares its type (ISTAT codes are text with
a pattern, dates are datetimes, counts are integers), every JSON resource is tabular (an array of
row objects) so the schema applies to it, and `frictionless validate` (the Frictionless Data
reference validator) passes the demo site's whole package, every row of every resource."""

import io
import json
import zipfile

import pytest
from frictionless import Package

from consultazione.ops.demo import demo_load
from consultazione.reports.exports.tableschema import ISTAT, schema_for

UNSUPPORTED = "The data source has not supported or has inconsistent contents: unsupported inline data"


def frictionless_errors(root) -> list[str]:
    """What frictionless reports for the package extracted at `root` (an empty list: valid).

    The CSV files are read by frictionless from disk. Its reader of `.json` files needs the
    optional `frictionless[json]` extra (ijson, jsonlines), not installed: each JSON resource is
    handed to it parsed, as inline rows, and frictionless checks those rows against the same
    schema (a file that is not an array of row objects is an error there too)."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["format"] == "json":
            resource["data"] = json.loads((root / resource.pop("path")).read_text(encoding="utf-8"))
            resource["format"] = "inline"
    report = Package(descriptor, basepath=str(root)).validate()
    return [
        f"{task.name} {getattr(error, 'row_number', '-')} {getattr(error, 'field_name', '-')}: {error.message}"
        for task in report.tasks
        for error in task.errors
    ] + [error.message for error in report.errors]


def _extract(client, slug, root):
    response = client.get(f"/dati/open-data/{slug}/pacchetto.zip")
    assert response.status_code == 200
    zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).extractall(root)
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def test_every_field_is_typed_and_every_demo_row_is_valid(client, psm, settings, tmp_path):
    settings.CREATE_DEMO_ADMIN = True
    demo_load(process=psm.process)
    package = _extract(client, psm.process.slug, tmp_path)
    assert package["profile"] == "tabular-data-package"
    names = {resource["path"] for resource in package["resources"]}
    assert {"territorio.csv", "territorio.json", "contributi.csv", "contributi.json", "partecipazione.json"} <= names
    fields = {(r["path"], f["name"]): f for r in package["resources"] for f in r["schema"]["fields"]}
    assert len(fields) >= 100 and all(field.get("type") for field in fields.values())
    for key in [("territorio.csv", "codice_istat"), ("contributi.json", "comune_istat"), ("incontri.csv", "comune_istat")]:
        assert fields[key]["type"] == "string" and fields[key]["constraints"]["pattern"] == ISTAT
    assert fields[("contributi.csv", "data_pubblicazione")]["type"] == "datetime"
    assert fields[("contributi.csv", "sostegni")]["type"] == "integer"
    assert fields[("territorio.json", "zona_omogenea")]["type"] == "integer"
    # the demo has data in every table, so the check below reads real rows
    contributions = json.loads((tmp_path / "contributi.json").read_text(encoding="utf-8"))
    assert len(contributions) >= 50 and isinstance(contributions[0], dict)
    assert any(line.startswith("0") for line in (tmp_path / "territorio.csv").read_text().splitlines()[1:])
    assert frictionless_errors(tmp_path) == []
    checked = Package(str(tmp_path / "datapackage.json"))
    assert len(checked.resources) == len(package["resources"]) >= 10
    for resource in checked.resources:  # as frictionless reads the schema: no field left to its default `any`
        assert all(field.type != "any" for field in resource.schema.fields), resource.name


def test_frictionless_rejects_an_untyped_or_invalid_table(tmp_path):
    """The check is not vacuous: an ISTAT code read as a number, a count that is text and a JSON
    file that wraps its rows in an object are each reported."""
    schema = {"fields": [{"name": "codice_istat", "type": "string", "constraints": {"pattern": ISTAT}}]}
    schema["fields"].append({"name": "presenze", "type": "integer"})
    resources = [
        {"name": "t-csv", "path": "t.csv", "profile": "tabular-data-resource", "format": "csv", "schema": schema},
    ]
    package = {"name": "p", "profile": "tabular-data-package", "licenses": [{"name": "CC-BY-4.0"}], "resources": resources}
    (tmp_path / "datapackage.json").write_text(json.dumps(package))
    (tmp_path / "t.csv").write_text("codice_istat,presenze\r\n001078,3\r\n1078,tre\r\n")
    errors = frictionless_errors(tmp_path)
    assert len(errors) == 2, errors
    assert errors[0].startswith("t-csv 3 codice_istat:") and '"1078"' in errors[0] and ISTAT in errors[0]
    assert errors[1].startswith("t-csv 3 presenze:") and '"tre"' in errors[1] and "integer" in errors[1]
    resources[:] = [{**resources[0], "name": "t-json", "path": "t.json", "format": "json"}]
    (tmp_path / "datapackage.json").write_text(json.dumps(package))
    (tmp_path / "t.json").write_text(json.dumps({"dati": [{"codice_istat": "001078", "presenze": 3}]}))
    assert frictionless_errors(tmp_path) == ["t-json - -: " + UNSUPPORTED]
    (tmp_path / "t.json").write_text(json.dumps([{"codice_istat": "1078", "presenze": "tre"}]))
    assert [error.split(":")[0] for error in frictionless_errors(tmp_path)] == ["t-json 2 codice_istat", "t-json 2 presenze"]


def test_a_column_without_a_declared_type_cannot_ship():
    with pytest.raises(ValueError, match="differ from the Table Schema"):
        schema_for("territorio", ["codice_istat", "comune", "zona_omogenea", "colonna_nuova"])

"""Typed open-data tables: every Table Schema field declares its type (ISTAT codes are text with
a pattern, dates are datetimes, counts are integers), every JSON resource is tabular (an array of
row objects) so the schema applies to it, and every row of the demo site's package is valid
(frictionless when installed, else the checker in datapackage_check.py)."""

import io
import json
import zipfile

import pytest

from cms.demo import demo_load
from consultazione.reports.exports.tableschema import ISTAT, schema_for

from .datapackage_check import errors_of, validate_package


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
    assert validate_package(tmp_path) == []
    assert errors_of(tmp_path) == []  # the fallback checker too, whether frictionless is installed or not


def test_the_checker_rejects_an_untyped_or_invalid_table(tmp_path):
    """The fallback checker is not vacuous: an ISTAT code read as a number, a count that is text
    and a wrapped JSON file are each reported."""
    schema = {"fields": [{"name": "codice_istat", "type": "string", "constraints": {"pattern": ISTAT}}]}
    schema["fields"].append({"name": "presenze", "type": "integer"})
    resources = [
        {"name": "t-csv", "path": "t.csv", "profile": "tabular-data-resource", "format": "csv", "schema": schema},
    ]
    package = {"name": "p", "profile": "tabular-data-package", "licenses": [{"name": "CC-BY-4.0"}], "resources": resources}
    (tmp_path / "datapackage.json").write_text(json.dumps(package))
    (tmp_path / "t.csv").write_text("codice_istat,presenze\r\n001078,3\r\n1078,tre\r\n")
    assert errors_of(tmp_path) == [
        "t-csv row 3 codice_istat: '1078' does not match [0-9]{6}",
        "t-csv row 3 presenze: not a integer: 'tre'",
    ]
    resources.append({"name": "t-json", "path": "t.json", "profile": "tabular-data-resource", "format": "json", "schema": schema})
    (tmp_path / "datapackage.json").write_text(json.dumps(package))
    (tmp_path / "t.json").write_text(json.dumps({"dati": [{"codice_istat": "001078", "presenze": 3}]}))
    with pytest.raises(AssertionError, match="array of rows"):
        errors_of(tmp_path)


def test_a_column_without_a_declared_type_cannot_ship():
    with pytest.raises(ValueError, match="differ from the Table Schema"):
        schema_for("territorio", ["codice_istat", "comune", "zona_omogenea", "colonna_nuova"])

"""The open-data package: anonymisation (scan every field of every file), formats, licence,
DCAT-AP_IT record (expanded as JSON-LD with pyld), caching of the build."""

import csv
import io
import json
import re
import zipfile

from pyld import jsonld

from consultazione.reports.exports.opendata import REDACTED
from consultazione.reports.models import ExportJob, JobStatus

DCAT = "http://www.w3.org/ns/dcat#"
DCATAPIT = "http://dati.gov.it/onto/dcatapit#"
DCT = "http://purl.org/dc/terms/"


def _package(client, slug) -> zipfile.ZipFile:
    response = client.get(f"/dati/open-data/{slug}/pacchetto.zip")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _values(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _values(value)
    elif isinstance(node, list):
        for value in node:
            yield from _values(value)
    else:
        yield str(node)


def test_no_personal_data_anywhere_in_the_package(client, world):
    archive = _package(client, world.psm.process.slug)
    names = archive.namelist()
    for dataset in ["piano", "territorio", "incontri", "incontri_presenze", "contributi", "partecipazione"]:
        assert f"{dataset}.csv" in names and f"{dataset}.json" in names
    assert {"datapackage.json", "metadata.jsonld", "LEGGIMI.txt"} <= set(names)
    for name in names:
        text = archive.read(name).decode("utf-8")  # every file is UTF-8
        fields = []
        if name.endswith(".csv"):
            fields = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        elif name.endswith((".json", ".jsonld")):
            fields = list(_values(json.loads(text)))
        else:
            fields = [text]
        for field in fields:
            for secret in world.secrets:
                assert secret.lower() not in field.lower(), f"{secret!r} found in {name}"
            assert "@example.org" not in field, name


def test_contributions_file(client, world):
    archive = _package(client, world.psm.process.slug)
    rows = list(csv.DictReader(io.StringIO(archive.read("contributi.csv").decode("utf-8"))))
    assert [row["codice"] for row in rows] == ["PSM-R-1", "PSM-R-2", "PSM-R-3", "PSM-R-4", "PSM-R-9"]
    by_code = {row["codice"]: row for row in rows}
    assert by_code["PSM-R-2"]["testo"] == REDACTED and by_code["PSM-R-2"]["titolo"] == REDACTED
    assert by_code["PSM-R-1"]["testo"] == "Testo pubblico del contributo 1."
    assert by_code["PSM-R-3"]["categoria_portatore_interesse"] == "cooperazione"
    assert (
        by_code["PSM-R-1"]["esito"] == "accolto" and by_code["PSM-R-1"]["comune_istat"] == world.psm.comune("Pinerolo").istat_code
    )
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
    assert all(iso.match(row["data_pubblicazione"]) for row in rows)
    data = json.loads(archive.read("contributi.json"))  # tabular: one object per row, the CSV's columns
    assert [row["codice"] for row in data] == [row["codice"] for row in rows]
    assert list(data[0]) == list(rows[0]) and data[0]["sostegni"] == 2
    meetings = list(csv.DictReader(io.StringIO(archive.read("incontri_presenze.csv").decode("utf-8"))))
    assert sorted((m["categoria"], m["presenze"]) for m in meetings) == [("", "2"), ("sindacati", "1")]
    figures = {
        (r["indicatore"], r["chiave"]): r["valore"]
        for r in csv.DictReader(io.StringIO(archive.read("partecipazione.csv").decode()))
    }
    assert figures[("partecipanti_online", "")] == "6" and figures[("contributi_pubblicati", "")] == "5"
    package = json.loads(archive.read("datapackage.json"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["attribuzione"] == "Città metropolitana di Torino"
    territory = list(csv.DictReader(io.StringIO(archive.read("territorio.csv").decode("utf-8"))))
    assert all(re.fullmatch(r"\d{6}", row["codice_istat"]) for row in territory)


def test_dcat_record_expands_as_json_ld(client, world):
    response = client.get(f"/dati/open-data/{world.psm.process.slug}/metadata.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    expanded = jsonld.expand(json.loads(response.content))
    [dataset] = [node for node in expanded if f"{DCAT}Dataset" in node.get("@type", [])]
    assert f"{DCATAPIT}Dataset" in dataset["@type"]
    distributions = dataset[f"{DCAT}distribution"]
    assert len(distributions) == 2
    assert all({f"{DCAT}Distribution", f"{DCATAPIT}Distribution"} <= set(d["@type"]) for d in distributions)
    assert distributions[0][f"{DCAT}downloadURL"][0]["@id"].endswith(f"/dati/open-data/{world.psm.process.slug}/pacchetto.zip")
    [licence] = dataset[f"{DCT}license"]
    assert licence["@id"] == "https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40"
    assert licence["http://www.w3.org/2000/01/rdf-schema#seeAlso"][0]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    assert f"{DCATAPIT}LicenseDocument" in licence["@type"]
    [publisher] = dataset[f"{DCT}publisher"]
    assert f"{DCATAPIT}Agent" in publisher["@type"]
    assert publisher["http://xmlns.com/foaf/0.1/name"][0]["@value"] == "Città metropolitana di Torino"
    assert len(dataset[f"{DCAT}theme"]) == 2
    [period] = dataset[f"{DCT}temporal"]
    assert period[f"{DCATAPIT}startDate"][0]["@type"] == "http://www.w3.org/2001/XMLSchema#date"
    assert dataset[f"{DCT}spatial"][0]["http://dati.gov.it/onto/dcatapit#geographicalIdentifier"][0]["@value"] == "201"
    api = client.get(f"/api/v1/open-data/{world.psm.process.slug}/").json()
    assert api["@type"] == ["dcat:Dataset", "dcatapit:Dataset"]


def test_package_is_built_once_and_reused(client, world):
    _package(client, world.psm.process.slug)
    _package(client, world.psm.process.slug)
    job = ExportJob.objects.get(kind="opendata")
    assert job.status == JobStatus.READY
    api = client.get(f"/api/v1/open-data/{world.psm.process.slug}/package/").json()
    assert api["id"] == job.pk and api["download_url"].endswith("/pacchetto.zip")


def test_a_failed_build_is_shown_with_retry(client, world, monkeypatch):
    from consultazione.reports.exports import opendata

    def broken(process):
        raise RuntimeError("archivio non scrivibile")

    monkeypatch.setattr(opendata, "OPEN_DATASETS", [opendata.OpenDataset("piano", "Piano", broken)])
    response = client.get(f"/dati/open-data/{world.psm.process.slug}/pacchetto.zip")
    assert response.status_code == 503
    assert "archivio non scrivibile" in response.content.decode()
    monkeypatch.undo()
    job = ExportJob.objects.get(kind="opendata")
    assert client.post(f"/dati/esportazioni/{job.pk}/riprova/").status_code == 302
    assert _package(client, world.psm.process.slug).namelist()


def test_open_data_page(client, world):
    page = client.get("/dati/open-data/").content.decode()
    assert "CC BY 4.0" in page and "pacchetto.zip" in page


def _contributi(archive) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read("contributi.csv").decode("utf-8"))))


def test_a_stale_package_is_rebuilt_on_the_next_request(client, world):
    """Issue 16 item 9e: the package follows the data. A contribution published after the build
    (or a new support) makes the next download rebuild it; unchanged data reuse it."""
    from consultazione.contributions.models import Contribution

    slug = world.psm.process.slug
    before = _contributi(_package(client, slug))
    _package(client, slug)
    assert ExportJob.objects.filter(kind="opendata").count() == 1  # unchanged: reused
    newcomer = world.contributions["c5"]  # pending until now
    Contribution.objects.filter(pk=newcomer.pk).update(status="published", published_at=newcomer.created_at)
    after = _contributi(_package(client, slug))
    assert len(after) == len(before) + 1
    assert ExportJob.objects.filter(kind="opendata").count() == 2
    Contribution.objects.filter(pk=world.contributions["c1"].pk).update(support_count=42)  # QuerySet.update: no updated_at
    _package(client, slug)
    assert ExportJob.objects.filter(kind="opendata").count() == 3


def test_the_task_rebuilds_stale_packages(client, world):
    """Issue 16 item 9e: the periodic task (and `manage.py refresh_open_data`) rebuilds a package
    whose data changed, and leaves a current one alone."""
    from django.core.management import call_command

    from consultazione.contributions.models import Contribution
    from consultazione.reports.tasks import refresh_open_data

    _package(client, world.psm.process.slug)
    refresh_open_data.enqueue()
    assert ExportJob.objects.filter(kind="opendata").count() == 1
    Contribution.objects.filter(pk=world.contributions["c5"].pk).update(status="published")
    refresh_open_data.enqueue()
    assert ExportJob.objects.filter(kind="opendata", status=JobStatus.READY).count() == 2
    call_command("refresh_open_data")
    assert ExportJob.objects.filter(kind="opendata").count() == 2


def test_open_data_page_says_when_the_package_was_built(client, world):
    """Issue 16 item 9e: "Aggiornato il 6 dicembre 2026, 05:36", and a word when the data changed since."""
    import datetime
    from unittest import mock

    from consultazione.contributions.models import Contribution

    assert "Il pacchetto viene costruito al primo scaricamento" in client.get("/dati/open-data/").content.decode()
    instant = datetime.datetime(2026, 12, 6, 4, 36, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=instant):
        _package(client, world.psm.process.slug)
    page = client.get("/dati/open-data/").content.decode()
    assert "Aggiornato il 6 dicembre 2026, 05:36." in page
    assert "I dati sono cambiati" not in page
    Contribution.objects.filter(pk=world.contributions["c5"].pk).update(status="published")
    assert "I dati sono cambiati da allora" in client.get("/dati/open-data/").content.decode()

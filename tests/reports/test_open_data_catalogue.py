"""The DCAT-AP_IT catalogue that dati.gov.it harvests (/dati/catalogo.jsonld): a dcatapit:Catalog
with its publisher (IPA code), one dataset per process dated from its data, temporal coverage with
dcatapit:startDate/endDate, the licence by its national vocabulary URI, distributions that
download; Turtle by content negotiation, JSON-LD for any other Accept."""

import json
from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone
from pyld import jsonld

from consultazione.contributions.models import Contribution
from consultazione.meetings.models import Attendance, Meeting
from consultazione.process.models import Process

DCAT = "http://www.w3.org/ns/dcat#"
DCATAPIT = "http://dati.gov.it/onto/dcatapit#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
EU = "http://publications.europa.eu/resource/authority"
A21_CCBY40 = "https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40"


def _one(node, key):
    [value] = node[key]
    return value.get("@id", value.get("@value"))


def _date_data_back(world, *, first_days: int, last_days: int) -> None:
    """Everything in the open data happened `first_days` ago, but one outcome `last_days` ago."""
    then = timezone.now() - timedelta(days=first_days)
    Contribution.objects.filter(process=world.psm.process).update(published_at=then, updated_at=then, outcome_at=None)
    Meeting.objects.filter(process=world.psm.process).update(created_at=then, updated_at=then)
    Attendance.objects.filter(meeting__process=world.psm.process).update(checked_in_at=then)
    later = timezone.now() - timedelta(days=last_days)
    Contribution.objects.filter(pk=world.contributions["c1"].pk).update(outcome="accolto", outcome_at=later)


def test_catalogue_lists_each_process_dataset_with_publisher_dates_and_licence(client, world, settings):
    settings.BODY_IPA_CODE = "c_test01"
    _date_data_back(world, first_days=40, last_days=10)
    response = client.get("/dati/catalogo.jsonld")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/ld+json")
    expanded = jsonld.expand(json.loads(response.content))
    [catalogue] = [node for node in expanded if f"{DCATAPIT}Catalog" in node.get("@type", [])]
    assert f"{DCAT}Catalog" in catalogue["@type"]
    assert _one(catalogue, f"{DCT}title") and _one(catalogue, f"{DCT}description")
    assert _one(catalogue, f"{DCT}language") == f"{EU}/language/ITA"
    assert urlsplit(_one(catalogue, f"{FOAF}homepage")).path == "/dati/open-data/"
    [publisher] = catalogue[f"{DCT}publisher"]
    assert f"{DCATAPIT}Agent" in publisher["@type"] and _one(publisher, f"{DCT}identifier") == "c_test01"
    assert _one(publisher, f"{FOAF}name") == "Città metropolitana di Torino"

    datasets = catalogue[f"{DCAT}dataset"]
    assert len(datasets) == Process.objects.count()  # one dataset per process
    [dataset] = [d for d in datasets if d["@id"].endswith(f"/dati/{world.psm.process.slug}/#dataset")]
    assert f"{DCATAPIT}Dataset" in dataset["@type"]
    assert _one(dataset, f"{DCT}identifier") == f"c_test01:consultazione:{world.psm.process.slug}"
    [period] = dataset[f"{DCT}temporal"]
    assert f"{DCT}PeriodOfTime" in period["@type"]
    start, end = _one(period, f"{DCATAPIT}startDate"), _one(period, f"{DCATAPIT}endDate")
    assert start < end
    # issued = first publication, modified = last change of the data, neither the day of the request
    today = timezone.localdate()
    assert _one(dataset, f"{DCT}issued") == (today - timedelta(days=40)).isoformat()
    assert _one(dataset, f"{DCT}modified") == (today - timedelta(days=10)).isoformat()
    assert _one(catalogue, f"{DCT}modified") >= _one(dataset, f"{DCT}modified")
    assert {_one({"t": [t]}, "t") for t in dataset[f"{DCAT}theme"]} == {f"{EU}/data-theme/GOVE", f"{EU}/data-theme/REGI"}
    assert _one(dataset, f"{DCT}accrualPeriodicity") == f"{EU}/frequency/IRREG"
    [licence] = dataset[f"{DCT}license"]
    assert licence["@id"] == A21_CCBY40 and f"{DCATAPIT}LicenseDocument" in licence["@type"]

    distributions = dataset[f"{DCAT}distribution"]
    assert len(distributions) == 2
    for distribution in distributions:
        assert distribution[f"{DCT}license"][0]["@id"] == A21_CCBY40
        download = client.get(urlsplit(_one(distribution, f"{DCAT}downloadURL")).path)
        assert download.status_code == 200, distribution["@id"]


def test_catalogue_is_linked_from_the_open_data_pages(client, world):
    for page in ["/dati/open-data/", "/dati/"]:
        assert 'href="/dati/catalogo.jsonld"' in client.get(page).content.decode(), page


def test_turtle_by_content_negotiation_and_json_ld_for_any_other_accept(client, world):
    turtle = client.get("/dati/catalogo.jsonld", HTTP_ACCEPT="text/turtle;q=0.9, application/rdf+xml;q=0.5")
    assert turtle.status_code == 200 and turtle["Content-Type"].startswith("text/turtle")
    assert "Accept" in turtle["Vary"]
    text = turtle.content.decode()
    assert "@prefix dcatapit: <http://dati.gov.it/onto/dcatapit#> ." in text
    assert "a dcat:Catalog, dcatapit:Catalog" in text and "a dcat:Dataset, dcatapit:Dataset" in text
    assert f"<{A21_CCBY40}>" in text and 'dcatapit:startDate "' in text
    assert client.get("/dati/catalogo.ttl").content == turtle.content

    triples = client.get("/dati/catalogo.jsonld", HTTP_ACCEPT="application/n-triples").content.decode()
    document = json.loads(client.get("/dati/catalogo.jsonld").content)
    assert sorted(triples.splitlines()) == sorted(jsonld.to_rdf(document, {"format": "application/n-quads"}).splitlines())
    statements = [line for line in text.splitlines() if line.startswith(("<", "_:"))]
    assert len(statements) == len({line.split(" ", 1)[0] for line in triples.splitlines()})  # one block per subject

    for accept in ["image/png", "application/x-unknown", "*/*", ""]:
        response = client.get("/dati/catalogo.jsonld", HTTP_ACCEPT=accept)
        assert response.status_code == 200 and response["Content-Type"].startswith("application/ld+json"), accept
        assert json.loads(response.content)["@type"] == ["dcat:Catalog", "dcatapit:Catalog"]

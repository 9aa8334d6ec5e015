"""The dcatapit:Catalog of the body's open data (what dati.gov.it harvests): one dcatapit:Dataset
per process, each dated from its data (first publication, last change), never from the request."""

from django.urls import reverse
from django.utils import timezone

from consultazione.process.models import Process

from ..conf import body_name, site_url
from ..selectors.opendata import open_data_dates
from .dcat import CONTEXT, EU, agent, dcat_record
from .opendata import OPEN_DATASETS


def package_files() -> list[dict]:
    return [{"name": f"{d.name}.{fmt}", "format": fmt, "title": d.title} for d in OPEN_DATASETS for fmt in ("csv", "json")]


def dataset_record(*, process: Process, context: bool = True) -> dict:
    """The DCAT-AP_IT record of a process's open data, dated from the data."""
    dates = open_data_dates(process=process)
    return dcat_record(process=process, files=package_files(), issued=dates.issued, modified=dates.modified, context=context)


def catalogue_record(*, processes) -> dict:
    """The dcatapit:Catalog of the body's open data: one dataset per process."""
    base = site_url()
    datasets = [dataset_record(process=process, context=False) for process in processes]
    issued = [d["dct:issued"]["@value"] for d in datasets]
    modified = [d["dct:modified"]["@value"] for d in datasets]
    catalogue = {
        "@context": CONTEXT,
        "@id": base + reverse("reports:open_data_catalogue"),
        "@type": ["dcat:Catalog", "dcatapit:Catalog"],
        "dct:title": f"Open data della partecipazione – {body_name()}",
        "dct:description": (
            "Dati aperti e anonimi delle consultazioni pubbliche: piano, territorio, incontri, contributi pubblici "
            "e cifre della partecipazione, in CSV e JSON con licenza aperta."
        ),
        "dct:publisher": agent(),
        "dct:language": {"@id": f"{EU}/language/ITA"},
        "foaf:homepage": {"@id": base + reverse("reports:open_data")},
        "dcat:themeTaxonomy": {"@id": f"{EU}/data-theme"},
        "dcat:dataset": datasets,
    }
    today = timezone.localdate().isoformat()
    catalogue["dct:issued"] = {"@value": min(issued, default=today), "@type": "xsd:date"}
    catalogue["dct:modified"] = {"@value": max(modified, default=today), "@type": "xsd:date"}
    return catalogue

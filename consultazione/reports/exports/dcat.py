"""DCAT-AP_IT metadata of the open data, as JSON-LD: one dcatapit:Dataset per process (with its
distributions) and the dcatapit:Catalog that lists them, which dati.gov.it harvests."""

from django.urls import reverse

from consultazione.process.models import Process

from ..conf import body_name, contact_email, open_data_licence, publisher_id, site_url

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatapit": "http://dati.gov.it/onto/dcatapit#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "locn": "http://www.w3.org/ns/locn#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
EU = "http://publications.europa.eu/resource/authority"
LICENCES_VOCABULARY = "https://w3id.org/italia/controlled-vocabulary/licences"
# code → (licence text, title, URI in the national licences vocabulary that DCAT-AP_IT asks for)
LICENCES = {
    "CC-BY-4.0": (
        "https://creativecommons.org/licenses/by/4.0/",
        "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)",
        f"{LICENCES_VOCABULARY}/A21_CCBY40",
    ),
}
FILE_TYPES = {"zip": "ZIP", "csv": "CSV", "json": "JSON", "jsonld": "JSON_LD"}
METROPOLITAN_CITY_ISTAT = "201"
# dct:subject: the EuroVoc micro-thesauri that AgID maps under the two data themes (theme-subtheme
# mapping of the national controlled vocabularies): GOVE → 0436 executive power and public
# service, REGI → 7211 regions of EU Member States.
SUBJECTS = ["http://eurovoc.europa.eu/100169", "http://eurovoc.europa.eu/100278"]


def licence_document() -> dict:
    """The licence by its national vocabulary URI, with the licence text as rdfs:seeAlso."""
    code = open_data_licence()
    url, title, uri = LICENCES.get(code, (code, code, code))
    return {
        "@id": uri,
        "@type": ["dct:LicenseDocument", "dcatapit:LicenseDocument"],
        "foaf:name": title,
        "dct:type": {"@id": "http://purl.org/adms/licencetype/Attribution"},
        "rdfs:seeAlso": {"@id": url},
    }


def licence_notice() -> dict:
    """The licence as the open-data page, datapackage.json and LEGGIMI.txt state it."""
    code = open_data_licence()
    url, title, _uri = LICENCES.get(code, (code, code, code))
    return {"licenza": code, "titolo": title, "url": url, "attribuzione": body_name()}


def _date(value) -> dict:
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def agent() -> dict:
    return {"@type": ["foaf:Agent", "dcatapit:Agent"], "foaf:name": body_name(), "dct:identifier": publisher_id()}


def dcat_record(*, process: Process, files: list[dict], issued, modified, context: bool = True) -> dict:
    """`files`: [{"name", "format", "title"}] inside the ZIP; `issued`/`modified`: dates of the data
    (selectors.opendata.open_data_dates). `context=False` for a dataset nested in the catalogue."""
    base = site_url()
    package_url = base + reverse("reports:open_data_package", kwargs={"slug": process.slug})
    api_url = base + reverse("reports-dashboard-detail", kwargs={"slug": process.slug})
    phases = list(process.phases.all())
    starts = [phase.start for phase in phases]
    ends = [phase.end for phase in phases]
    licence = licence_document()
    package = {
        "@id": package_url,
        "@type": ["dcat:Distribution", "dcatapit:Distribution"],
        "dct:title": f"Pacchetto completo (ZIP con CSV e JSON) – {process.title}",
        "dct:description": "File: " + ", ".join(f["name"] for f in files),
        "dcat:accessURL": {"@id": package_url},
        "dcat:downloadURL": {"@id": package_url},
        "dct:format": {"@id": f"{EU}/file-type/ZIP"},
        "dcat:mediaType": "application/zip",
        "dct:license": licence,
        "dct:issued": _date(issued),
        "dct:modified": _date(modified),
    }
    api = {
        "@id": api_url,
        "@type": ["dcat:Distribution", "dcatapit:Distribution"],
        "dct:title": "Cifre della partecipazione (API JSON)",
        "dct:description": (
            "Cifre aggregate della consultazione in JSON: partecipanti, contributi per tipo, asse, zona, fase e canale, "
            "esiti, priorità, incontri e presenze. Nessun dato personale."
        ),
        "dcat:accessURL": {"@id": api_url},
        "dcat:downloadURL": {"@id": api_url},
        "dct:format": {"@id": f"{EU}/file-type/JSON"},
        "dcat:mediaType": "application/json",
        "dct:license": licence,
    }
    record = {
        "@id": f"{base}/dati/{process.slug}/#dataset",
        "@type": ["dcat:Dataset", "dcatapit:Dataset"],
        "dct:identifier": f"{publisher_id()}:consultazione:{process.slug}",
        "dct:title": f"Consultazione pubblica – {process.title}",
        "dct:description": (
            "Dati anonimi della consultazione: piano (assi, strategie, azioni), territorio (comuni con codice ISTAT, "
            "zone omogenee, macro-aree), incontri (solo conteggi delle presenze per categoria), contributi pubblici "
            "(testo, tipo, asse, strategia, zona, categoria di portatori di interesse, fase, canale, data, stato, esito) "
            "e cifre aggregate della partecipazione. Nessun nome, email o pseudonimo."
        ),
        "dct:publisher": agent(),
        "dct:rightsHolder": agent(),
        "dcat:contactPoint": {
            "@type": ["vcard:Organization", "dcatapit:Organization"],
            "vcard:fn": body_name(),
            "vcard:hasEmail": {"@id": f"mailto:{contact_email()}"},
        },
        "dcat:theme": [{"@id": f"{EU}/data-theme/GOVE"}, {"@id": f"{EU}/data-theme/REGI"}],
        "dct:subject": [{"@id": subject, "@type": "skos:Concept"} for subject in SUBJECTS],
        "dcat:keyword": ["partecipazione", "consultazione pubblica", "piano strategico metropolitano", "open data"],
        "dct:language": {"@id": f"{EU}/language/ITA"},
        "dct:accrualPeriodicity": {"@id": f"{EU}/frequency/IRREG"},
        "dct:issued": _date(issued),
        "dct:modified": _date(modified),
        "dct:spatial": {
            "@type": "dct:Location",
            "dcatapit:geographicalIdentifier": METROPOLITAN_CITY_ISTAT,
            "locn:geographicalName": body_name(),
        },
        "dct:license": licence,
        "dcat:distribution": [package, api],
        "dcat:landingPage": {"@id": base + reverse("reports:process_dashboard", kwargs={"slug": process.slug})},
    }
    if starts and ends:
        record["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcatapit:startDate": _date(min(starts)),
            "dcatapit:endDate": _date(max(ends)),
        }
    return {"@context": CONTEXT, **record} if context else record

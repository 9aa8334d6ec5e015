"""The open-data catalogue against the AgID DCAT-AP_IT validation rules (rules nobody on the
project wrote): the SPARQL rules of the national validator, vendored unchanged in
tests/standards/dcat-ap_it/ (provenance in its README), run on the catalogue as dati.gov.it
harvests it, in JSON-LD and in Turtle. Every violation is printed; none may remain."""

from pathlib import Path

import pytest
from rdflib import Graph

RULES = sorted((Path(__file__).parents[1] / "standards" / "dcat-ap_it" / "rules").glob("rule-*.rq"))


def violations(graph: Graph) -> list[dict]:
    """One row per broken rule and subject, as the validator reports them (suspended rules excluded)."""
    found = []
    for rule in RULES:
        for row in graph.query(rule.read_text(encoding="utf-8")):
            found.append({key: str(value) for key, value in row.asdict().items()})
    return found


def _report(found: list[dict]) -> str:
    lines = [f"rule {v['Rule_ID']} [{v['Rule_Severity']}] {v['Class_Name']}: {v['Message']}" for v in found]
    print("\n".join(lines))
    return "\n".join(lines)


def test_rules_are_the_validators(settings):
    assert len(RULES) == 122  # the 154 files less the 32 the validator suspends
    assert {rule.name for rule in RULES} >= {"rule-112.rq", "rule-196.added.rq"}


@pytest.mark.parametrize("path, rdf_format", [("/dati/catalogo.jsonld", "json-ld"), ("/dati/catalogo.ttl", "turtle")])
def test_catalogue_breaks_no_agid_rule(client, world, path, rdf_format):
    response = client.get(path)
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format=rdf_format, publicID="http://testserver/")
    assert len(graph) > 50
    found = violations(graph)
    assert found == [], "AgID DCAT-AP_IT rules broken:\n" + _report(found)


def test_a_lone_dataset_breaks_rule_112(client, world):
    """The rules do run: the per-process record alone (no catalogue) is what rule 112 refuses."""
    response = client.get(f"/dati/open-data/{world.psm.process.slug}/metadata.jsonld")
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format="json-ld", publicID="http://testserver/")
    assert "112" in {v["Rule_ID"] for v in violations(graph)}

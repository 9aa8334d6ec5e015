"""Turtle and N-Triples from a JSON-LD document, for harvesters that do not read JSON-LD.

PyLD turns the document into RDF triples (the same data, no second description to drift); this
module only writes them: one block per subject, predicates separated by ";", namespaces of the
JSON-LD context as prefixes where the local name is a plain Turtle name."""

import re

from pyld import jsonld

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_IRI_ESCAPES = {c: f"%{ord(c):02X}" for c in '<>"{}|^`\\ '}


def n_triples(document: dict) -> str:
    """N-Triples (the document has only the default graph, so its N-Quads are N-Triples)."""
    return jsonld.to_rdf(document, {"format": "application/n-quads"})


def turtle(document: dict) -> str:
    prefixes = {name: iri for name, iri in document.get("@context", {}).items() if isinstance(iri, str)}
    triples = jsonld.to_rdf(document).get("@default", [])

    def iri(value: str) -> str:
        for name, namespace in prefixes.items():
            if value.startswith(namespace) and _LOCAL_NAME.fullmatch(value[len(namespace) :]):
                return f"{name}:{value[len(namespace) :]}"
        return "<" + "".join(_IRI_ESCAPES.get(c, c) for c in value) + ">"

    def term(node: dict) -> str:
        if node["type"] == "IRI":
            return iri(node["value"])
        if node["type"] == "blank node":
            return node["value"]
        text = '"' + "".join(_STRING_ESCAPES.get(c, c) for c in node["value"]) + '"'
        if node.get("language"):
            return f"{text}@{node['language']}"
        if node.get("datatype", XSD_STRING) != XSD_STRING:
            return f"{text}^^{iri(node['datatype'])}"
        return text

    subjects: dict[str, dict[str, list[str]]] = {}
    for triple in triples:
        predicate = triple["predicate"]["value"]
        verb = "a" if predicate == RDF_TYPE else iri(predicate)
        subjects.setdefault(term(triple["subject"]), {}).setdefault(verb, []).append(term(triple["object"]))
    lines = [f"@prefix {name}: <{namespace}> ." for name, namespace in prefixes.items()]
    for subject, predicates in subjects.items():
        body = " ;\n    ".join(f"{verb} {', '.join(objects)}" for verb, objects in predicates.items())
        lines.append(f"\n{subject} {body} .")
    return "\n".join(lines) + "\n"

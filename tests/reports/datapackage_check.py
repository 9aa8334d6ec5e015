"""Validate an extracted open-data package: with frictionless when it is importable, otherwise with
a small checker: the descriptor against minimal Data Package / Table Schema JSON schemas
(jsonschema), then every row of every resource against its fields' types and constraints."""

import csv
import json
import re
from datetime import date, datetime
from pathlib import Path

import jsonschema

TYPES = ["string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year", "yearmonth"]
TYPES += ["duration", "geopoint", "geojson", "any"]
NAME = {"type": "string", "pattern": "^([-a-z0-9._/])+$"}
FIELD = {
    "type": "object",
    "required": ["name", "type"],
    "properties": {
        "name": {"type": "string"},
        "type": {"enum": TYPES},
        "format": {"type": "string"},
        "constraints": {
            "type": "object",
            "properties": {
                "required": {"type": "boolean"},
                "pattern": {"type": "string"},
                "enum": {"type": "array", "minItems": 1},
                "minimum": {"type": "number"},
            },
        },
    },
}
TABLE_SCHEMA = {
    "type": "object",
    "required": ["fields"],
    "properties": {
        "fields": {"type": "array", "minItems": 1, "items": FIELD},
        "primaryKey": {"type": "array", "items": {"type": "string"}},
        "missingValues": {"type": "array", "items": {"type": "string"}},
    },
}
LICENCE = {"type": "object", "anyOf": [{"required": ["name"]}, {"required": ["path"]}]}
DATA_PACKAGE = {
    "type": "object",
    "required": ["name", "resources", "licenses"],
    "properties": {
        "name": NAME,
        "profile": {"const": "tabular-data-package"},
        "licenses": {"type": "array", "minItems": 1, "items": LICENCE},
        "resources": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "path", "profile", "schema"],
                "properties": {"name": NAME, "path": {"type": "string"}, "profile": {"const": "tabular-data-resource"}},
            },
        },
    },
}


def _iso_datetime(text: str) -> bool:
    return len(text) >= 19 and text[10] == "T" and datetime.fromisoformat(text).tzinfo is not None


PARSERS = {  # text as written in a CSV → is it a valid value of that type
    "string": lambda text: True,
    "integer": lambda text: re.fullmatch(r"[+-]?[0-9]+", text) is not None,
    "number": lambda text: re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", text) is not None,
    "datetime": _iso_datetime,
    "date": lambda text: date.fromisoformat(text) is not None,
}
JSON_TYPES = {  # a JSON value → is it a valid value of that type
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    "datetime": lambda value: isinstance(value, str) and _iso_datetime(value),
    "date": lambda value: isinstance(value, str) and date.fromisoformat(value) is not None,
}


def cell_errors(field: dict, value, *, missing: list[str], from_text: bool) -> list[str]:
    constraints = field.get("constraints", {})
    if value is None or (from_text and value in missing):
        return ["required"] if constraints.get("required") else []
    try:
        valid = (PARSERS if from_text else JSON_TYPES)[field["type"]](value)
    except ValueError:
        valid = False
    if not valid:
        return [f"not a {field['type']}: {value!r}"]
    errors = []
    number = int(value) if field["type"] == "integer" else value
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], str(value)):
        errors.append(f"{value!r} does not match {constraints['pattern']}")
    if "enum" in constraints and value not in constraints["enum"]:
        errors.append(f"{value!r} not in {constraints['enum']}")
    if "minimum" in constraints and number < constraints["minimum"]:
        errors.append(f"{value!r} below {constraints['minimum']}")
    return errors


def resource_rows(root: Path, resource: dict) -> tuple[list[str], list[list]]:
    """Header and rows of a CSV resource, or the keys and values of a JSON array of objects."""
    path = root / resource["path"]
    if resource["format"] == "csv":
        with path.open(encoding="utf-8", newline="") as stream:
            header, *rows = list(csv.reader(stream))
        return header, rows
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{resource['path']}: a tabular JSON resource is an array of rows"
    header = [field["name"] for field in resource["schema"]["fields"]]
    for row in data:
        assert isinstance(row, dict) and list(row) == header, f"{resource['path']}: row keys {list(row)} ≠ {header}"
    return header, [list(row.values()) for row in data]


def errors_of(root: Path) -> list[str]:
    """Every problem of the package extracted at `root` (an empty list: valid)."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    jsonschema.validate(descriptor, DATA_PACKAGE)
    errors = []
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        jsonschema.validate(schema, TABLE_SCHEMA)
        fields = schema["fields"]
        header, rows = resource_rows(root, resource)
        if header != [field["name"] for field in fields]:
            errors.append(f"{resource['name']}: header {header}")
            continue
        keys = set()
        for number, row in enumerate(rows, start=2):
            for field, value in zip(fields, row, strict=True):
                missing = schema.get("missingValues", [""])
                for error in cell_errors(field, value, missing=missing, from_text=resource["format"] == "csv"):
                    errors.append(f"{resource['name']} row {number} {field['name']}: {error}")
            key = tuple(row[header.index(name)] for name in schema.get("primaryKey", []))
            if key and key in keys:
                errors.append(f"{resource['name']} row {number}: duplicate primary key {key}")
            keys.add(key)
    return errors


def validate_package(root: Path) -> list[str]:
    try:
        import frictionless
    except ImportError:
        return errors_of(root)
    report = frictionless.validate(str(root / "datapackage.json"))
    return [str(error) for error in report.flatten(["resourceName", "rowNumber", "fieldName", "note"])]

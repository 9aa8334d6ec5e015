"""publiccode.yml (Developers Italia catalogue, standard 0.4) and the licence: the keys the
standard requires, with the types and vocabularies it defines, and one licence everywhere."""

import datetime
import json
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PUBLICCODE = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
LICENSE_ID = "AGPL-3.0-or-later"

# From the standard (schema.core, version 0.4): the closed vocabularies this file uses.
DEVELOPMENT_STATUS = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPE = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}
PLATFORMS = {"web", "windows", "mac", "linux", "ios", "android"}
MAINTENANCE = {"internal", "contract", "community", "none"}
CATEGORIES = {
    "content-management",
    "data-visualization",
    "digital-citizenship",
    "event-management",
    "online-community",
    "survey",
}


def test_required_top_level_keys_and_types():
    doc = PUBLICCODE
    assert doc["publiccodeYmlVersion"] == "0.4"
    assert isinstance(doc["name"], str) and doc["name"]
    assert re.fullmatch(r"https://[^\s]+", doc["url"])
    assert isinstance(doc["softwareVersion"], str)
    datetime.date.fromisoformat(doc["releaseDate"])
    assert set(doc["platforms"]) <= PLATFORMS and doc["platforms"]
    assert set(doc["categories"]) <= CATEGORIES and doc["categories"]
    assert doc["developmentStatus"] in DEVELOPMENT_STATUS
    assert doc["softwareType"] in SOFTWARE_TYPE


def test_descriptions_follow_the_length_rules_in_each_language():
    assert {"it", "en"} <= set(PUBLICCODE["description"])
    for lang, desc in PUBLICCODE["description"].items():
        assert len(desc["shortDescription"]) <= 150, lang
        assert 150 <= len(desc["longDescription"]) <= 10_000, lang
        assert desc["features"] and all(isinstance(f, str) and len(f) <= 100 for f in desc["features"]), lang
        for shot in desc.get("screenshots", []):
            assert (ROOT / shot).is_file(), f"{lang}: screenshot {shot} is missing"


def test_legal_maintenance_localisation_dependencies():
    assert PUBLICCODE["legal"]["license"] == LICENSE_ID
    maintenance = PUBLICCODE["maintenance"]
    assert maintenance["type"] in MAINTENANCE
    if maintenance["type"] in {"internal", "community"}:
        assert maintenance["contacts"] and all(c["name"] for c in maintenance["contacts"])
    loc = PUBLICCODE["localisation"]
    assert loc["localisationReady"] is True
    assert loc["availableLanguages"] == ["it", "en"]
    names = {dep["name"] for dep in PUBLICCODE["dependsOn"]["open"]}
    assert {"PostgreSQL", "Redis", "Python"} <= names
    for dep in PUBLICCODE["dependsOn"]["open"]:
        assert isinstance(dep.get("versionMin", ""), str)
    assert PUBLICCODE["it"]["countryExtensionVersion"] == "1.0"


def test_one_licence_everywhere():
    """The licence file, the Python project, the frontend package and publiccode.yml agree."""
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == LICENSE_ID
    package = json.loads((ROOT / "frontend" / "package.json").read_text(encoding="utf-8"))
    assert package["license"] == LICENSE_ID
    lock = json.loads((ROOT / "frontend" / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["license"] == LICENSE_ID

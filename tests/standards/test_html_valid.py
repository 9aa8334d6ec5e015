"""Valid HTML on every page (issue 18): the Nu Html Checker (vnu.jar, the validator behind
validator.w3.org/nu) over every page type of the site as each role sees it, 0 errors.

The pages come from the permission walker's world and table (tests/standards/pages.py); they are
written to a temporary folder and checked in one run of the checker (one JVM start)."""

import re
from pathlib import Path

import pytest

from . import vnu
from .pages import pages

# A page the checker must reject: proof that it ran and reads the files it is given.
CANARY = b'<!DOCTYPE html><html lang="it"><head><title>x</title></head><body><h2><div role="status">x</div></h2></body></html>'


TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_machine_dates_come_from_one_filter():
    """Every `datetime` attribute is written by `|machine` (no microseconds, the site's time zone),
    never by `|date:'c'` or a format of its own."""
    attributes = re.compile(r'datetime="([^"]*)"')
    own = [
        f"{path.relative_to(TEMPLATES)}: {value}"
        for path in TEMPLATES.rglob("*.html")
        for value in attributes.findall(path.read_text(encoding="utf-8"))
        if not re.fullmatch(r"\{\{ [\w.]+\|machine \}\}", value)
    ]
    assert own == []


def _file_name(n: int, label: str) -> str:
    return f"{n:03d}-{re.sub(r'[^A-Za-z0-9]+', '-', label).strip('-')[:80]}.html"


@pytest.mark.timeout(1200)
def test_every_page_type_is_valid_html(world, db, tmp_path):
    vnu.java_and_jar()  # skip (or fail in CI) before the pages are requested
    canary = tmp_path / "000-canary.html"
    canary.write_bytes(CANARY)
    labels = {}
    for n, page in enumerate(pages(world), start=1):
        path = tmp_path / _file_name(n, page.label)
        path.write_bytes(page.content)
        labels[path] = f"{page.label}  {page.url}"
    kinds = {label.partition(" as ")[0] for label in labels.values()}
    assert len(kinds) >= 30, f"only {len(kinds)} page types were rendered"
    print(f"Nu Html Checker: {len(labels)} pages of {len(kinds)} page types")

    errors = vnu.check([canary, *labels])

    assert any(error.file == canary for error in errors), "the checker did not flag a known error: is it running?"
    by_page: dict = {}
    for error in errors:
        if error.file != canary:
            by_page.setdefault(error.file, []).append(error)
    report = [f"{labels.get(file, file)}\n" + "\n".join(f"    {error}" for error in found) for file, found in by_page.items()]
    assert not by_page, f"{len(errors) - 1} HTML errors on {len(by_page)} of {len(labels)} pages:\n" + "\n".join(report)

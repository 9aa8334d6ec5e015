"""One breadcrumb trail (issue 17, item 5): every page type that shows a trail draws it from
templates/includes/breadcrumbs.html, starting with the home crumb, under one aria-label."""

import re
from pathlib import Path

from .pages import pages

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
TRAIL = re.compile(rb'<nav class="[^"]*breadcrumb-container[^"]*"[^>]*>.*?</nav>', re.S)


def test_every_trail_starts_at_home_under_one_label(world, db):
    seen, homes, labels = set(), {}, {}
    for page in pages(world):
        trails = TRAIL.findall(page.content)
        if not trails:
            continue
        kind = page.label.partition(" as ")[0]
        seen.add(kind)
        assert len(trails) == 1, page.label
        trail = trails[0].decode()
        lang = re.search(rb'<html lang="([^"]+)"', page.content).group(1).decode()
        labels.setdefault(lang, set()).add(re.search(r'aria-label="([^"]*)"', trail).group(1))
        first = re.match(r'<li class="breadcrumb-item"><a href="/">([^<]+)</a>', trail[trail.index("<li") :])
        assert first, f"{page.label}: the trail does not start at home"
        homes.setdefault(lang, set()).add(first.group(1))
        current = re.findall(r'<li class="breadcrumb-item active" aria-current="page">(.*?)</li>', trail, re.S)
        assert len(current) == 1 and current[0].strip(), page.label
    # One aria-label and one name for the home crumb, in each language.
    assert labels["it"] == {"Percorso"} and all(len(found) == 1 for found in labels.values()), labels
    assert all(len(found) == 1 for found in homes.values()), homes
    assert len(seen) >= 20, f"only {len(seen)} page types with a trail: {sorted(seen)}"


def test_no_template_writes_a_trail_by_hand():
    by_hand = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "breadcrumb-container" in path.read_text(encoding="utf-8")
        and path.relative_to(TEMPLATES).as_posix() != "includes/breadcrumbs.html"
    ]
    assert by_hand == []

"""One naming for partial templates (issue 17, item 4): `includes/<name>.html`, never `_name.html`."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_partials_live_in_includes_folders_not_behind_an_underscore():
    underscored = sorted(str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("_*.html"))
    assert underscored == []

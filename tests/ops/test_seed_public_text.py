"""The plan reads as an official Italian page: the research notes of the seed file (English,
for the people who build the platform) never reach a page or the API."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

SEED = Path(__file__).resolve().parents[2] / "data" / "seed" / "psm_2024_2026.json"
NOTE_KEY = re.compile(r"(note_en|note|_basis|sources?|coverage_note|counts_.*)$")


def _notes(node, key=""):
    """Every string under a key that data/seed/README.md calls a note."""
    if isinstance(node, dict):
        for k, value in node.items():
            if NOTE_KEY.search(k):
                yield from (s for s in _strings(value))
            else:
                yield from _notes(value, k)
    elif isinstance(node, list):
        for item in node:
            yield from _notes(item, key)


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


NOTES = [text for text in _notes(json.loads(SEED.read_text(encoding="utf-8"))) if len(text) > 12 and not text.startswith("http")]
ENGLISH_MARKERS = [
    "Paraphrase",
    "paraphrase",
    "NOT confirmed",
    "archived copy",
    "examined and approved",
    "Not from the axis page",
]


def test_the_seed_file_has_notes_to_look_for():
    assert len(NOTES) > 10
    assert any("Paraphrase" in note for note in NOTES)


@pytest.mark.parametrize("language", ["it", "en"])
def test_no_page_rendered_from_the_seed_shows_a_note(client, psm, language):
    pages = ["/", "/piano/"] + [f"/piano/asse-{code}/" for code in psm.axes]
    pages += ["/api/v1/axes/", f"/api/v1/axes/{psm.axes[1].pk}/", "/api/v1/processes/", "/monitoraggio/"]
    for path in pages:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, path
        text = response.content.decode()
        for marker in ENGLISH_MARKERS:
            assert marker not in text, f"{path} shows the note word {marker!r}"
        for note in NOTES:
            assert note not in text, f"{path} shows a research note: {note[:60]}…"


def test_plan_page_names_the_approving_body_in_italian(client, psm):
    html = client.get("/piano/").content.decode()
    assert "Conferenza metropolitana dei sindaci" in html
    assert "(examined" not in html


def test_axis_without_strategies_says_so_and_shows_staff_how_to_add_them(client, psm, django_user_model):
    axis = psm.axes[5]
    assert not axis.strategies.exists()
    html = client.get("/piano/asse-5/").content.decode()
    assert "non sono ancora state pubblicate" in html
    assert "Aggiungi una strategia" not in html
    staff = django_user_model.objects.create_user(
        email="staff-piano@example.org", password="x", pseudonym="staff-piano", is_staff=True
    )
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["add_strategy", "add_action"]))
    client.force_login(staff)
    html = client.get("/piano/asse-5/").content.decode()
    assert f"/django-admin/plan/strategy/add/?axis={axis.pk}" in html

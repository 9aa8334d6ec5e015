import polib
from django.conf import settings
from django.utils import translation


def test_english_catalogue_is_complete_and_compiled():
    po = polib.pofile(str(settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po if not entry.obsolete and not entry.translated()]
    assert untranslated == []
    assert (settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.mo").exists()


def test_interface_strings_switch_language():
    with translation.override("en"):
        assert translation.gettext("Contributi") != "Contributi"
    with translation.override("it"):
        assert translation.gettext("Contributi") == "Contributi"


def test_home_in_english(client, psm):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Vai al contenuto principale" not in html


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """makemessages over a copy of the sources: nothing new to extract, nothing untranslated
    (a string added to a template without running makemessages would otherwise show in Italian)."""
    import os
    import shutil
    import subprocess
    import sys

    base = settings.BASE_DIR
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "migrations")
    for name in ("consultazione", "api", "cms", "templates"):
        shutil.copytree(base / name, tmp_path / name, ignore=ignore)
    shutil.copytree(base / "locale", tmp_path / "locale")
    env = {**os.environ, "PYTHONPATH": str(base), "DJANGO_SETTINGS_MODULE": "consultazione.settings.test"}
    result = subprocess.run(
        [sys.executable, str(base / "manage.py"), "makemessages", "-l", "en", "--no-obsolete"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    po = polib.pofile(str(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in po if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)]
    assert missing == [], "run `manage.py makemessages -l en --no-obsolete` and translate: " + repr(missing)

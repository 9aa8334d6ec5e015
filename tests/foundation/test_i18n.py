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

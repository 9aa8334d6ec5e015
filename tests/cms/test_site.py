import pytest
from django.utils.html import escape


def test_home_shows_six_axes_and_active_phase(client, psm):
    psm.set_phase("ascolto")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for axis in psm.axes.values():
        assert axis.title in html
    assert "Fase in corso" in html
    assert "Ascolto del territorio" in html
    assert 'lang="it"' in html
    assert "Città metropolitana di Torino" in html
    for path in ["/privacy/", "/dichiarazione-accessibilita/", "/note-legali/"]:
        assert f'href="{path}"' in html


def test_home_without_active_phase_says_so(client, psm):
    response = client.get("/")
    assert "nessuna fase di partecipazione" in response.content.decode()


def test_plan_and_axis_pages(client, psm):
    response = client.get("/piano/")
    assert response.status_code == 200
    assert "Torino metropoli più verde ed ecologica" in response.content.decode()
    response = client.get("/piano/asse-1/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Garantire una diffusa digitalizzazione del territorio" in html
    assert "1.1.1" in html


def test_standard_pages_exist(client, psm):
    for path in ["/privacy/", "/dichiarazione-accessibilita/", "/note-legali/", "/netiquette/"]:
        response = client.get(path)
        assert response.status_code == 200
        page = response.context["page"]
        assert page.live and page.url == path and escape(page.title) in response.content.decode(), path


def test_english_through_locale_middleware(client, psm):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en"' in response.content.decode()


def test_favicon_ico_leads_to_the_svg_icon(client, psm):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(icon.streaming_content) if icon.streaming else b"<svg" in icon.content


def test_a_menu_entry_with_a_mistyped_url_name_fails_loudly(rf, monkeypatch):
    """cms/context_processors.py: a typo in NAVIGATION must not silently drop the entry."""
    from django.urls import NoReverseMatch

    from cms import context_processors

    monkeypatch.setattr(context_processors, "NAVIGATION", [("Contributi", "contributions:lsit")])
    with pytest.raises(NoReverseMatch):
        context_processors.site(rf.get("/"))["site_nav"]()

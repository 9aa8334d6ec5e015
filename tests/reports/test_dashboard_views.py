"""The public dashboard page and its API: figures, filters, bad input, no personal data."""

from consultazione.reports.models import ExportLog


def test_current_dashboard_page(client, world):
    response = client.get("/dati/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="people">6<' in html and 'data-figure="contributions">5<' in html
    assert html.count("data-chart=") >= 8
    assert html.count("<table") >= html.count("data-chart=")  # a data table for every chart
    assert "Come si calcolano" in html and "Partecipanti online: le persone distinte" in html
    for secret in world.secrets:
        assert secret not in html, secret
    assert "Esportazioni per lo staff" not in html


def test_filter_by_axis_and_zone(client, world):
    slug = world.psm.process.slug
    html = client.get(f"/dati/{slug}/?axis=1").content.decode()
    assert 'data-figure="contributions">3<' in html and "data-active-filters" in html
    zone = world.psm.comune("Pinerolo").zona
    html = client.get(f"/dati/{slug}/?axis=2&zona={zone.number}").content.decode()
    assert 'data-figure="contributions">1<' in html


def test_unknown_filter_is_a_field_error(client, world):
    response = client.get(f"/dati/{world.psm.process.slug}/?axis=99")
    assert response.status_code == 400
    assert 'data-figure="contributions">5<' in response.content.decode()


def test_staff_sees_export_links(client, world):
    client.force_login(world.people["staff"])
    html = client.get("/dati/").content.decode()
    assert "Esportazioni per lo staff" in html and "Rapporto finale" in html


def test_dashboard_api(client, world):
    data = client.get(f"/api/v1/dashboard/{world.psm.process.slug}/").json()
    assert data["participants"]["people_online"] == 6
    assert data["contributions"]["total"] == 5
    assert data["meetings"]["attendance_total"] == 3
    filtered = client.get(f"/api/v1/dashboard/{world.psm.process.slug}/?axis=1").json()
    assert filtered["contributions"]["total"] == 3 and filtered["axis"] == 1
    bad = client.get(f"/api/v1/dashboard/{world.psm.process.slug}/?zona=99")
    assert bad.status_code == 400 and bad.json()["errors"] == {"zona": ["Zona omogenea inesistente."]}
    assert client.get("/api/v1/dashboard/nessuno/").status_code == 404
    statistics = client.get("/api/v1/statistics/").json()
    assert {s["key"] for s in statistics} >= {"participants", "contributions"}
    assert not ExportLog.objects.exists()


def test_a_process_without_data(client, psm):
    from consultazione.process.models import Process

    Process.objects.create(slug="vuoto", title="Processo vuoto")
    html = client.get("/dati/vuoto/").content.decode()
    assert 'data-figure="contributions">0<' in html
    assert client.get("/api/v1/dashboard/vuoto/").json()["participants"]["people_online"] == 0
    response = client.get("/dati/open-data/vuoto/pacchetto.zip")
    assert response.status_code == 200
    assert 'href="/dati/vuoto/"' in client.get(f"/dati/{psm.process.slug}/").content.decode()
    record = client.get("/dati/open-data/vuoto/metadata.jsonld").json()
    assert "dct:temporal" not in record  # no phases, no temporal coverage


def test_filter_by_phase_and_category(client, world):
    """Issue 16 item 9d: the dashboard filters by phase and by stakeholder category too (page and API);
    an unknown one is a field error."""
    slug = world.psm.process.slug
    page = client.get(f"/dati/{slug}/?category=enti_locali")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-figure="contributions">1<' in html and "data-active-filters" in html  # only c4, on behalf of a comune
    assert 'name="phase"' in html and 'name="category"' in html
    html = client.get(f"/dati/{slug}/?category=cooperazione").content.decode()
    assert 'data-figure="contributions">1<' in html
    assert 'data-figure="contributions">5<' in client.get(f"/dati/{slug}/?phase=ascolto").content.decode()
    assert 'data-figure="contributions">0<' in client.get(f"/dati/{slug}/?phase=approvazione").content.decode()
    data = client.get(f"/api/v1/dashboard/{slug}/?category=enti_locali&phase=ascolto").json()
    assert data["contributions"]["total"] == 1 and data["category"] == "enti_locali" and data["phase"] == "ascolto"
    assert client.get(f"/dati/{slug}/?category=nessuna").status_code == 400
    bad = client.get(f"/api/v1/dashboard/{slug}/?phase=nessuna&category=nessuna")
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"phase", "category"}


def test_the_old_italian_filter_names_still_filter(client, world):
    """Links shared before the parameters were named in English (?asse=, ?fase=, ?categoria=) keep
    filtering, on the page and in the API; the English name wins when both are given."""
    slug = world.psm.process.slug
    html = client.get(f"/dati/{slug}/?asse=1").content.decode()
    assert 'data-figure="contributions">3<' in html and "data-active-filters" in html
    assert 'data-figure="contributions">1<' in client.get(f"/dati/{slug}/?categoria=enti_locali").content.decode()
    assert 'data-figure="contributions">0<' in client.get(f"/dati/{slug}/?fase=approvazione").content.decode()
    data = client.get(f"/api/v1/dashboard/{slug}/?asse=1").json()
    assert data["contributions"]["total"] == 3 and data["axis"] == 1
    data = client.get(f"/api/v1/dashboard/{slug}/?categoria=enti_locali&fase=ascolto").json()
    assert data["contributions"]["total"] == 1 and data["category"] == "enti_locali" and data["phase"] == "ascolto"
    bad = client.get(f"/api/v1/dashboard/{slug}/?fase=nessuna")
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"phase"}
    both = client.get(f"/api/v1/dashboard/{slug}/?asse=2&axis=1").json()
    assert both["axis"] == 1 and both["contributions"]["total"] == 3


def test_timestamps_are_local_and_human(client, world, settings):
    """Issue 16 item 9d: "Cifre aggiornate al 6 dicembre 2026, 05:36" (Europe/Rome), not an ISO
    string in UTC; English dates in English."""
    import datetime
    import re
    from unittest import mock
    from zoneinfo import ZoneInfo

    instant = datetime.datetime(2026, 12, 6, 4, 36, tzinfo=datetime.UTC)  # 05:36 in Rome
    with mock.patch("django.utils.timezone.now", return_value=instant):
        html = client.get("/dati/").content.decode()
    assert "Cifre aggiornate al 6 dicembre 2026, 05:36." in html
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", html.split("<main")[1])
    assert instant.astimezone(ZoneInfo(settings.TIME_ZONE)).hour == 5
    with mock.patch("django.utils.timezone.now", return_value=instant + datetime.timedelta(minutes=1)):
        english = client.get(f"/dati/{world.psm.process.slug}/?asse=2", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "December 6, 2026, 05:37" in english


def test_methodology_is_translated(client, world):
    """Issue 16 item 9d: "Come si calcolano" reads in English on the English site (and the API),
    and so do the labels of the figures, even when the Italian page was computed first."""
    assert "Evento pubblico" in client.get("/dati/").content.decode()
    html = client.get("/dati/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Evento pubblico" not in html
    assert "Partecipanti online: le persone distinte" not in html
    assert "Online participants: the distinct people" in html
    statistics = client.get("/api/v1/statistics/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert all("pubblicati" not in s["definition"] for s in statistics)


def test_priorities_hide_groups_of_fewer_than_five_ballots(client, world):
    """Issue 16 item 9g: the dashboard shows no zone's first item and no filtered ranking made of
    fewer than 5 ballots (here one ballot per zone: one person's choice)."""
    slug = world.psm.process.slug
    everyone = client.get(f"/dati/{slug}/").content.decode()
    assert "Nessuna zona con almeno 5 schede." in everyone
    zone = world.psm.comune("Pinerolo").zona
    for query in ("categoria=enti_locali", f"zona={zone.number}"):
        html = client.get(f"/dati/{slug}/?{query}").content.decode()
        section = html.split('id="priorities"')[1].split("</section>")[0]
        assert "meno di 5 schede" in section and "data-small-cell" in section, query
        assert "<td>1</td>" not in section  # no ranking row
    data = client.get(f"/api/v1/dashboard/{slug}/?categoria=enti_locali").json()
    assert data["priorities"][0]["hidden"] is True and data["priorities"][0]["items"] == []
    assert data["priorities"][0]["participants"] is None

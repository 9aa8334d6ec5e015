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
    html = client.get(f"/dati/{slug}/?asse=1").content.decode()
    assert 'data-figure="contributions">3<' in html and "data-active-filters" in html
    zone = world.psm.comune("Pinerolo").zona
    html = client.get(f"/dati/{slug}/?asse=2&zona={zone.number}").content.decode()
    assert 'data-figure="contributions">1<' in html


def test_unknown_filter_is_a_field_error(client, world):
    response = client.get(f"/dati/{world.psm.process.slug}/?asse=99")
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
    filtered = client.get(f"/api/v1/dashboard/{world.psm.process.slug}/?asse=1").json()
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

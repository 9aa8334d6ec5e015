"""Browser journey: staff opens the dashboard, filters by axis, downloads the workbook."""

from openpyxl import load_workbook

from tests.e2e.conftest import login
from tests.e2e.test_accessibility import serious_violations
from tests.reports.conftest import build_world


def test_staff_filters_the_dashboard_and_downloads_the_workbook(page, live_url, psm, tmp_path):
    world = build_world(psm)
    login(page, live_url, world.people["staff"].email)
    page.goto(f"{live_url}/dati/")
    assert page.locator('[data-figure="contributions"]').inner_text() == "5"
    assert page.locator("canvas[data-chart-ready]").count() >= 8  # Chart.js drew every chart
    assert serious_violations(page) == []

    page.get_by_label("Asse", exact=True).select_option("1")
    page.get_by_role("button", name="Applica i filtri").click()
    page.wait_for_url("**/dati/?axis=1**")
    assert page.locator('[data-figure="contributions"]').inner_text() == "3"
    assert "Cifre filtrate" in page.locator("[data-active-filters]").inner_text()

    page.get_by_role("link", name="Esportazioni per lo staff").click()
    page.get_by_label("Formato").select_option("workbook")
    page.get_by_role("button", name="Prepara il file").click()
    page.wait_for_url("**/dati/esportazioni/*/")
    link = page.get_by_role("link", name="Scarica il file")
    link.wait_for(state="visible")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    download.save_as(tmp_path / download.suggested_filename)
    book = load_workbook(tmp_path / download.suggested_filename, read_only=True)
    assert "Contributi" in book.sheetnames and len(book.sheetnames) == 8


def test_job_page_polls_until_the_file_is_ready(page, live_url, psm, staff):
    from consultazione.reports.jobs import run_job
    from consultazione.reports.models import ExportJob

    job = ExportJob.objects.create(process=psm.process, kind="csv", dataset="meetings", requested_by=staff)
    login(page, live_url, staff.email)
    page.goto(f"{live_url}/dati/esportazioni/{job.pk}/")
    assert page.locator("[data-job-status-label]").inner_text() == "In coda"
    assert not page.get_by_role("link", name="Scarica il file").is_visible()
    run_job(job.pk)
    page.get_by_role("link", name="Scarica il file").wait_for(state="visible")
    assert page.locator("[data-job-status-label]").inner_text() == "Pronto"
    assert page.locator("[data-job-refresh]").count() == 0


def test_open_data_page_is_accessible_and_downloads_the_package(page, live_url, psm, tmp_path):
    page.goto(f"{live_url}/dati/open-data/")
    assert serious_violations(page) == []
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Scarica il pacchetto (ZIP)").click()
    assert download_info.value.suggested_filename == f"open-data-{psm.process.slug}.zip"


def test_the_dashboard_fits_a_phone_and_names_every_bar(browser, live_url, psm):
    """On a 390 px phone the page does not scroll sideways (wide tables scroll inside their own
    box) and every bar of every bar chart keeps its name (Chart.js skips names that do not fit: the
    macro-areas' B, D and F were missing), those of horizontal charts wrapped, not cut off."""
    build_world(psm)
    page = browser.new_context(viewport={"width": 390, "height": 844}, locale="it-IT").new_page()
    page.goto(f"{live_url}/dati/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    charts = page.evaluate(
        """() => [...document.querySelectorAll('canvas[data-chart-ready]')].map((canvas) => {
            const chart = window.ConsultazioneCharts.chartOf(canvas)
            if (!chart || chart.config.type !== 'bar') return null
            const horizontal = chart.options.indexAxis === 'y'
            const names = chart.scales[horizontal ? 'y' : 'x']
            return {
              label: canvas.getAttribute('aria-label'),
              horizontal,
              names: JSON.parse(canvas.dataset.chart).labels.length,
              shown: names.ticks.length,
              lines: chart.data.labels.flat().map((line) => line.length),
              left: names.left,
            }
        }).filter(Boolean)"""
    )
    assert [chart for chart in charts if chart["horizontal"]], "the dashboard has horizontal bar charts"
    for chart in charts:
        assert chart["shown"] == chart["names"], chart  # every bar named
        if not chart["horizontal"]:
            continue
        assert max(chart["lines"]) <= 30 and chart["left"] >= 0, chart  # wrapped, inside the canvas

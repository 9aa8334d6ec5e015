"""The final participation report: staff edit the synthesis, build the PDF (text checked with
pypdf), publish it as a Wagtail page; permissions and a constant number of queries."""

import io

from pypdf import PdfReader

from cms.report_pages import ParticipationReportPage
from consultazione.reports.final_report.data import report_data
from consultazione.reports.models import ExportJob, JobStatus, ParticipationReport
from tests.reports.conftest import build_world


def _edit(client, world, **texts):
    slug = world.psm.process.slug
    page = client.get(f"/dati/{slug}/rapporto/modifica/")
    assert page.status_code == 200
    formset = page.context["formset"]
    data = {
        "introduction": texts.get("introduction", ""),
        "channels_note": "",
        "plan_changes": texts.get("plan_changes", ""),
        "next_steps": "",
        "assi-TOTAL_FORMS": str(len(formset.forms)),
        "assi-INITIAL_FORMS": str(len(formset.forms)),
        "assi-MIN_NUM_FORMS": "0",
        "assi-MAX_NUM_FORMS": "1000",
    }
    for index, form in enumerate(formset.forms):
        data[f"assi-{index}-id"] = str(form.instance.pk)
        for name in ["criticita", "proposals", "outcomes", "territorial"]:
            data[f"assi-{index}-{name}"] = texts.get(name, "") if form.instance.axis.code == 1 else ""
    return client.post(f"/dati/{slug}/rapporto/modifica/", data)


def test_staff_edit_preview_pdf_and_publish(client, world):
    client.force_login(world.people["staff"])
    response = _edit(
        client, world, criticita="Trasporti insufficienti nelle valli.", plan_changes="Nuova azione sul trasporto a chiamata."
    )
    assert response.status_code == 302
    report = ParticipationReport.objects.get()
    assert report.axis_syntheses.get(axis__code=1).criticita == "Trasporti insufficienti nelle valli."

    preview = client.get(f"/dati/{world.psm.process.slug}/rapporto/").content.decode()
    assert "Trasporti insufficienti nelle valli." in preview and "<svg" in preview

    assert client.post(f"/dati/{world.psm.process.slug}/rapporto/pdf/").status_code == 302
    job = ExportJob.objects.get(kind="report_pdf")
    assert job.status == JobStatus.READY, job.error
    pdf = b"".join(client.get(f"/dati/esportazioni/{job.pk}/scarica/").streaming_content)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Partecipanti online 6" in text and "Contributi pubblicati 5" in text
    assert "Presenze agli incontri 3" in text and "Trasporti insufficienti nelle valli." in text
    for secret in world.secrets:
        assert secret not in text

    assert client.post(f"/dati/{world.psm.process.slug}/rapporto/pubblica/").status_code == 302
    report.refresh_from_db()
    assert report.is_published and report.published_pdf and report.published_url
    page = ParticipationReportPage.objects.get(report=report)
    assert page.live
    public = client.get(report.published_url)
    assert public.status_code == 200
    assert "Nuova azione sul trasporto a chiamata." in public.content.decode()
    # issue 16 item 9f: the data pages lead to the published report
    client.logout()
    for data_page in ("/dati/", f"/dati/{world.psm.process.slug}/", "/dati/open-data/"):
        assert f'href="{report.published_url}"' in client.get(data_page).content.decode(), data_page


def test_citizen_cannot_edit_or_publish(client, world):
    client.force_login(world.people["alice"])
    slug = world.psm.process.slug
    assert client.get(f"/dati/{slug}/rapporto/modifica/").status_code == 403
    assert client.post(f"/dati/{slug}/rapporto/pubblica/").status_code == 403
    assert client.post(f"/dati/{slug}/rapporto/pdf/").status_code == 403
    assert not ParticipationReport.objects.exists()


def test_report_data_query_count_is_constant(world, psm, django_assert_max_num_queries, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        data = report_data(psm.process)
    assert data.plan_changes[0].accepted == 1
    build_world(psm, suffix="-ter")
    with django_assert_num_queries(len(first.captured_queries)):
        report_data(psm.process)

import pytest
from django.urls import reverse

from cms.meeting_pages import MeetingIndexPage, MeetingReportPage
from consultazione.meetings.models import MeetingReport

pytestmark = pytest.mark.django_db


def _build(client, meeting, **extra):
    return client.post(reverse("reports:restituzione_build", args=[meeting.slug]), extra)


def test_build_edit_publish_republish(client, held_meeting, staff):
    client.force_login(staff)
    assert _build(client, held_meeting).status_code == 302
    report = MeetingReport.objects.get(meeting=held_meeting)
    page = client.get(reverse("reports:restituzione", args=[held_meeting.slug]))
    assert "Anteprima della bozza" in page.content.decode()
    assert client.get(reverse("reports:restituzione_pdf", args=[held_meeting.slug])).status_code == 404  # not public yet
    draft = client.get(reverse("reports:restituzione_pdf", args=[held_meeting.slug]) + "?bozza=1")
    assert draft.status_code == 200 and draft["Content-Type"] == "application/pdf"

    edited = report.html.replace("Emersa la carenza", "Emersa con forza la carenza")
    assert client.post(reverse("reports:restituzione", args=[held_meeting.slug]), {"html": edited}).status_code == 302
    assert client.post(reverse("reports:restituzione_publish", args=[held_meeting.slug])).status_code == 302
    report.refresh_from_db()
    assert report.is_published and report.published_url == "/restituzioni/" + held_meeting.slug + "/"
    index = MeetingIndexPage.objects.get()
    assert index.title == "Incontri" and index.live
    report_page = MeetingReportPage.objects.get(meeting=held_meeting)
    client.logout()
    public = client.get(report.published_url).content.decode()
    assert "Emersa con forza la carenza" in public
    assert reverse("reports:restituzione_pdf", args=[held_meeting.slug]) in public
    assert held_meeting.title in client.get("/restituzioni/").content.decode()
    assert report.published_url in client.get(held_meeting.get_absolute_url()).content.decode()
    pdf = client.get(reverse("reports:restituzione_pdf", args=[held_meeting.slug]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("reports:restituzione_pdf", args=[held_meeting.slug]) + "?bozza=1").status_code == 403

    client.force_login(staff)
    client.post(reverse("reports:restituzione", args=[held_meeting.slug]), {"html": "<h2>Versione due</h2><p>Testo nuovo.</p>"})
    report.refresh_from_db()
    assert report.has_unpublished_changes
    assert "Versione due" not in client.get(report.published_url).content.decode()  # public text unchanged until republished
    client.post(reverse("reports:restituzione_publish", args=[held_meeting.slug]))
    assert MeetingReportPage.objects.count() == 1
    report_page.refresh_from_db()
    assert "Versione due" in report_page.body_html
    assert "Versione due" in client.get(report.published_url).content.decode()


def test_publish_refused_when_files_failed(client, held_meeting, staff, monkeypatch):
    from consultazione.reports.restituzione import services

    monkeypatch.setattr(services, "render_pdf", lambda **kw: (_ for _ in ()).throw(OSError("disco pieno")))
    client.force_login(staff)
    _build(client, held_meeting)
    page = client.get(reverse("reports:restituzione", args=[held_meeting.slug])).content.decode()
    assert "disco pieno" in page and "Errore nella generazione dei file" in page
    response = client.post(reverse("reports:restituzione_publish", args=[held_meeting.slug]), follow=True)
    assert "non sono stati generati" in response.content.decode()
    assert not MeetingReportPage.objects.exists()


def test_facilitator_cannot_build_or_publish(client, held_meeting, facilitator):
    client.force_login(facilitator)
    assert client.get(reverse("reports:restituzione", args=[held_meeting.slug])).status_code == 403
    assert _build(client, held_meeting).status_code == 403
    assert client.post(reverse("reports:restituzione_publish", args=[held_meeting.slug])).status_code == 403
    assert not MeetingReport.objects.exists()

import io
from pathlib import Path

import pytest
from django.db import transaction
from docx import Document
from pypdf import PdfReader

from consultazione.core.exceptions import PermissionDenied
from consultazione.meetings.models import MeetingReport
from consultazione.meetings.services import report_draft_store, report_files_store
from consultazione.reports.restituzione import data as report_data_module
from consultazione.reports.restituzione.services import restituzione_build, restituzione_edit

from .conftest import POLLS

pytestmark = pytest.mark.django_db


@pytest.fixture
def polls(monkeypatch):
    monkeypatch.setattr(report_data_module, "live_poll_results", lambda meeting: POLLS)


def test_report_content_counts_polls_contributions(held_meeting, staff, polls):
    report = restituzione_build(actor=staff, meeting=held_meeting)
    html = report.html
    assert "Hanno partecipato 4 persone" in html
    assert "Enti locali" in html and "A titolo personale" in html
    assert "Tavolo A" in html and "Emersa la carenza di trasporto pubblico serale." in html
    assert "Proporre una linea a chiamata." in html
    assert "Trasporto serale assente nelle valli" in html and "Rete di ciclabili tra i comuni" in html
    assert "Quale asse è più urgente per la tua zona?" in html
    assert "<svg" in html and "Asse 3 – mobilità" in html
    assert "Sintesi in Cabina di regia a gennaio." in html
    assert "Riservato" not in html and "@example.org" not in html
    assert "Comune di Prova" not in html  # names only when staff choose so


def test_organisation_names_only_on_request_for_institutional(held_meeting, staff):
    report = restituzione_build(actor=staff, meeting=held_meeting, show_organisation_names=True)
    assert "Comune di Prova" in report.html
    assert "Riservato" not in report.html


def test_pdf_and_docx_are_readable(held_meeting, staff, polls):
    report = restituzione_build(actor=staff, meeting=held_meeting)
    assert report.build_error == ""
    report.pdf.open("rb")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(report.pdf.read())).pages)
    report.pdf.close()
    assert "Tavolo territoriale di prova" in text
    assert "Trasporto serale assente" in text
    assert "Quale asse" in text
    report.docx.open("rb")
    document = Document(io.BytesIO(report.docx.read()))
    report.docx.close()
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Che cosa è emerso ai tavoli" in paragraphs
    assert "Emersa la carenza di trasporto pubblico serale." in paragraphs
    assert "Asse 3 – mobilità" in cells and "Trasporto serale assente nelle valli" in cells


def test_pdf_failure_keeps_html_and_records_error(held_meeting, staff, monkeypatch):
    from consultazione.reports.restituzione import services

    def broken(**kwargs):
        raise RuntimeError("font mancante")

    monkeypatch.setattr(services, "render_pdf", broken)
    report = restituzione_build(actor=staff, meeting=held_meeting)
    report.refresh_from_db()
    assert "font mancante" in report.build_error
    assert "Tavolo A" in report.html
    assert not report.pdf and report.docx


def test_edit_is_sanitised_and_files_rebuilt(held_meeting, staff):
    report = restituzione_build(actor=staff, meeting=held_meeting)
    old_pdf = report.pdf.name
    report = restituzione_edit(
        actor=staff, report=report, html="<h2>Nuovo</h2><p onclick='x()'>Testo</p><script>alert(1)</script>"
    )
    assert report.html == "<h2>Nuovo</h2><p>Testo</p>"
    assert report.pdf.name != old_pdf


def test_only_staff_build(held_meeting, facilitator):
    with pytest.raises(PermissionDenied):
        restituzione_build(actor=facilitator, meeting=held_meeting)
    assert not MeetingReport.objects.exists()


def test_report_includes_real_live_poll_results(held_meeting, staff):
    from consultazione.live.services import ballots, controls, questions, sessions

    session = sessions.session_create(user=staff, title="Plenaria", meeting=held_meeting)
    spec = questions.QuestionSpec(
        kind="single",
        text="Il trasporto serale è una priorità?",
        options=(questions.OptionSpec("Sì"), questions.OptionSpec("No")),
    )
    question = questions.question_create(user=staff, session=session, spec=spec)
    controls.question_open(user=staff, question=question)
    yes, no = list(question.options.order_by("position"))
    for choice in (yes, yes, no):
        participant = sessions.participant_join(session=session)
        ballots.ballot_cast(participant_id=participant.pk, session_id=session.pk, question_id=question.pk, choices=[choice.pk])
    controls.question_close(user=staff, question=question)
    html = restituzione_build(actor=staff, meeting=held_meeting).html
    assert "Il trasporto serale è una priorità?" in html and "(3 risposte)" in html
    assert "2 (67%)" in html and "1 (33%)" in html


def test_rebuilding_deletes_the_old_files_only_after_commit(
    held_meeting, staff, settings, tmp_path, django_capture_on_commit_callbacks
):
    """A rebuild whose transaction rolls back leaves the report pointing at files that still exist."""
    settings.MEDIA_ROOT = tmp_path
    report = report_draft_store(actor=staff, meeting=held_meeting, html="<p>Sintesi.</p>", show_organisation_names=False)
    with django_capture_on_commit_callbacks(execute=True):
        report = report_files_store(actor=staff, report=report, pdf=b"%PDF-1.4 prima", docx=b"PK prima")
    first_pdf = report.pdf.path

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        report_files_store(actor=staff, report=report, pdf=b"%PDF-1.4 seconda", docx=b"PK seconda")
        raise Boom
    assert MeetingReport.objects.get(pk=report.pk).pdf.path == first_pdf
    assert Path(first_pdf).read_bytes() == b"%PDF-1.4 prima"

    with django_capture_on_commit_callbacks(execute=True):
        rebuilt = report_files_store(actor=staff, report=report, pdf=b"%PDF-1.4 terza", docx=b"PK terza")
    assert rebuilt.pdf.path != first_pdf
    assert not Path(first_pdf).exists()

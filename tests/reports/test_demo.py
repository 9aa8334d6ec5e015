from consultazione.reports.demo import demo_load
from consultazione.reports.models import ParticipationReport


def test_demo_creates_a_draft_report_with_synthesis(psm, staff):
    assert demo_load(process=psm.process, users={}) == 1
    report = ParticipationReport.objects.get(process=psm.process)
    assert not report.is_published and report.introduction
    assert report.axis_syntheses.get(axis__code=3).criticita.startswith("Collegamenti serali")
    assert demo_load(process=psm.process, users={}) == 1  # idempotent
    assert ParticipationReport.objects.count() == 1

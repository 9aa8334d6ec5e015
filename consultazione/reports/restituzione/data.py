"""Everything the restituzione says about a meeting, gathered with a fixed number of queries."""

from dataclasses import dataclass, field

from consultazione.contributions.models import Status
from consultazione.live.figures import meeting_poll_results
from consultazione.meetings import selectors as meeting_selectors
from consultazione.meetings.models import Meeting

from .charts import bar_chart_svg


def live_poll_results(meeting: Meeting) -> list[dict]:
    """Closed questions of the meeting's live sessions, with the figures every live screen shows
    (consultazione.live.figures.display: question, kind, total, rows, mean, quorum, entries…)."""
    return list(meeting_poll_results(meeting))


@dataclass
class ReportData:
    meeting: Meeting
    agenda: list
    tables: list
    attendance_total: int
    attendance_by_category: list
    registration_counts: dict
    organisations: list[str]
    contributions: list
    contributions_in_review: int
    polls: list[dict] = field(default_factory=list)

    @property
    def total_minutes(self) -> int:
        return sum(item.duration_minutes for item in self.agenda)


def _poll_with_chart(index: int, poll: dict) -> dict:
    """The poll as consultazione.live.figures.display gives it, plus its bar chart (options only):
    the figures are never recomputed here."""
    chart = ""
    if poll.get("bars") and poll.get("rows"):
        bars = [{"label": row["label"], "count": row["count"], "share": row["share"]} for row in poll["rows"]]
        chart = bar_chart_svg(title=str(poll.get("question", "")), options=bars, chart_id=f"poll-{index}")
    return {**poll, "chart": chart}


def report_data(meeting: Meeting, *, show_organisation_names: bool) -> ReportData:
    meeting = meeting_selectors.meeting_detail(slug=meeting.slug)
    total, by_category = meeting_selectors.attendance_counts(meeting)
    tables = meeting_selectors.tables_with_outputs(meeting)
    public_statuses = {Status.PUBLISHED}
    links = [link for table in tables for link in table.table_contributions.all()]
    contributions = [
        (link.table, link.contribution)
        for link in links
        if link.contribution.status in public_statuses and not link.contribution.is_private
    ]
    in_review = sum(1 for link in links if link.contribution.status == Status.PENDING)
    organisations = (
        meeting_selectors.organisations_present(meeting) if show_organisation_names and meeting.is_institutional else []
    )
    polls = [_poll_with_chart(index, poll) for index, poll in enumerate(live_poll_results(meeting), start=1)]
    return ReportData(
        meeting=meeting,
        agenda=list(meeting.agenda.all()),
        tables=tables,
        attendance_total=total,
        attendance_by_category=by_category,
        registration_counts=meeting_selectors.registration_counts(meeting),
        organisations=organisations,
        contributions=contributions,
        contributions_in_review=in_review,
        polls=polls,
    )

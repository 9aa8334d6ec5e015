"""Reads of the meetings app. Public reads never return names or emails: only counts per
organisation category. The attendance list (personal data) is a staff-only selector."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.plan.models import Axis

from .models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingReport,
    MeetingTable,
    Registration,
    RegistrationStatus,
    TableContribution,
    TableOutput,
)


def meetings_public(*, kind: str = "", zone=None, when: str = "upcoming", now=None) -> QuerySet[Meeting]:
    """The public calendar: `when` is "upcoming" (not ended yet) or "past"."""
    now = now or timezone.now()
    qs = Meeting.objects.select_related("venue_comune", "macro_area", "process", "report").prefetch_related("axes", "zones")
    qs = qs.past(now) if when == "past" else qs.upcoming(now)
    if kind:
        qs = qs.filter(kind=kind)
    if zone is not None:
        qs = qs.filter(Q(zones=zone) | Q(macro_area__zones=zone) | Q(venue_comune__zona=zone)).distinct()
    return qs


def meeting_detail(*, slug: str) -> Meeting:
    return (
        Meeting.objects.select_related("venue_comune", "macro_area", "process", "phase")
        .prefetch_related(
            Prefetch("axes", queryset=Axis.objects.select_related("plan")),
            "zones",
            Prefetch("agenda", queryset=AgendaItem.objects.order_by("position")),
            Prefetch("tables", queryset=MeetingTable.objects.select_related("axis", "macro_area").order_by("position")),
        )
        .get(slug=slug)
    )


def meeting_report(meeting: Meeting) -> MeetingReport | None:
    return MeetingReport.objects.filter(meeting=meeting).first()


@dataclass(frozen=True)
class CategoryCount:
    label: str
    count: int


def attendance_counts(meeting: Meeting) -> tuple[int, list[CategoryCount]]:
    """Total presences and presences per organisation category (people without one: "a titolo personale")."""
    rows = (
        Attendance.objects.filter(meeting=meeting)
        .values("category__label", "category__position")
        .annotate(n=Count("id"))
        .order_by("category__position", "category__label")
    )
    counts = [CategoryCount(row["category__label"] or _("A titolo personale"), row["n"]) for row in rows]
    counts.sort(key=lambda c: c.label == _("A titolo personale"))
    return sum(c.count for c in counts), counts


def organisations_present(meeting: Meeting) -> list[str]:
    """Names of the organisations present (only for institutional reports, when staff choose so)."""
    names = set(
        Attendance.objects.filter(meeting=meeting, organisation__isnull=False).values_list("organisation__name", flat=True)
    )
    names |= set(
        Attendance.objects.filter(meeting=meeting, organisation__isnull=True, registration__isnull=False)
        .exclude(registration__organisation_name="")
        .values_list("registration__organisation_name", flat=True)
    )
    return sorted(names, key=str.casefold)


def registration_counts(meeting: Meeting) -> dict[str, int]:
    rows = Registration.objects.filter(meeting=meeting).values("status").annotate(n=Count("id"))
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def registrations_for_staff(meeting: Meeting) -> QuerySet[Registration]:
    """Personal data: only for views that checked `meetings.view_registrations`."""
    return (
        Registration.objects.filter(meeting=meeting)
        .select_related("category", "comune", "organisation")
        .annotate(attended=Count("attendances"))
        .order_by("status", "last_name", "first_name", "id")
    )


def attendance_list(meeting: Meeting) -> QuerySet[Attendance]:
    """Personal data ("Allegato 1"): only for views that checked `meetings.view_attendance`."""
    return (
        Attendance.objects.filter(meeting=meeting)
        .select_related("registration", "registration__category", "user", "category", "organisation")
        .order_by("registration__last_name", "registration__first_name", "checked_in_at", "id")
    )


def registrations_of_user(user) -> QuerySet[Registration]:
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    return (
        Registration.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        .exclude(anonymised_at__isnull=False)
        .select_related("meeting", "meeting__venue_comune")
        .order_by("-meeting__starts_at")
    )


def tables_with_outputs(meeting: Meeting) -> list[MeetingTable]:
    """Tables with their outputs (per agenda item) and the contributions collected there."""
    outputs = (
        TableOutput.objects.select_related("agenda_item")
        .prefetch_related("strategies", "actions")
        .order_by("agenda_item__position", "id")
    )
    links = TableContribution.objects.select_related(
        "agenda_item",
        "contribution",
        "contribution__process",
        "contribution__axis__plan",
        "contribution__zona",
        "contribution__strategy",
        "contribution__action",
    ).order_by("contribution__reference", "contribution_id")
    return list(
        MeetingTable.objects.filter(meeting=meeting)
        .select_related("axis", "macro_area", "facilitator")
        .prefetch_related(Prefetch("outputs", queryset=outputs), Prefetch("table_contributions", queryset=links))
        .order_by("position")
    )


def tables_facilitated_by(user) -> QuerySet[MeetingTable]:
    if not getattr(user, "is_authenticated", False):
        return MeetingTable.objects.none()
    return MeetingTable.objects.filter(facilitator=user).select_related("meeting").order_by("-meeting__starts_at", "position")

"""Reads of the moderation app: the queue, the audit log, reports, outcomes, a person's view."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from consultazione.accounts.models import User
from consultazione.contributions.models import Comment, Contribution

from .items import ItemType, item_target_fields
from .models import Decision, OutcomeRecord, Report, ThematicResponse
from .scopes import moderator_scope

TO_REVIEW = "to_review"
OPEN_STATES = ("pending", "published", "hidden")


@dataclass(frozen=True)
class QueueFilters:
    content: str = ItemType.CONTRIBUTION
    process: int | None = None
    phase: int | None = None
    axis: int | None = None
    zona: int | None = None
    kind: str = ""
    state: str = TO_REVIEW
    min_reports: int | None = None
    older_than_days: int | None = None
    order: str = "oldest"
    q: str = ""


MAX_SEARCH_WORDS = 8


def _search_q(text: str, *, is_comment: bool) -> Q:
    """Every word of `text` must appear in the title, the text (also an edit that waits) or the
    reference (PSM-IDEA-2026-00012, or a part of it); for comments, in the comment or in the
    contribution it answers."""
    condition = Q()
    for word in text.split()[:MAX_SEARCH_WORDS]:
        if is_comment:
            condition &= (
                Q(body__icontains=word)
                | Q(pending_body__icontains=word)
                | Q(contribution__reference__icontains=word)
                | Q(contribution__title__icontains=word)
            )
        else:
            condition &= (
                Q(title__icontains=word)
                | Q(body__icontains=word)
                | Q(pending_title__icontains=word)
                | Q(pending_body__icontains=word)
                | Q(reference__icontains=word)
            )
    return condition


ORDERINGS = {
    "oldest": ("created_at", "id"),
    "newest": ("-created_at", "-id"),
    "reports": ("-report_count", "created_at", "id"),
}


def _state_q(state: str) -> Q:
    if state == TO_REVIEW:
        # Waiting for a first decision, reported, or carrying an edit that waits (pre-moderation).
        return Q(status="pending") | Q(report_count__gt=0, status__in=OPEN_STATES) | Q(pending_edit_at__isnull=False)
    return Q(status=state) if state else Q()


def queue(*, user, filters: QueueFilters) -> QuerySet:
    """Contributions or comments to review, limited to the moderator's scope, in one query."""
    is_comment = filters.content == ItemType.COMMENT
    prefix = "contribution__" if is_comment else ""
    if is_comment:
        queryset = Comment.objects.select_related(
            "author", "contribution", "contribution__process", "contribution__axis__plan", "contribution__zona"
        )
    else:
        related = ("author", "process", "phase", "axis__plan", "zona", "comune", "organisation")
        queryset = Contribution.objects.select_related(*related)
    queryset = queryset.filter(moderator_scope(user).q(prefix)).filter(_state_q(filters.state))
    exact = {
        "process_id": filters.process,
        "phase_id": filters.phase,
        "axis_id": filters.axis,
        "zona_id": filters.zona,
        "kind": filters.kind or None,
    }
    queryset = queryset.filter(**{f"{prefix}{name}": value for name, value in exact.items() if value is not None})
    if filters.q:
        queryset = queryset.filter(_search_q(filters.q, is_comment=is_comment))
    if filters.min_reports:
        queryset = queryset.filter(report_count__gte=filters.min_reports)
    if filters.older_than_days:
        queryset = queryset.filter(created_at__lte=timezone.now() - timedelta(days=filters.older_than_days))
    return queryset.order_by(*ORDERINGS.get(filters.order, ORDERINGS["oldest"]))


def backlog(*, user) -> dict:
    """Figures for the top of the queue: what waits, and since when (one query per content type)."""
    scope = moderator_scope(user)
    figures = {}
    for content, model, prefix in ((ItemType.CONTRIBUTION, Contribution, ""), (ItemType.COMMENT, Comment, "contribution__")):
        figures[content] = model.objects.filter(scope.q(prefix)).aggregate(
            pending=Count("pk", filter=Q(status="pending")),
            reported=Count("pk", filter=Q(report_count__gt=0, status__in=OPEN_STATES)),
            oldest_pending=Min("created_at", filter=Q(status="pending")),
            edits=Count("pk", filter=Q(pending_edit_at__isnull=False)),
        )
    return figures


def decisions_for_item(item) -> QuerySet[Decision]:
    return Decision.objects.filter(**item_target_fields(item)).select_related("actor", "related_contribution").order_by("-id")


def reports_for_item(item) -> QuerySet[Report]:
    return Report.objects.filter(**item_target_fields(item)).select_related("reporter").order_by("-id")


def reports_by_reason(item) -> list[dict]:
    return list(
        Report.objects.open().filter(**item_target_fields(item)).values("reason_code").annotate(n=Count("pk")).order_by("-n")
    )


def audit_log(*, action: str = "", result: str = "") -> QuerySet[Decision]:
    queryset = Decision.objects.select_related(
        "actor", "contribution", "comment", "comment__contribution", "subject_user", "related_contribution"
    )
    if action:
        queryset = queryset.filter(action=action)
    if result:
        queryset = queryset.filter(result=result)
    return queryset.order_by("-id")


def user_has_reported(*, user, item) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Report.objects.filter(reporter=user, **item_target_fields(item)).exists()


def outcome_for(contribution) -> OutcomeRecord | None:
    return (
        OutcomeRecord.objects.select_related("strategy", "action", "thematic_response")
        .filter(contribution_id=contribution.pk)
        .first()
    )


def outcome_counts(*, process) -> dict[str, int]:
    """Contributions per outcome in a process ("" = no outcome yet), for reports and dashboards."""
    rows = Contribution.objects.public().for_process(process).values("outcome").annotate(n=Count("pk")).order_by()
    return {row["outcome"]: row["n"] for row in rows}


def thematic_responses(*, process=None) -> QuerySet[ThematicResponse]:
    queryset = ThematicResponse.objects.select_related("process", "strategy", "action").annotate(answered=Count("records"))
    return queryset.filter(process=process) if process is not None else queryset


def thematic_response_contributions(response: ThematicResponse) -> QuerySet[Contribution]:
    return (
        Contribution.objects.public()
        .filter(outcome_record__thematic_response=response)
        .select_related("axis", "zona", "author")
        .order_by("reference", "pk")
    )


def decisions_about_user(user) -> QuerySet[Decision]:
    """Applied decisions on the person's content or account (shown on their profile)."""
    return (
        Decision.objects.applied()
        .filter(Q(contribution__author=user) | Q(comment__author=user) | Q(subject_user=user))
        .exclude(action=Decision.Action.RETAG)
        .select_related("contribution", "comment", "comment__contribution", "related_contribution")
        .order_by("-id")
    )


def blocked_users() -> QuerySet[User]:
    return User.objects.filter(blocked_at__isnull=False).order_by("-blocked_at")

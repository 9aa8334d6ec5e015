"""Reads for lists, the detail page, the axis pages and a person's own contributions.

Every list is a fixed number of queries whatever its length: related rows come through
select_related/prefetch_related and only the columns a card shows are loaded.
"""

from dataclasses import dataclass, fields, replace
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from consultazione.core import pagecache
from consultazione.process.models import Phase
from consultazione.process.selectors import process_current

from .. import lifecycle
from ..models import Contribution, ContributionDocument, ContributionImage, Outcome, Status
from .search import apply_search, similar_by_trigram, similar_by_words, trigram_available

SORTS = {
    "recent": ("-published_at", "-id"),
    "supported": ("-support_count", "-published_at", "-id"),
    "commented": ("-comment_count", "-published_at", "-id"),
    "relevance": ("-rank", "-published_at", "-id"),
}
AWAITING_OUTCOME = "none"
CARD_FIELDS = (
    "id",
    "reference",
    "process_id",
    "kind",
    "title",
    "body",
    "channel",
    "source",
    "status",
    "is_private",
    "published_at",
    "withdrawn_at",
    "created_at",
    "outcome",
    "support_count",
    "comment_count",
    "axis__id",
    "axis__code",
    "axis__title",
    "axis__colour",
    "axis__plan__id",
    "axis__plan__short_name",
    "process__id",
    "process__plan_produced",
    "process__plan_revised",
    "zona__id",
    "zona__number",
    "zona__name",
    "comune__id",
    "comune__name",
    "organisation__id",
    "organisation__name",
    "author__id",
    "author__pseudonym",
    "author__deleted_at",
    "author__blocked_at",
)


@dataclass(frozen=True)
class ContributionFilters:
    """The filters of the public list, shared by the web page and the API."""

    q: str = ""
    kind: str = ""
    axis: Any = None
    strategy: Any = None
    zona: Any = None
    comune: Any = None
    channel: str = ""
    outcome: str = ""
    status: str = Status.PUBLISHED
    category: str = ""
    process: Any = None
    sort: str = ""

    @property
    def effective_sort(self) -> str:
        if self.sort in SORTS and (self.sort != "relevance" or self.q):
            return self.sort
        return "relevance" if self.q else "recent"


def _visible_base(status: str) -> QuerySet[Contribution]:
    if status == Status.WITHDRAWN:
        return Contribution.objects.readable_by_anyone({lifecycle.State.WITHDRAWN})
    return Contribution.objects.public()


def card_queryset(qs: QuerySet[Contribution], *, with_images: bool = True) -> QuerySet[Contribution]:
    """The columns a card shows (one query), plus one query for the thumbnails if wanted."""
    qs = qs.select_related("process", "axis__plan", "zona", "comune", "organisation", "author").only(*CARD_FIELDS)
    if with_images:
        images = ContributionImage.objects.only("id", "contribution_id", "thumbnail", "alt_text", "position")
        qs = qs.prefetch_related(Prefetch("images", queryset=images))
    return qs


def full_queryset(qs: QuerySet[Contribution]) -> QuerySet[Contribution]:
    """Everything a contribution shows in the API: relations joined, images and documents prefetched."""
    return qs.select_related(
        "process", "axis__plan", "strategy", "action", "zona", "comune", "organisation", "organisation__category", "author"
    ).prefetch_related(
        Prefetch("images", queryset=ContributionImage.objects.order_by("position", "id")),
        Prefetch("documents", queryset=ContributionDocument.objects.order_by("position", "id")),
    )


def contributions_public(filters: ContributionFilters | None = None, *, full: bool = False, **kwargs) -> QuerySet[Contribution]:
    """Public contributions with the list's filters, search and sort (a dataclass or keywords).

    Card-shaped by default (the columns a card shows); `full=True` loads every relation (API).
    """
    filters = replace(filters or ContributionFilters(), **kwargs)
    qs = _visible_base(filters.status)
    exact = {
        "process": filters.process,
        "kind": filters.kind,
        "axis": filters.axis,
        "strategy": filters.strategy,
        "zona": filters.zona,
        "comune": filters.comune,
        "channel": filters.channel,
        "organisation__category__code": filters.category,
    }
    qs = qs.filter(**{field: value for field, value in exact.items() if value not in (None, "")})
    if filters.outcome == AWAITING_OUTCOME:
        qs = qs.filter(outcome="")
    elif filters.outcome in Outcome.values:
        qs = qs.filter(outcome=filters.outcome)
    sort = filters.effective_sort
    qs = apply_search(qs, filters.q, rank=sort == "relevance")
    return (full_queryset(qs) if full else card_queryset(qs)).order_by(*SORTS[sort])


def filters_from_dict(values: dict[str, Any]) -> ContributionFilters:
    names = {field.name for field in fields(ContributionFilters)}
    return ContributionFilters(**{key: value for key, value in values.items() if key in names and value not in (None, "")})


# What a contribution points at in the plan, the process and the territory: rows that change only
# with the site (each moves `pagecache.SITE`), read from a memo per site version rather than joined.
# Joined, with the people, they made a 14-table query that PostgreSQL took 3.3 ms to plan.
REFERENCES = ("process", "phase", "axis", "strategy", "action", "zona", "comune")


def _reference(field: str, pk: int):
    model = Contribution._meta.get_field(field).related_model
    if field == "process":
        current = process_current()
        if current is not None and current.pk == pk:
            return current  # with its phases, as every page reads it
        rows = model.objects.prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("position")))
    else:
        rows = model.objects.select_related("plan") if field == "axis" else model.objects.all()
    return pagecache.memo(f"reference-{model._meta.label_lower}", [pagecache.SITE], lambda: rows.get(pk=pk), pk)


def contribution_detail(reference: str) -> Contribution:
    """One contribution by reference with everything the detail page shows (raises DoesNotExist):
    its author and organisation joined, its plan, process and territory from `REFERENCES`; who
    entered it and what it was merged into are read only when there is one.

    References are stored upper-case: an exact match on the upper-cased reference uses the unique
    index (a case-insensitive lookup is a LIKE that reads every row: 45 ms at 50,000).

    Read once per version of the contribution's pages and of the site (`pagecache.memo`: the
    services move the first on every change of the contribution, its counts, images, moderation
    and outcome; its people's names and its references move the site), so another address of the
    page, a signed-in person's rendering and the API read no row; none is kept for a reference
    that has no contribution."""
    reference = reference.upper()
    if not pagecache.is_key_part(reference):  # no contribution has it: not a key to keep
        return _read_detail(reference)
    scopes = [pagecache.SITE, pagecache.contribution(reference)]
    return pagecache.memo("contribution-detail", scopes, lambda: _read_detail(reference), reference)


def _read_detail(reference: str) -> Contribution:
    contribution = (
        Contribution.objects.select_related("author", "organisation__category")
        .prefetch_related(
            Prefetch("images", queryset=ContributionImage.objects.order_by("position", "id")),
            Prefetch("documents", queryset=ContributionDocument.objects.order_by("position", "id")),
        )
        .get(reference=reference)
    )
    for field in REFERENCES:
        pk = getattr(contribution, f"{field}_id")
        if pk is not None:
            setattr(contribution, field, _reference(field, pk))
    return contribution


def contribution_for_viewer(reference: str, viewer) -> Contribution:
    """The contribution (as `contribution_detail` loads it) if `viewer` may see it. Raises
    DoesNotExist both when there is none and when it is hidden from the viewer, so the web
    page and the API answer the same 404 and never reveal that a hidden one exists."""
    contribution = contribution_detail(reference)
    if not viewer.has_perm("contributions.view_contribution", contribution):
        raise Contribution.DoesNotExist("No contribution visible to this viewer")
    return contribution


def similar_contributions(*, title: str, limit: int = 8, exclude_id: int | None = None) -> list[Contribution]:
    """Public contributions, on any axis, whose title resembles `title` (most similar first).
    Every axis: a person who picked the wrong axis (or none yet) must still find the same idea
    filed elsewhere; each result carries its axis (and plan) for the label."""
    title = " ".join((title or "").split())
    if len(title) < 4:
        return []
    qs = (
        Contribution.objects.public()
        .select_related("axis__plan")
        .only(
            "id",
            "reference",
            "kind",
            "title",
            "support_count",
            "comment_count",
            "published_at",
            "outcome",
            "axis__id",
            "axis__code",
            "axis__title",
            "axis__plan__id",
            "axis__plan__short_name",
        )
    )
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    if trigram_available():
        return similar_by_trigram(qs, title, limit)
    return similar_by_words(qs, title, limit)


def axis_label(axis) -> str:
    """«Asse 3. Titolo (PSM 2024-2026)» — how a similar title names where it was filed (the plan
    too: a criticità may sit on the plan in force, whose axis 3 is another axis)."""
    return _("Asse %(code)s. %(title)s (%(plan)s)") % {"code": axis.code, "title": axis.title, "plan": axis.plan.short_name}


def _first_cards(qs: QuerySet[Contribution], sort: str, limit: int) -> list[Contribution]:
    """The first `limit` of `qs` in `sort` order, as cards: the ids from the sort's index first, then
    their rows. Joined to the process and the plan for the cards, SQLite started from those tables
    and sorted every public row of the axis (23 ms for an axis of 10,000 at 50,000; 1.8 ms so)."""
    ids = list(qs.order_by(*SORTS[sort]).values_list("pk", flat=True)[:limit])
    rows = {row.pk: row for row in card_queryset(Contribution.objects.filter(pk__in=ids), with_images=False)}
    return [rows[pk] for pk in ids if pk in rows]


def axis_latest(axis, *, limit: int = 5) -> list[Contribution]:
    return _first_cards(Contribution.objects.public().filter(axis=axis), "recent", limit)


def axis_most_supported(axis, *, limit: int = 5) -> list[Contribution]:
    return _first_cards(Contribution.objects.public().filter(axis=axis, support_count__gt=0), "supported", limit)


def contributions_of_user(user) -> QuerySet[Contribution]:
    """Everything the person wrote (any status), newest first."""
    return Contribution.objects.filter(author=user).select_related("axis", "merged_into__author").order_by("-created_at")

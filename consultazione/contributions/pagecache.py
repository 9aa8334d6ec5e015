"""Which cached pages a change to a contribution or a comment makes stale (core/pagecache.py).

A contribution is shown on its own page, on its axis page, in the lists and in every count and
summary (home, dashboards, open data): all depend on `pagecache.CONTRIBUTIONS` except the detail
and axis pages, which depend on their own scope, so a comment on one contribution leaves the other
contributions' pages and the other axes' pages cached; the dashboard's figures that a new support
or comment cannot move depend on `pagecache.CONTRIBUTIONS_BASE`, which such an addition leaves.
"""

import hashlib

from django.db.models import OuterRef, Subquery
from django.utils import translation

from consultazione.core import pagecache

from .models import Contribution, ContributionImage
from .selectors.comments import comment_people, comment_scopes, comments_page_number


def contribution_scopes(contribution, *, axis_ids=()) -> set[str]:
    scopes = {pagecache.CONTRIBUTIONS}
    if contribution.reference:  # none yet while the submit service is still writing it
        scopes.add(pagecache.contribution(contribution.reference))
    scopes.update(pagecache.axis(pk) for pk in (contribution.axis_id, *axis_ids) if pk)
    return scopes


def pages_changed(*items, axis_ids=(), extra=(), added: bool = False) -> None:
    """After the commit, the pages showing these contributions (or the contributions of these
    comments) render again; `axis_ids` adds axes a contribution left (re-tag, merge). `added`: the
    change is only a new support or comment, a row inserted now (its `created_at`), which the
    dashboard's people count finds by that date — every other change, a removal included, also
    moves `CONTRIBUTIONS_BASE` (reports/selectors/dashboard.py `_people_online`)."""
    scopes: set[str] = set(extra)
    if not added:
        scopes.add(pagecache.CONTRIBUTIONS_BASE)
    for item in items:
        contribution = getattr(item, "contribution", None) if not hasattr(item, "reference") else item
        if contribution is not None:
            scopes |= contribution_scopes(contribution, axis_ids=axis_ids)
    pagecache.changed(*scopes)


# Everything a card shows, as columns: the list reads these (no model, no join but two names, no
# prefetch) to find the cards in the cache, and loads full rows only for the cards it misses.
CARD_COLUMNS = (
    "pk",
    "reference",
    "kind",
    "status",
    "is_private",
    "withdrawn_at",
    "outcome",
    "title",
    "body",
    "published_at",
    "support_count",
    "comment_count",
    "axis_id",
    "zona_id",
    "comune_id",
    "channel",
    "organisation__name",
    "author__pseudonym",
    "first_thumbnail",
    "first_alt_text",
)


# From this offset on, a page of the list reads its ids first: skipping rows to the offset then
# walks the covering sort index only (`contrib_public_recent` and its kin hold the author, whose
# block the public rows check), instead of joining authors and images for every skipped row
# (page 50 at 50,000 rows: 1.2–1.5 ms → 0.2 ms on SQLite).
DEEP_PAGE_OFFSET = 200


def _first_image(field: str):
    return Subquery(ContributionImage.objects.filter(contribution=OuterRef("pk")).order_by("position", "id").values(field)[:1])


def _with_first_image(contributions):
    return contributions.annotate(first_thumbnail=_first_image("thumbnail"), first_alt_text=_first_image("alt_text"))


def _card_digest(row: tuple) -> str:
    return hashlib.blake2b(repr(row[1:]).encode(), digest_size=16).hexdigest()


class CachedCard:
    """A card found in the cache: all the list's template needs of it."""

    def __init__(self, pk: int, card_html: str):
        self.pk, self.card_html = pk, card_html


def with_card_keys(contributions, ids_key: str = "") -> list:
    """The page's contributions for their cards, each with a `card_key` (the fragment cache's key
    of its card) and, when the card is cached, its `card_html`. The key is a digest of everything
    the card shows (plus the language and the site's version, for the names of axes, zones and
    comuni): a card changes key when what it shows changes, whoever changed it, and costs no version
    lookup of its own. One light query reads those columns and one cache round trip fetches every
    card of the page; only the cards not in the cache are loaded as rows and rendered.

    `ids_key` names the query and the versions of the site and of the contributions (as the list's
    count): the page's ids and their cards' digests — the filtering, the sort, for a search the
    ranking, and the light read — are then kept under it, and another address of the same list (a
    newsletter's tracking parameters, a signed-in person's own rendering, a page the cache let go)
    reads none of it again. What a card shows moves one of those versions: the contribution, its
    counts and images through the services (`pages_changed`), its author's name, organisation and
    the names of its axis and territory with the site (`SITE`)."""
    if not pagecache.fragment_seconds():
        return list(contributions)
    query = contributions.query
    low, high = query.low_mark, query.high_mark
    unsliced = contributions._chain()
    unsliced.query.clear_limits()

    def page_ids():
        return list(unsliced.values_list("pk", flat=True)[low:high])

    def digests_of(ids):  # the filters, the search and the sort chose these ids: their rows by key
        order = {pk: n for n, pk in enumerate(ids)}
        by_key = _with_first_image(Contribution.objects.readable_by_anyone().filter(pk__in=ids))  # still not hidden
        rows = sorted(by_key.values_list(*CARD_COLUMNS), key=lambda row: order[row[0]])
        return [(row[0], _card_digest(row)) for row in rows]

    if ids_key:
        digests = pagecache.kept(f"{ids_key}:cards:{low}:{high}", lambda: digests_of(page_ids()))
    elif low >= DEEP_PAGE_OFFSET:  # a deep page: its ids from the sort index alone, then only their rows
        digests = digests_of(page_ids())
    else:
        rows = _with_first_image(unsliced).values_list(*CARD_COLUMNS)[low:high]
        digests = [(row[0], _card_digest(row)) for row in rows]
    site = pagecache.versions_of([pagecache.SITE])[pagecache.SITE]
    language = translation.get_language()
    keys = {pk: f"card:{language}:{site}:{digest}" for pk, digest in digests}
    cached = pagecache.fragments().get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in cached]
    loaded = {item.pk: item for item in unsliced.filter(pk__in=missing)} if missing else {}
    items = []
    for pk, key in keys.items():
        if key in cached:
            item = CachedCard(pk, cached[key])
        elif pk in loaded:
            item = loaded[pk]
        else:  # hidden or withdrawn between the two reads: no longer on the page
            continue
        item.card_key = key
        items.append(item)
    return items


def _comment_content(comment) -> tuple:
    """Everything a comment's rendering shows, with the links the viewer gets (reply, edit, report)."""
    return (
        comment.contribution.reference,
        comment.pk,
        comment.status,
        comment.alignment,
        comment.body,
        comment.created_at,
        comment.edited_at,
        comment.moderation_edited_at,
        comment.moderation_edit_reason,
        comment.author.display_name if comment.author_id else None,
        getattr(comment, "reply_count", 0),
        comment.pending_body if comment.show_pending_edit else None,
        comment.can_reply,
        comment.can_edit,
        comment.can_report,
    )


def with_comment_keys(comments) -> list:
    """Like `with_card_keys`, for the comments of a page as decorated for the viewer (views/_common):
    a comment renders the same for everyone who gets the same links, so most comments are read from
    the cache even on a signed-in person's page. A comment the viewer may delete carries a form with
    their CSRF token: never cached."""
    items = list(comments)
    if not pagecache.fragment_seconds():
        return items
    language = translation.get_language()
    for item in items:
        if not item.can_delete:
            digest = hashlib.blake2b(repr(_comment_content(item)).encode(), digest_size=16).hexdigest()
            item.html_key = f"comment:{language}:{digest}"
    cached = pagecache.fragments().get_many([item.html_key for item in items if getattr(item, "html_key", "")])
    for item in items:
        if getattr(item, "html_key", "") in cached:
            item.html = cached[item.html_key]
    return items


def comments_list_key(contribution, page, *, viewer, can_comment: bool, querystring: str) -> str:
    """The key of a page of comments as rendered for `viewer` (the list and its page links), or ""
    when it is theirs alone. A comment shows its links by who looks (decorate_comments): reply to
    whoever may comment, report to whoever is signed in, edit and delete to its author, a waiting
    comment to its author only. So for someone who wrote none of the page's comments and has none
    waiting, the rendering is decided by the page's version, the language, those two answers and
    the other query parameters (in its page links) — the same for every such person."""
    if not pagecache.fragment_seconds():
        return ""
    number = comments_page_number(page)
    if viewer.pk is not None and viewer.pk in comment_people(contribution, number):
        return ""
    scopes = comment_scopes(contribution)
    versions = pagecache.versions_of(scopes)
    links = f"{int(bool(can_comment))}{int(viewer.is_authenticated)}"
    digest = hashlib.blake2b(querystring.encode(), digest_size=12).hexdigest()
    language = translation.get_language()
    return ":".join(["comments", language, str(contribution.pk), number, *(versions[s] for s in scopes), links, digest])

"""Which cached pages a change to a contribution or a comment makes stale (core/pagecache.py).

A contribution is shown on its own page, on its axis page, in the lists and in every count and
summary (home, dashboards, open data): all depend on `pagecache.CONTRIBUTIONS` except the detail
and axis pages, which depend on their own scope, so a comment on one contribution leaves the other
contributions' pages and the other axes' pages cached.
"""

from django.core.cache import cache
from django.utils import translation

from consultazione.core import pagecache


def contribution_scopes(contribution, *, axis_ids=()) -> set[str]:
    scopes = {pagecache.CONTRIBUTIONS}
    if contribution.reference:  # none yet while the submit service is still writing it
        scopes.add(pagecache.contribution(contribution.reference))
    scopes.update(pagecache.axis(pk) for pk in (contribution.axis_id, *axis_ids) if pk)
    return scopes


def pages_changed(*items, axis_ids=(), extra=()) -> None:
    """After the commit, the pages showing these contributions (or the contributions of these
    comments) render again; `axis_ids` adds axes a contribution left (re-tag, merge)."""
    scopes: set[str] = set(extra)
    for item in items:
        contribution = getattr(item, "contribution", None) if not hasattr(item, "reference") else item
        if contribution is not None:
            scopes |= contribution_scopes(contribution, axis_ids=axis_ids)
    pagecache.changed(*scopes)


def with_card_keys(contributions) -> list:
    """Give each contribution a `card_key` for the fragment cache of its card (its reference, the
    language and the versions of its scope and of the site) and, when the card is cached, its
    `card_html`: two cache round trips for the whole page, whatever the number of cards."""
    items = list(contributions)
    if not pagecache.fragment_seconds():
        return items
    scopes = [pagecache.contribution(item.reference) for item in items if item.reference]
    versions = pagecache.versions_of([pagecache.SITE, *scopes])
    language = translation.get_language()
    for item in items:
        if item.reference:
            scope = pagecache.contribution(item.reference)
            item.card_key = f"card:{language}:{item.reference}:{versions[scope]}:{versions[pagecache.SITE]}"
    cached = cache.get_many([item.card_key for item in items if hasattr(item, "card_key")])
    for item in items:
        if getattr(item, "card_key", None) in cached:
            item.card_html = cached[item.card_key]
    return items

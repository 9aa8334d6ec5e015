"""Which cached pages a change to a contribution or a comment makes stale (core/pagecache.py).

A contribution is shown on its own page, on its axis page, in the lists and in every count and
summary (home, dashboards, open data): all depend on `pagecache.CONTRIBUTIONS` except the detail
and axis pages, which depend on their own scope, so a comment on one contribution leaves the other
contributions' pages and the other axes' pages cached.
"""

import hashlib

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


def _card_content(item) -> tuple:
    """Everything a card shows, from the row and the relations the list query already loaded."""
    image = next(iter(item.images.all()), None)
    return (
        item.reference,
        item.kind,
        item.status,
        item.is_private,
        item.withdrawn_at,
        item.outcome,
        item.title,
        item.body,
        item.published_at,
        item.support_count,
        item.comment_count,
        item.axis_id,
        item.zona_id,
        item.comune_id,
        item.channel,
        item.organisation.name if item.organisation_id else None,
        item.author.pseudonym if item.author_id else None,
        (image.thumbnail.name, image.alt_text) if image else None,
    )


def with_card_keys(contributions) -> list:
    """Give each contribution a `card_key` for the fragment cache of its card and, when the card is
    cached, its `card_html`. The key is a digest of everything the card shows (plus the language
    and the site's version, for the names of axes, zones and comuni): a card changes key when what
    it shows changes, whoever changed it, and costs no version lookup of its own — one cache round
    trip fetches every card of the page."""
    items = list(contributions)
    if not pagecache.fragment_seconds():
        return items
    site = pagecache.versions_of([pagecache.SITE])[pagecache.SITE]
    language = translation.get_language()
    for item in items:
        digest = hashlib.blake2b(repr(_card_content(item)).encode(), digest_size=16).hexdigest()
        item.card_key = f"card:{language}:{site}:{digest}"
    cached = cache.get_many([item.card_key for item in items])
    for item in items:
        if item.card_key in cached:
            item.card_html = cached[item.card_key]
    return items

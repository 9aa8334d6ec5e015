"""A deep page of the contribution list reads its ids from the sort index first
(contributions/pagecache.py, DEEP_PAGE_OFFSET): it must show the same contributions, in the same
order, as the plain read — for every sort — and never one whose author is blocked."""

import re

import pytest
from django.utils import timezone

from consultazione.accounts.models import User
from consultazione.contributions import pagecache as card_cache
from consultazione.contributions.models import Contribution
from tests.conftest import make_user, submit_contribution

pytestmark = pytest.mark.django_db

SORTS = ["", "supported", "commented"]


def shown(browser, url) -> list[str]:
    response = browser.get(url)
    assert response.status_code == 200
    return re.findall(r'href="/contributi/(PSM-IDEA-\d{4}-\d{5})/"', response.text)  # the cards' links


def references_on_every_page(browser, sort, run) -> list[list[str]]:
    pages = []
    for number in range(1, 6):  # `run`: a new address, so that each read renders (no stored page)
        found = list(dict.fromkeys(shown(browser, f"/contributi/?sort={sort}&page={number}&_={run}")))
        if pages and found == pages[-1]:
            break  # past the last page the paginator shows the last one again
        pages.append(found)
    return pages


def test_deep_pages_show_what_the_plain_read_shows_for_every_sort(psm, browser, settings, monkeypatch):
    psm.set_phase("ascolto")
    settings.CONTRIBUTIONS_PER_PAGE = 3
    authors = [make_user() for _ in range(4)]
    made = [submit_contribution(psm, authors[n % 4], title=f"Proposta numero {n:02d} per la zona") for n in range(11)]
    # ties on purpose: equal supports and comments, equal publication times for some
    for n, contribution in enumerate(made):
        Contribution.objects.filter(pk=contribution.pk).update(
            support_count=n % 3, comment_count=(n * 7) % 4, published_at=made[n - n % 2].published_at
        )
    blocked = authors[1]
    User.objects.filter(pk=blocked.pk).update(blocked_at=timezone.now())
    hidden = {c.reference for c in made if c.author_id == blocked.pk}

    for sort in SORTS:
        monkeypatch.setattr(card_cache, "DEEP_PAGE_OFFSET", 10_000)
        plain = references_on_every_page(browser, sort, "plain")
        monkeypatch.setattr(card_cache, "DEEP_PAGE_OFFSET", 3)  # from page 2 on
        deep = references_on_every_page(browser, sort, "deep")
        assert deep == plain, sort
        everything = [reference for page in deep for reference in page]
        assert len(everything) == len(set(everything)) == len(made) - len(hidden), sort
        assert not hidden & set(everything), sort

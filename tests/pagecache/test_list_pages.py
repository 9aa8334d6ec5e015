"""What each page of the contribution list shows when its ids come from the index first (deep
pages, contributions/pagecache.py `DEEP_PAGE_OFFSET`) or from the ids and card digests kept per
query and versions of the site and the contributions (`ids_key`): the same contributions, in the
same order, as the sorted query itself — for every sort and a search — never one whose author is
blocked, the new order on the next request after a support moves one, and on the next request
what a card shows when its organisation is renamed."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultazione.accounts.models import User
from consultazione.contributions import pagecache as card_cache
from consultazione.contributions.models import Contribution
from consultazione.contributions.selectors import ContributionFilters, contributions_public
from consultazione.stakeholders.models import Category, Organisation
from consultazione.voting.services import support_add
from tests.conftest import make_user, submit_contribution

pytestmark = pytest.mark.django_db

PER_PAGE = 3
SORTS = ["", "supported", "commented"]


def shown(browser, url) -> list[str]:
    response = browser.get(url)
    assert response.status_code == 200
    return re.findall(r'href="/contributi/(PSM-IDEA-\d{4}-\d{5})/"', response.text)  # the cards' links


def pages_of(browser, query: str, run: str) -> list[list[str]]:
    """Every page of the list (`run`: a new address each time, so that each page renders)."""
    pages = []
    for number in range(1, 8):
        found = list(dict.fromkeys(shown(browser, f"/contributi/?{query}&page={number}&_={run}")))
        if pages and found == pages[-1]:
            break  # past the last page the paginator shows the last one again
        pages.append(found)
    return pages


def expected(**filters) -> list[list[str]]:
    references = list(contributions_public(ContributionFilters(**filters)).values_list("reference", flat=True))
    return [references[n : n + PER_PAGE] for n in range(0, len(references), PER_PAGE)]


@pytest.fixture
def list_world(psm, page_cache, settings):
    psm.set_phase("ascolto")
    settings.CONTRIBUTIONS_PER_PAGE = PER_PAGE
    authors = [make_user() for _ in range(4)]
    made = [
        submit_contribution(psm, authors[n % 4], title=f"Proposta numero {n:02d} per la tramvia", body="Linea 12.")
        for n in range(11)
    ]
    for n, contribution in enumerate(made):  # ties on purpose: supports, comments, publication times
        Contribution.objects.filter(pk=contribution.pk).update(
            support_count=n % 3, comment_count=(n * 7) % 4, published_at=made[n - n % 2].published_at
        )
    User.objects.filter(pk=authors[1].pk).update(blocked_at=timezone.now())
    return {"made": made, "hidden": {c.reference for c in made if c.author_id == authors[1].pk}}


@pytest.mark.parametrize("deep_from", [10_000, PER_PAGE])  # never / from page 2 on
def test_every_page_of_every_sort_shows_what_the_sorted_query_shows(browser, list_world, monkeypatch, deep_from):
    monkeypatch.setattr(card_cache, "DEEP_PAGE_OFFSET", deep_from)
    for sort in SORTS:
        want = expected(sort=sort)
        assert pages_of(browser, f"sort={sort}", "first") == want, sort
        assert pages_of(browser, f"sort={sort}", "again") == want, sort  # the kept ids
        everything = [reference for page in want for reference in page]
        assert len(everything) == len(list_world["made"]) - len(list_world["hidden"])
        assert not list_world["hidden"] & set(everything)
    want = expected(q="tramvia", sort="relevance")
    assert pages_of(browser, "q=tramvia", "first") == pages_of(browser, "q=tramvia", "again") == want


def test_a_support_moves_a_contribution_on_the_next_request(browser, list_world, django_capture_on_commit_callbacks):
    before = pages_of(browser, "sort=supported", "before")
    last = Contribution.objects.get(reference=before[-1][-1])
    for _ in range(3):  # from the last place to the first
        with django_capture_on_commit_callbacks(execute=True):
            support_add(user=make_user(), contribution=last)
    after = pages_of(browser, "sort=supported", "after")
    assert after == expected(sort="supported")
    assert after[0][0] == last.reference != before[0][0]


def test_another_address_of_the_same_list_reads_no_contribution_again(browser, list_world):
    want = expected(sort="supported")[0]
    assert shown(browser, "/contributi/?sort=supported&utm_source=newsletter") == want
    with CaptureQueriesContext(connection) as queries:
        assert shown(browser, "/contributi/?sort=supported&utm_source=social") == want
    assert [q["sql"] for q in queries.captured_queries if "contributions_contribution" in q["sql"]] == []


def test_a_renamed_organisation_shows_on_its_cards_and_pages_on_the_next_request(
    browser, list_world, django_capture_on_commit_callbacks
):
    organisation = Organisation.objects.create(name="Pro Loco di Ivrea", category=Category.objects.first(), verified=True)
    first = expected()[0][0]
    Contribution.objects.filter(reference=first).update(organisation=organisation)  # written on its behalf
    detail = f"/contributi/{first}/"
    browser.warm("/contributi/", detail)
    assert "Pro Loco di Ivrea" in browser.get("/contributi/?_=before").text
    with django_capture_on_commit_callbacks(execute=True):  # as the admin saves it
        organisation.name = "Pro Loco Città di Ivrea"
        organisation.save()
    for url in ("/contributi/", "/contributi/?_=after", detail):
        page = browser.get(url)
        assert page.served == "miss" and "Pro Loco Città di Ivrea" in page.text, url

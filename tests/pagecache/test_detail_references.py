"""The detail page reads what a contribution points at in the plan, the process and the territory
from a memo per version of the site (contributions.selectors.REFERENCES), not from a 14-table join
that PostgreSQL took 3.3 ms to plan: a renamed axis, strategy or comune shows on the next request,
and the contribution's own query joins only its author and organisation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_user, submit_contribution

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(psm, page_cache):
    psm.set_phase("ascolto")
    axis = psm.axes[3]
    return submit_contribution(
        psm,
        make_user(),
        title="Più corse serali verso Ivrea",
        axis=axis,
        strategy=axis.strategies.first(),
        comune=psm.comune("Ivrea"),
    )


def test_renamed_plan_and_territory_rows_show_on_the_next_request(browser, idea, django_capture_on_commit_callbacks):
    url = f"/contributi/{idea.reference}/"
    page = browser.get(url)
    assert page.status_code == 200 and "Ivrea" in page.text
    renames = [(idea.axis, "title", "Torino metropoli dei trasporti serali"), (idea.strategy, "title", "Corse serali per tutti")]
    renames.append((idea.comune, "name", "Ivrea (TO)"))
    for row, field, value in renames:
        with django_capture_on_commit_callbacks(execute=True):
            setattr(row, field, value)
            row.save()
        page = browser.get(url)
        assert page.served == "miss", row  # the site moved: rendered again
        assert value in page.text, row


def test_the_contribution_query_joins_only_its_people(browser, idea):
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(f"/contributi/{idea.reference}/?_=1").status_code == 200
    main = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "contributions_contribution"."id"')]
    assert main, "the contribution was not read"
    assert max(sql.count(" JOIN ") for sql in main) <= 3, main  # author, organisation, its category


def test_another_address_of_the_page_reads_no_contribution_row(browser, idea):
    """The contribution (with its images, documents and references) is kept per version of its
    pages and of the site: a newsletter's link or a page the cache let go reads no row of it."""
    assert browser.get(f"/contributi/{idea.reference}/?utm_source=newsletter").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        page = browser.get(f"/contributi/{idea.reference}/?utm_source=social")
    assert page.status_code == 200 and "Più corse serali verso Ivrea" in page.text
    read = [q["sql"] for q in queries.captured_queries if "contributions_contribution" in q["sql"]]
    assert read == []


def test_an_unknown_or_malformed_reference_is_a_404_each_time(browser, idea):
    for reference in ("PSM-IDEA-2099-99999", "PSM-IDEA-2099-99999", "non%20esiste", "x" * 60):
        assert browser.get(f"/contributi/{reference}/").status_code == 404, reference

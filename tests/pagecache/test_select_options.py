"""The choices of the classification selects (axes, strategies, zones, comuni, categories) are read
once per version of the site and kept in each worker's memory (contributions.selectors.options,
pagecache.local_memo): an edit of any of them — in the admin, by an import — shows in the list's
filters and in the submission form on the next request; until then no request reads them again."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from consultazione.stakeholders.models import Category
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _select(html: str, name: str) -> str:
    start = html.index(f'name="{name}"')
    return html[start : html.index("</select>", start)]


def _saved(row, field, value, capture):
    with capture(execute=True):  # as the admin saves it: the site's version moves on commit
        setattr(row, field, value)
        row.save()


def test_a_renamed_axis_zone_comune_or_category_shows_in_the_list_filters_on_the_next_request(
    psm, browser, django_capture_on_commit_callbacks
):
    psm.set_phase("ascolto")
    axis, comune = psm.axes[3], psm.comune("Ivrea")
    zona, category = comune.zona, Category.objects.order_by("position").first()
    page = browser.get("/contributi/")
    assert f"{axis.code}. {axis.title}" in _select(page.text, "axis")
    renames = [
        (axis, "title", "Torino metropoli dei trasporti serali", "axis"),
        (zona, "name", "Eporediese e Canavese", "zona"),
        (comune, "name", "Ivrea (TO)", "comune"),
        (category, "label", "Terzo settore e volontariato", "category"),
    ]
    for row, field, value, select in renames:
        _saved(row, field, value, django_capture_on_commit_callbacks)
        page = browser.get("/contributi/?_=" + select)  # another address: not the stored page
        assert value in _select(page.text, select), select


def test_the_choices_are_read_once_per_version_of_the_site(psm, browser):
    browser.get("/contributi/?_=first")
    with CaptureQueriesContext(connection) as queries:
        page = browser.get("/contributi/?_=second")
    assert "Ivrea" in _select(page.text, "comune")
    read = [q["sql"] for q in queries.captured_queries if '"territory_comune"' in q["sql"] or '"plan_axis"' in q["sql"]]
    assert read == []


def test_the_submission_form_offers_a_renamed_axis_on_the_next_request(psm, page_cache, django_capture_on_commit_callbacks):
    psm.set_phase("ascolto")
    client = Client()
    client.force_login(make_user())
    axis = psm.axes[2]
    assert f"{axis.code}. {axis.title}" in client.get("/contributi/nuovo/").content.decode()
    _saved(axis, "title", "Una metropoli che cura il suo verde", django_capture_on_commit_callbacks)
    form = client.get("/contributi/nuovo/").content.decode()
    assert f"{axis.code}. Una metropoli che cura il suo verde" in _select(form, "axis")


def test_a_chosen_filter_is_read_once_per_site_version_and_a_wrong_one_is_refused_each_time(
    psm, browser, django_capture_on_commit_callbacks
):
    axis, zona = psm.axes[2], psm.comune("Ivrea").zona
    address = f"/contributi/?axis={axis.pk}&zona={zona.number}"
    assert browser.get(address + "&_=first").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        page = browser.get(address + "&_=second")
    assert 'name="axis"' in page.text and 'class="invalid-feedback' not in page.text
    lookups = [q["sql"] for q in queries.captured_queries if '"plan_axis"' in q["sql"] or '"territory_zonaomogenea"' in q["sql"]]
    assert lookups == []
    for attempt in ("a", "b"):  # no row 99999: the field's error both times, the page never stored
        page = browser.get(f"/contributi/?axis=99999&_={attempt}")
        assert page.status_code == 200 and page.served == "", attempt
        assert (
            "Scegli un&#x27;opzione valida" in page.text
            and 'aria-invalid="true" class="w-100 is-invalid" id="id_axis"' in page.text
        ), attempt
    _saved(axis, "title", "Un asse rinominato", django_capture_on_commit_callbacks)
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(address + "&_=third").status_code == 200
    assert any('"plan_axis"' in q["sql"] and f"= {axis.pk}" in q["sql"] for q in queries.captured_queries)

"""Issue 16 item 4: a merged contribution stays readable. Its old address says which contribution it
was merged into (linked when that one is readable), in the page, the API and the merge email; the
lists never show it, a search by its code finds the kept one; and nothing that was not public
before the merge becomes public through it."""

import pytest
from django.conf import settings
from django.core import mail

from consultazione.contributions.models import Contribution
from consultazione.moderation.services import contributions_merge, item_decide
from consultazione.voting.services import support_add

pytestmark = pytest.mark.django_db


def page(client, reference):
    return client.get(f"/contributi/{reference}/")


def api(client, reference):
    return client.get(f"/api/v1/contributions/{reference}/")


@pytest.fixture
def merged(submit, moderator, user_factory, django_capture_on_commit_callbacks):
    """A published source supported by `supporter`, merged into a published kept contribution."""
    kept = submit(title="Più treni tra Pinerolo e Torino")
    source = submit(title="Treni più frequenti per Pinerolo")
    supporter = user_factory()
    support_add(user=supporter, contribution=source)
    with django_capture_on_commit_callbacks(execute=True):
        contributions_merge(actor=moderator, target=kept, sources=[source], reason_text="Stessa proposta")
    source.refresh_from_db()
    return source, kept, supporter


@pytest.mark.parametrize("viewer", ["anonymous", "supporter", "author"])
def test_merged_page_says_where_it_went_and_links_there(client, merged, viewer):
    source, kept, supporter = merged
    if viewer != "anonymous":
        client.force_login(supporter if viewer == "supporter" else source.author)
    response = page(client, source.reference)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Questo contributo è stato unito a" in html
    assert f'href="/contributi/{kept.reference}/"' in html
    assert f"{kept.reference} «{kept.title}»" in html
    assert source.title in html  # the source's own text stays readable
    assert page(client, kept.reference).status_code == 200


@pytest.mark.parametrize("viewer", ["anonymous", "supporter", "author"])
def test_merged_api_record_has_merged_into(client, merged, viewer):
    source, kept, supporter = merged
    if viewer != "anonymous":
        client.force_login(supporter if viewer == "supporter" else source.author)
    response = api(client, source.reference)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "merged"
    assert body["merged_into"] == {
        "readable": True,
        "reference": kept.reference,
        "title": kept.title,
        "url": f"/contributi/{kept.reference}/",
    }
    assert api(client, kept.reference).json()["merged_into"] is None


def test_lists_leave_merged_sources_out_and_search_by_code_finds_the_kept_one(client, merged):
    source, kept, _supporter = merged
    listed = [item["reference"] for item in client.get("/api/v1/contributions/").json()["results"]]
    assert kept.reference in listed and source.reference not in listed
    withdrawn = [item["reference"] for item in client.get("/api/v1/contributions/?status=withdrawn").json()["results"]]
    assert source.reference not in withdrawn
    found = [item["reference"] for item in client.get(f"/api/v1/contributions/?q={source.reference}").json()["results"]]
    assert found == [kept.reference]
    html = client.get(f"/contributi/?q={source.reference}").content.decode()
    assert f"Il contributo {source.reference} è stato unito a" in html
    assert f'href="/contributi/{kept.reference}/"' in html
    assert html.count(f'href="/contributi/{source.reference}/"') == 0


def test_merge_email_links_the_kept_contribution_absolutely(merged):
    source, kept, _supporter = merged
    (message,) = [m for m in mail.outbox if source.author.email in m.to]
    site = settings.SITE_URL.rstrip("/")
    assert site.startswith("http")
    assert f"{kept.reference} «{kept.title}»" in message.body
    assert f"{site}/contributi/{kept.reference}/" in message.body
    assert f"{site}/contributi/{source.reference}/" in message.body


def test_kept_contribution_not_public_is_named_to_nobody(client, submit, moderator, django_capture_on_commit_callbacks):
    kept = submit(title="Una proposta ancora da moderare", pre=True)
    source = submit(title="Proposta pubblicata uguale")
    with django_capture_on_commit_callbacks(execute=True):
        contributions_merge(actor=moderator, target=kept, sources=[source], reason_text="Stessa proposta")
    html = page(client, source.reference).content.decode()
    assert "un altro contributo, che al momento non è pubblico" in html
    assert kept.reference not in html and kept.title not in html
    assert api(client, source.reference).json()["merged_into"] == {
        "readable": False,
        "reference": None,
        "title": None,
        "url": None,
    }
    found = client.get(f"/api/v1/contributions/?q={source.reference}").json()["results"]
    assert found == []
    (message,) = [m for m in mail.outbox if source.author.email in m.to]
    assert kept.reference not in message.body and kept.title not in message.body
    assert "al momento non pubblico" in message.body
    client.force_login(moderator)  # a moderator may read the kept one: linked
    assert f'href="/contributi/{kept.reference}/"' in page(client, source.reference).content.decode()


@pytest.mark.parametrize("before", ["pending", "hidden"])
def test_source_not_public_before_the_merge_stays_non_public(client, submit, moderator, before, user_factory):
    kept = submit()
    source = submit(title="Un testo che nessuno deve leggere", pre=before == "pending")
    if before == "hidden":
        item_decide(actor=moderator, item=source, action="hide", expected_state="published", reason_code="spam")
    contributions_merge(actor=moderator, target=kept, sources=[source], reason_text="Stessa proposta")
    source.refresh_from_db()
    assert source.status == "merged" and not source.merged_after_publication
    assert page(client, source.reference).status_code == 404
    assert api(client, source.reference).status_code == 404
    assert client.get(f"/api/v1/contributions/?q={source.reference}").json()["results"] == []
    assert "è stato unito a" not in client.get(f"/contributi/?q={source.reference}").content.decode()
    client.force_login(user_factory())
    assert page(client, source.reference).status_code == 404
    client.force_login(source.author)  # the author still reads their own words, with the notice
    assert "Questo contributo è stato unito a" in page(client, source.reference).content.decode()


def test_private_source_stays_private_after_the_merge(client, submit, moderator):
    kept = submit()
    source = submit(is_private=True)
    contributions_merge(actor=moderator, target=kept, sources=[source], reason_text="Stessa proposta")
    assert page(client, source.reference).status_code == 404
    assert api(client, source.reference).status_code == 404
    assert Contribution.objects.readable_by_anyone().filter(pk=source.pk).count() == 0


def test_author_profile_links_the_kept_contribution(client, merged):
    source, kept, _supporter = merged
    client.force_login(source.author)
    html = client.get("/profilo/").content.decode()
    assert f'href="/contributi/{kept.reference}/">{kept.reference}</a>' in html

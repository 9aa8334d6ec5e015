"""Filters, search, similarity and the cost of lists (queries constant in the number of items)."""

import pytest
from django.db import connection
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

from consultazione.contributions.models import Contribution, Outcome, Status
from consultazione.contributions.selectors import (
    ContributionFilters,
    axis_latest,
    axis_most_supported,
    contributions_public,
    similar_contributions,
)
from consultazione.contributions.services import ImageUpload, comment_create
from consultazione.stakeholders.models import Category, Membership, Organisation

from .conftest import image_bytes, upload


def refs(qs):
    return [c.reference for c in qs]


@pytest.fixture
def corpus(submit, citizen, open_psm, user_factory, facilitator):
    """A small, varied set of public contributions (plus some that must never show)."""
    union = Organisation.objects.create(name="Sindacato pensionati Canavese", category=Category.objects.get(code="sindacati"))
    Membership.objects.create(user=citizen, organisation=union, status=Membership.Status.VERIFIED)
    items = {
        "bus": submit(
            citizen, kind="criticita", title="Autobus sempre in ritardo a Chivasso", comune=open_psm.comune("Chivasso")
        ),
        "bici": submit(
            citizen, kind="idea", title="Pista ciclabile lungo la Dora", axis=open_psm.axes[2], zona=open_psm.zones[1]
        ),
        "scuola": submit(
            citizen,
            kind="bisogno",
            title="Palestre scolastiche aperte il pomeriggio",
            body="Le palestre restano chiuse dopo le 14: servono alle associazioni sportive.",
            axis=open_psm.axes[4],
            organisation=union,
        ),
        "tavolo": submit(
            None,
            kind="idea",
            title="Navetta per l'ospedale di Ivrea",
            channel="tavolo",
            entered_by=facilitator,
            source="Tavolo ZO9",
        ),
    }
    Contribution.objects.filter(pk=items["bici"].pk).update(outcome=Outcome.ACCOLTO, support_count=12)
    Contribution.objects.filter(pk=items["bus"].pk).update(support_count=3, comment_count=9)
    submit(citizen, title="Riservato ai moderatori soltanto", is_private=True)
    blocked = user_factory()
    hidden_author = submit(blocked, title="Di un autore poi bloccato")
    blocked.blocked_at = timezone.now()
    blocked.save()
    withdrawn = submit(citizen, title="Ritirato dopo la pubblicazione")
    Contribution.objects.filter(pk=withdrawn.pk).update(status=Status.WITHDRAWN)
    items["withdrawn"] = withdrawn
    items["blocked"] = hidden_author
    return items


def test_only_public_contributions_are_listed(corpus):
    listed = set(refs(contributions_public()))
    assert listed == {corpus[k].reference for k in ("bus", "bici", "scuola", "tavolo")}
    assert refs(contributions_public(status="withdrawn")) == [corpus["withdrawn"].reference]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": "criticita"}, ["bus"]),
        ({"channel": "tavolo"}, ["tavolo"]),
        ({"outcome": "accolto"}, ["bici"]),
        ({"category": "sindacati"}, ["scuola"]),
    ],
)
def test_simple_filters(corpus, filters, expected):
    assert refs(contributions_public(**filters)) == [corpus[k].reference for k in expected]


def test_relation_filters(corpus, open_psm):
    assert refs(contributions_public(axis=open_psm.axes[2])) == [corpus["bici"].reference]
    assert refs(contributions_public(zona=open_psm.zones[1])) == [corpus["bici"].reference]
    chivasso = open_psm.comune("Chivasso")
    assert refs(contributions_public(comune=chivasso)) == [corpus["bus"].reference]
    assert refs(contributions_public(zona=chivasso.zona)) == [corpus["bus"].reference]
    strategy = open_psm.axes[3].strategies.first()
    Contribution.objects.filter(pk=corpus["bus"].pk).update(strategy=strategy)
    assert refs(contributions_public(strategy=strategy)) == [corpus["bus"].reference]


def test_awaiting_outcome_filter(corpus):
    assert corpus["bici"].reference not in refs(contributions_public(outcome="none"))
    assert len(refs(contributions_public(outcome="none"))) == 3


def test_sorts(corpus):
    assert refs(contributions_public(sort="supported"))[:2] == [corpus["bici"].reference, corpus["bus"].reference]
    assert refs(contributions_public(sort="commented"))[0] == corpus["bus"].reference
    assert refs(contributions_public())[0] == corpus["tavolo"].reference  # newest first


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("palestre", ["scuola"]),
        ("associazioni sportive", ["scuola"]),
        ("ritardo Chivasso", ["bus"]),
        ("ospedale", ["tavolo"]),
    ],
)
def test_full_text_search(corpus, query, expected):
    assert refs(contributions_public(q=query)) == [corpus[k].reference for k in expected]


def test_search_by_reference_and_relevance(corpus):
    reference = corpus["bus"].reference
    assert refs(contributions_public(q=reference)) == [reference]
    assert refs(contributions_public(q=reference.lower())) == [reference]
    assert refs(contributions_public(q="Dora", sort="relevance")) == [corpus["bici"].reference]
    assert ContributionFilters(q="Dora").effective_sort == "relevance"
    assert ContributionFilters(sort="relevance").effective_sort == "recent"


def test_similar_titles_on_every_axis(submit, citizen, open_psm):
    """Issue 16 item 9b: a person who picked the wrong axis still sees the same idea filed
    elsewhere, so the hint searches every axis (each result carries its axis)."""
    axis = open_psm.axes[3]
    frequent = submit(citizen, title="Treni più frequenti tra Pinerolo e Torino", axis=axis)
    submit(citizen, title="Biblioteche aperte fino a sera", axis=axis)
    other_axis = submit(citizen, title="Treni più frequenti tra Pinerolo e Chivasso", axis=open_psm.axes[1])
    found = similar_contributions(title="treni frequenti Pinerolo")
    assert sorted(refs(found)) == sorted([frequent.reference, other_axis.reference])
    assert {item.axis.code for item in found} == {axis.code, open_psm.axes[1].code}
    assert similar_contributions(title="Ospedali di montagna") == []
    assert similar_contributions(title="tre") == []
    assert refs(similar_contributions(title="Treni più frequenti", exclude_id=frequent.pk)) == [other_axis.reference]


def test_axis_sections(corpus, open_psm, django_assert_num_queries):
    with django_assert_num_queries(2):  # the ids from the axis's sort index, then their rows
        assert refs(axis_latest(open_psm.axes[2])) == [corpus["bici"].reference]
    with django_assert_num_queries(2):
        assert refs(axis_most_supported(open_psm.axes[2])) == [corpus["bici"].reference]


def test_axis_sections_are_the_first_five_in_their_order(submit, citizen, open_psm):
    axis = open_psm.axes[4]
    made = [submit(citizen, title=f"Proposta {n} per l'asse", axis=axis) for n in range(8)]
    start = timezone.now()
    for n, contribution in enumerate(made):  # ties on purpose: published in pairs, supports 0–2
        published = start - timezone.timedelta(minutes=n - n % 2)
        Contribution.objects.filter(pk=contribution.pk).update(published_at=published, support_count=(n * 5) % 3)
    public = Contribution.objects.public().filter(axis=axis)
    latest = list(public.order_by("-published_at", "-id").values_list("reference", flat=True)[:5])
    supported = public.filter(support_count__gt=0).order_by("-support_count", "-published_at", "-id")
    assert refs(axis_latest(axis)) == latest
    assert refs(axis_most_supported(axis)) == list(supported.values_list("reference", flat=True)[:5])


def _many(submit, author, psm, n, start=0):
    for i in range(start, start + n):
        contribution = submit(
            author,
            title=f"Contributo numero {i} sul trasporto",
            comune=psm.comune("Pinerolo"),
            images=[ImageUpload(upload(f"f{i}.jpg", image_bytes(size=(64, 48))), f"Foto {i}")] if i % 2 else [],
        )
        comment_create(author=author, contribution=contribution, body="Commento")


def _count_queries(client, url):
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200
    assert queries  # the page did read the database
    return len(queries)


@pytest.mark.parametrize("url", [reverse("contributions:list"), "/api/v1/contributions/"])
def test_list_queries_do_not_grow_with_items(client, submit, citizen, open_psm, url):
    _many(submit, citizen, open_psm, 2)
    client.get(url + "?q=trasporto")  # warm process-wide caches (the search index's presence is looked up once)
    few = _count_queries(client, url + "?q=trasporto&zona=5&sort=supported")
    _many(submit, citizen, open_psm, 18, start=2)
    many = _count_queries(client, url + "?q=trasporto&zona=5&sort=supported")
    assert few == many


def test_detail_queries_do_not_grow_with_comments(client, submit, citizen):
    contribution = submit(citizen, images=[ImageUpload(upload("f.jpg", image_bytes()), "Foto")])
    url = reverse("contributions:detail", args=[contribution.reference])
    comment_create(author=citizen, contribution=contribution, body="Uno")
    client.get(url)  # warm process-wide caches
    few = _count_queries(client, url)
    for n in range(10):
        parent = comment_create(author=citizen, contribution=contribution, body=f"Commento {n}")
        comment_create(author=citizen, contribution=contribution, body="Risposta", parent=parent)
    client.force_login(citizen)
    logged_few = _count_queries(client, url)
    comment_create(author=citizen, contribution=contribution, body="Ancora uno")
    assert _count_queries(client, url) == logged_few
    client.logout()
    assert _count_queries(client, url) == few


def test_search_finds_word_forms_and_follows_edits(submit, citizen):
    from consultazione.contributions.services import contribution_update

    contribution = submit(citizen, title="Stazioni ferroviarie senza ascensori", body="Scale ripide per chi usa la carrozzina.")
    assert refs(contributions_public(q="stazione")) == [contribution.reference]
    contribution_update(actor=citizen, contribution=contribution, title="Binari senza rampe di accesso")
    assert refs(contributions_public(q="stazione")) == []
    assert refs(contributions_public(q="rampa")) == [contribution.reference]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is the SQLite search")
def test_sqlite_fts_triggers_come_back_after_a_table_rebuild(submit, citizen):
    from consultazione.contributions import sqlite_fts

    contribution = submit(citizen, title="Sentieri per la Val Sangone")
    with connection.cursor() as cursor:
        for name in sqlite_fts.TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")  # what a table rebuild by a migration does
    assert not sqlite_fts.fts_available(connection)
    Contribution.objects.filter(pk=contribution.pk).update(title="Rifugi per la Val Sangone")
    assert sqlite_fts.fts_ensure() is True
    assert sqlite_fts.fts_available(connection)
    matches = Contribution.objects.filter(id__in=RawSQL(sqlite_fts.MATCHING_IDS, ['"rifug"*']))
    assert refs(matches) == [contribution.reference]


def test_relevance_puts_a_title_match_before_newer_body_matches(submit, citizen, open_psm):
    """The ranking comes from the index (bm25 on SQLite, ts_rank on PostgreSQL): a word in the
    title outweighs the same word in the body of newer contributions."""
    in_title = submit(citizen, title="Una tramvia per Venaria", body="Collegare la Reggia al centro.")
    in_body = [
        submit(citizen, title=f"Trasporti della zona nord {n}", body="Servono bus, treni e anche una tramvia nuova.")
        for n in range(3)
    ]
    ranked = refs(contributions_public(q="tramvia", sort="relevance"))
    assert ranked[0] == in_title.reference
    assert set(ranked[1:]) == {item.reference for item in in_body}

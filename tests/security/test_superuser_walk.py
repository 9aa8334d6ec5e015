"""The permission walker as a Django superuser (issue 14, item 2).

Django grants every permission to an active superuser before any rule is read. Two checks keep that
shortcut in its place: every row of the table, requested as a superuser with each of its methods,
never answers 500; and every route that acts on someone's words as their author (edit, withdraw,
delete a comment, on the site and in the API) refuses the superuser on content that is not theirs,
and nothing changes.
"""

import pytest
from django.urls import resolve

from consultazione.contributions.models import Comment, Contribution

from .test_permission_walker import ROWS
from .walker import failure_detail, outcome, request_as

# row id → method → what the superuser gets: 403, or the redirect back with a message ("302")
AUTHOR_ONLY = {
    "contributions:edit": {"get": "403", "post": "403"},
    "contributions:edit[own]": {"get": "403", "post": "403"},
    "contributions:comment_edit": {"get": "403", "post": "403"},
    "contributions:comment_edit[own]": {"get": "403", "post": "403"},
    "contributions:withdraw": {"get": "302", "post": "302"},
    "contributions:withdraw[own]": {"get": "302", "post": "302"},
    "contributions:comment_delete": {"post": "302"},
    "contributions:comment_delete[own]": {"post": "302"},
    "contribution-detail": {"patch": "403"},
    "contribution-detail[own]": {"patch": "403"},
    "contribution-withdraw": {"post": "403"},
    "contribution-withdraw[own]": {"post": "403"},
}
ROWS_BY_ID = {row.id: row for row in ROWS}


def words(world) -> dict:
    """What the citizens wrote, as stored: it must not move."""
    contributions = Contribution.objects.filter(pk__in=[world.contribution.pk, world.own.pk]).order_by("pk")
    comments = Comment.objects.filter(pk__in=[world.comment.pk, world.own_comment.pk]).order_by("pk")
    return {
        "contributions": list(contributions.values_list("title", "body", "status", "edited_at", "withdrawn_at")),
        "comments": list(comments.values_list("body", "status", "edited_at", "deleted_at")),
    }


def test_every_author_only_row_exists():
    assert not set(AUTHOR_ONLY) - set(ROWS_BY_ID)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_route_as_superuser_never_500(world, db, row):
    url = row.url(world)
    assert resolve(url.split("?")[0]).view_name == row.name
    for method in row.expected:
        data = row.data(world) if row.data and method != "get" else None
        response = request_as(world, "superuser", method, url, data=data, json=row.json)
        assert response.status_code < 500, f"{method} {url}: {failure_detail(response)}"


@pytest.mark.parametrize("row_id", sorted(AUTHOR_ONLY))
def test_author_only_route_refuses_the_superuser(world, db, row_id):
    row = ROWS_BY_ID[row_id]
    url = row.url(world)
    before = words(world)
    for method, expected in AUTHOR_ONLY[row_id].items():
        data = row.data(world) if row.data and method != "get" else None
        if data is None and method != "get" and not row.json:
            data = {"title": "Riscritto dal superuser", "body": "Testo riscritto dal superuser.", "alignment": "1"}
        response = request_as(world, "superuser", method, url, data=data, json=row.json, after=lambda: words(world))
        assert outcome(response) == expected, f"{method} {url}: {response.status_code}"
        if expected == "302":
            assert not response["Location"].endswith(("/modifica/", "/ritira/")), "back to the content, not to a form"
        assert response.after == before, f"{method} {url} changed someone's words"

"""Nobody edits another person's words: not staff, not moderators, not Django superusers (issue 14,
item 2). Every door is tried: the site's edit pages, the API, the services, the Django admin."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from consultazione.accounts.roles import Role
from consultazione.contributions.models import Comment, Contribution, Status
from consultazione.contributions.services import comment_create, comment_delete, comment_update, contribution_update
from consultazione.core.exceptions import PermissionDenied
from tests.conftest import make_user

OTHERS = ["superuser", "staff", "moderator"]
ORIGINAL_TITLE = "Più treni tra Pinerolo e Torino nelle ore di punta"
ORIGINAL_BODY = "Sono d'accordo: servono corse anche la domenica."


def other_person(kind: str):
    if kind == "superuser":
        user = make_user(pseudonym="amministrazione-test")
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
        return user
    return make_user(roles=[Role.STAFF if kind == "staff" else Role.MODERATOR])


@pytest.fixture
def written(submit, citizen):
    """A citizen's fresh contribution and comment: well within the edit windows."""
    contribution = submit(citizen, title=ORIGINAL_TITLE)
    comment = comment_create(author=citizen, contribution=contribution, body=ORIGINAL_BODY)
    return contribution, comment


def assert_untouched(contribution: Contribution, comment: Comment) -> None:
    contribution.refresh_from_db()
    comment.refresh_from_db()
    assert contribution.title == ORIGINAL_TITLE and contribution.edited_at is None
    assert contribution.status == Status.PUBLISHED
    assert ORIGINAL_BODY in comment.body and comment.edited_at is None
    assert comment.status == "published"


@pytest.mark.parametrize("kind", OTHERS)
def test_site_edit_pages_refuse_someone_elses_content(client, written, kind):
    contribution, comment = written
    client.force_login(other_person(kind))
    edit = reverse("contributions:edit", args=[contribution.reference])
    comment_edit = reverse("contributions:comment_edit", args=[contribution.reference, comment.pk])
    assert client.get(edit).status_code == 403
    response = client.post(edit, {"title": "Titolo riscritto da altri", "body": "Testo riscritto da altri, del tutto."})
    assert response.status_code == 403
    assert client.get(comment_edit).status_code == 403
    assert client.post(comment_edit, {"body": "Commento riscritto da altri.", "alignment": "1"}).status_code == 403
    # deleting (blanking) a comment and withdrawing a contribution are the author's too
    client.post(reverse("contributions:comment_delete", args=[contribution.reference, comment.pk]))
    client.post(reverse("contributions:withdraw", args=[contribution.reference]))
    assert_untouched(contribution, comment)
    page = client.get(reverse("contributions:detail", args=[contribution.reference])).content.decode()
    assert edit not in page and comment_edit not in page


@pytest.mark.parametrize("kind", OTHERS)
def test_api_refuses_to_edit_someone_elses_contribution(written, kind):
    contribution, comment = written
    api = APIClient()
    api.force_authenticate(other_person(kind))
    url = f"/api/v1/contributions/{contribution.reference}/"
    response = api.patch(url, {"title": "Titolo riscritto da altri"}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert api.put(url, {"title": "Titolo riscritto da altri"}, format="json").status_code == 405
    assert api.post(f"{url}withdraw/").status_code == 403
    assert_untouched(contribution, comment)


@pytest.mark.parametrize("kind", OTHERS)
def test_services_refuse_someone_elses_content(written, kind):
    contribution, comment = written
    actor = other_person(kind)
    with pytest.raises(PermissionDenied):
        contribution_update(actor=actor, contribution=contribution, title="Titolo riscritto da altri")
    with pytest.raises(PermissionDenied):
        comment_update(actor=actor, comment=comment, body="Commento riscritto da altri.")
    with pytest.raises(PermissionDenied):
        comment_delete(actor=actor, comment=comment)
    assert_untouched(contribution, comment)


def test_superuser_has_no_shortcut_on_author_only_permissions(written):
    contribution, comment = written
    superuser = other_person("superuser")
    for perm, obj in [
        ("contributions.change_contribution", contribution),
        ("contributions.withdraw_contribution", contribution),
        ("contributions.change_comment", comment),
        ("contributions.delete_comment", comment),
        ("contributions.change_contribution", None),
        ("contributions.change_comment", None),
    ]:
        assert not superuser.has_perm(perm, obj), perm
    # other permissions keep Django's superuser behaviour
    assert superuser.has_perm("moderation.view_queue")


def test_django_admin_shows_contributions_and_comments_read_only(client, written):
    contribution, comment = written
    client.force_login(other_person("superuser"))
    change = reverse("admin:contributions_contribution_change", args=[contribution.pk])
    page = client.get(change)
    assert page.status_code == 200
    html = page.content.decode()
    assert ORIGINAL_TITLE in html
    assert 'name="title"' not in html and 'name="body"' not in html
    client.post(change, {"title": "Titolo riscritto nell'admin", "body": "Testo riscritto nell'admin."})
    comment_change = reverse("admin:contributions_comment_change", args=[comment.pk])
    assert 'name="body"' not in client.get(comment_change).content.decode()
    client.post(comment_change, {"body": "Commento riscritto nell'admin."})
    assert client.get(reverse("admin:contributions_contribution_add")).status_code == 403
    assert client.get(reverse("admin:contributions_contribution_delete", args=[contribution.pk])).status_code == 403
    assert_untouched(contribution, comment)

"""The netiquette edit: the only way a moderator changes someone's words, audited, public, emailed."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from consultazione.accounts.roles import Role
from consultazione.contributions.models import Comment
from consultazione.contributions.services import comment_delete, contribution_update
from consultazione.core.exceptions import InvalidInput, PermissionDenied
from consultazione.moderation.models import Decision
from consultazione.moderation.services import item_edit_for_netiquette
from tests.conftest import make_user

OFFENSIVE_TITLE = "Il sindaco è un idiota, servono più treni"
CLEAN_TITLE = "Servono più treni"
REASON = "Rimosso un insulto a una persona."


@pytest.fixture
def author():
    return make_user(pseudonym="cittadina-autrice", email="autrice@example.org")


def test_moderator_edits_a_contribution_audited_public_and_emailed(
    client, submit, author, moderator, django_capture_on_commit_callbacks
):
    contribution = submit(author=author, title=OFFENSIVE_TITLE)
    client.force_login(moderator)
    review = reverse("moderation:contribution", args=[contribution.pk])
    assert "data-netiquette-edit" in client.get(review).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("moderation:contribution_edit", args=[contribution.pk]),
            {
                "netiquette-title": CLEAN_TITLE,
                "netiquette-body": contribution.body,
                "netiquette-reason_code": "offensive",
                "netiquette-reason_text": REASON,
            },
        )
    assert response.status_code == 302 and response.url == review
    contribution.refresh_from_db()
    assert contribution.title == CLEAN_TITLE
    assert contribution.edited_at is None and contribution.moderation_edit_reason == REASON
    decision = Decision.objects.get(contribution=contribution, action=Decision.Action.NETIQUETTE_EDIT)
    assert decision.actor == moderator and decision.reason_code == "offensive" and decision.reason_text == REASON
    assert decision.changes == {"title": {"from": OFFENSIVE_TITLE, "to": CLEAN_TITLE}}
    history = client.get(review).content.decode().split('id="history-title"')[1]
    assert "Modifica per la netiquette" in history and REASON in history

    client.logout()
    page = client.get(reverse("contributions:detail", args=[contribution.reference])).content.decode()
    assert CLEAN_TITLE in page and OFFENSIVE_TITLE not in page
    assert f"Modificato dalla moderazione:</strong> {REASON}" in page

    [email] = mail.outbox
    assert email.to == [author.email]
    assert "Modificato dalla moderazione" in email.subject
    assert REASON in email.body and "modificato dalla moderazione" in email.body


def test_comment_edit_through_the_api_same_service_same_permission(open_psm, submit, comment_on, moderator, citizen):
    contribution = submit()
    comment = comment_on(contribution, author=citizen)
    api = APIClient()
    url = reverse("moderation-curation-netiquette-edit")
    payload = {
        "content_type": "comment",
        "id": comment.pk,
        "body": "Chiamatemi per parlarne.",
        "reason_code": "personal_data",
        "reason_text": "Rimosso un numero di telefono.",
    }
    api.force_authenticate(citizen)  # the author: not a moderator
    assert api.post(url, payload, format="json").status_code == 403
    api.force_authenticate(moderator)
    assert api.post(url, {**payload, "reason_text": ""}, format="json").status_code == 400
    response = api.post(url, payload, format="json")
    assert response.status_code == 200
    assert response.json()["action"] == "netiquette_edit"
    comment.refresh_from_db()
    assert "Chiamatemi per parlarne." in comment.body
    # personal data removed from the item are not kept in the append-only log either
    assert response.json()["changes"]["body"]["from"] is None
    public = APIClient().get(f"/api/v1/contributions/{contribution.reference}/comments/").json()["results"]
    assert public[0]["moderation_edit_reason"] == "Rimosso un numero di telefono."
    assert api.post(url, payload, format="json").json()["code"] == "no_changes"


def test_the_reason_is_mandatory_and_the_text_rules_apply(submit, moderator):
    contribution = submit(title=OFFENSIVE_TITLE)
    with pytest.raises(ValidationError) as refused:
        item_edit_for_netiquette(actor=moderator, item=contribution, title=CLEAN_TITLE, reason_code="", reason_text="")
    assert set(refused.value.message_dict) == {"reason_code", "reason_text"}
    with pytest.raises(ValidationError) as refused:
        item_edit_for_netiquette(actor=moderator, item=contribution, title="x", reason_code="offensive", reason_text=REASON)
    assert "title" in refused.value.message_dict
    contribution.refresh_from_db()
    assert contribution.title == OFFENSIVE_TITLE and contribution.moderation_edited_at is None
    assert not Decision.objects.filter(contribution=contribution).exists()


def test_who_may_edit_for_netiquette(submit, scoped_moderator, open_psm):
    author = make_user()
    outside = submit(author=author, axis=2, zona=4)
    citizen, facilitator = make_user(), make_user(roles=[Role.FACILITATOR])
    for actor in (citizen, facilitator, scoped_moderator, author):
        with pytest.raises(PermissionDenied):
            item_edit_for_netiquette(actor=actor, item=outside, title=CLEAN_TITLE, reason_code="other", reason_text=REASON)
    own_moderator = make_user(roles=[Role.MODERATOR])
    own = submit(author=own_moderator)
    with pytest.raises(PermissionDenied):  # not on one's own words
        item_edit_for_netiquette(actor=own_moderator, item=own, title=CLEAN_TITLE, reason_code="other", reason_text=REASON)
    superuser = make_user()
    superuser.is_superuser = True
    superuser.blocked_at = superuser.date_joined
    superuser.save(update_fields=["is_superuser", "blocked_at"])
    with pytest.raises(PermissionDenied):  # no superuser shortcut: a blocked account does not moderate
        item_edit_for_netiquette(actor=superuser, item=outside, title=CLEAN_TITLE, reason_code="other", reason_text=REASON)
    item_edit_for_netiquette(
        actor=make_user(roles=[Role.STAFF]), item=outside, title=CLEAN_TITLE, reason_code="other", reason_text=REASON
    )


def test_the_author_cannot_undo_the_edit_and_deleted_comments_have_nothing_to_edit(submit, comment_on, moderator):
    author = make_user()
    contribution = submit(author=author, title=OFFENSIVE_TITLE)
    item_edit_for_netiquette(actor=moderator, item=contribution, title=CLEAN_TITLE, reason_code="offensive", reason_text=REASON)
    with pytest.raises(PermissionDenied):
        contribution_update(actor=author, contribution=contribution, title=OFFENSIVE_TITLE)
    comment = comment_on(contribution, author=author)
    comment_delete(actor=author, comment=comment)
    with pytest.raises(InvalidInput):
        item_edit_for_netiquette(
            actor=moderator, item=Comment.objects.get(pk=comment.pk), body="x", reason_code="spam", reason_text=REASON
        )

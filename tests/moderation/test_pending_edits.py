"""Regression (issue 14, item 5): under pre-moderation, editing approved content must not publish
the new text. Before the fix an approved comment (or contribution) edited within its window went
public at once, bypassing the moderators. Now the edit waits in the queue; everybody else keeps
reading the approved text; the author sees the edit with "Modifica in attesa di moderazione";
a moderator approves it (the new text goes public) or rejects it (the approved text stays).
Under post-moderation an edit applies at once, as before.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from consultazione.contributions.models import Comment, Contribution
from consultazione.moderation.models import Decision
from consultazione.moderation.services import item_decide

API = "/api/v1/contributions/"
OLD_COMMENT = "Un commento di prova sul contributo."
NEW_COMMENT = "Testo cambiato dopo la approvazione con un insulto nascosto"
NEW_TITLE = "Titolo cambiato dopo la approvazione dei moderatori"
NEW_BODY = "Testo nuovo scritto dopo la approvazione, mai visto dai moderatori."
PENDING_NOTICE = "Modifica in attesa di moderazione"


def _page(client, contribution) -> str:
    response = client.get(reverse("contributions:detail", args=[contribution.reference]))
    assert response.status_code == 200
    return response.content.decode()


def _approved_comment(submit, comment_on, citizen, staff):
    contribution = submit()
    comment = comment_on(contribution, author=citizen, pre=True)
    item_decide(actor=staff, item=comment, action="approve", expected_state="pending")
    return contribution, comment


def _edit_comment(client, citizen, contribution, comment, body):
    client.force_login(citizen)
    url = reverse("contributions:comment_edit", args=[contribution.reference, comment.pk])
    response = client.post(url, {"body": body, "alignment": "0"})
    assert response.status_code == 302
    client.logout()


def _queue_entry(moderator, content, pk) -> dict:
    api = APIClient()
    api.force_authenticate(moderator)
    rows = api.get("/api/v1/moderation/queue/", {"content": content}).json()["results"]
    (row,) = [row for row in rows if row["id"] == pk]
    return row


def test_edited_approved_comment_waits_and_approval_publishes_it(client, submit, comment_on, citizen, staff, moderator):
    contribution, comment = _approved_comment(submit, comment_on, citizen, staff)
    _edit_comment(client, citizen, contribution, comment, NEW_COMMENT)

    anonymous = _page(client, contribution)
    assert OLD_COMMENT in anonymous and NEW_COMMENT not in anonymous
    (listed,) = APIClient().get(f"{API}{contribution.reference}/comments/").json()["results"]
    assert OLD_COMMENT in listed["body"] and NEW_COMMENT not in listed["body"]

    client.force_login(citizen)
    own = _page(client, contribution)
    assert NEW_COMMENT in own and PENDING_NOTICE in own
    client.logout()

    row = _queue_entry(moderator, "comment", comment.pk)
    assert row["pending_edit"]
    client.force_login(moderator)
    review = client.get(reverse("moderation:comment", args=[comment.pk])).content.decode()
    assert NEW_COMMENT in review and PENDING_NOTICE in review
    response = client.post(
        reverse("moderation:comment", args=[comment.pk]),
        {"action": "approve_edit", "expected_state": "published", "expected_edit": row["pending_edit"]},
    )
    assert response.status_code == 302
    client.logout()

    anonymous = _page(client, contribution)
    assert NEW_COMMENT in anonymous and OLD_COMMENT not in anonymous
    decision = Decision.objects.get(comment=comment, action="approve_edit")
    assert decision.actor == moderator and decision.result == "applied"


def test_rejected_comment_edit_keeps_the_approved_text(client, submit, comment_on, citizen, staff, moderator):
    contribution, comment = _approved_comment(submit, comment_on, citizen, staff)
    _edit_comment(client, citizen, contribution, comment, NEW_COMMENT)
    row = _queue_entry(moderator, "comment", comment.pk)

    api = APIClient()
    api.force_authenticate(moderator)
    payload = {"content_type": "comment", "id": comment.pk, "action": "reject_edit", "expected_state": "published"}
    assert api.post("/api/v1/moderation/decisions/", payload, format="json").status_code == 400  # a reason is required
    payload.update(reason_code="offensive", expected_edit=row["pending_edit"])
    assert api.post("/api/v1/moderation/decisions/", payload, format="json").status_code == 201

    anonymous = _page(client, contribution)
    assert OLD_COMMENT in anonymous and NEW_COMMENT not in anonymous
    client.force_login(citizen)
    own = _page(client, contribution)
    assert NEW_COMMENT not in own and PENDING_NOTICE not in own
    comment.refresh_from_db()
    assert comment.pending_edit_at is None and comment.status == "published"


def _approved_contribution(submit, staff):
    contribution = submit(pre=True)
    item_decide(actor=staff, item=contribution, action="approve", expected_state="pending")
    return Contribution.objects.get(pk=contribution.pk)


def _edit_contribution(client, author, contribution):
    client.force_login(author)
    data = {"title": NEW_TITLE, "body": NEW_BODY, "axis": contribution.axis_id}
    response = client.post(reverse("contributions:edit", args=[contribution.reference]), data)
    assert response.status_code == 302
    client.logout()


@pytest.mark.parametrize("decision", ["approve_edit", "reject_edit"])
def test_edited_approved_contribution_waits_for_the_moderators(client, submit, staff, moderator, decision):
    contribution = _approved_contribution(submit, staff)
    old_title, author = contribution.title, contribution.author
    _edit_contribution(client, author, contribution)

    anonymous = _page(client, contribution)
    assert old_title in anonymous and NEW_TITLE not in anonymous and NEW_BODY not in anonymous
    record = APIClient().get(f"{API}{contribution.reference}/").json()
    assert record["title"] == old_title and record["pending_edit"] is None
    assert contribution.reference not in APIClient().get(API, {"q": "mai visto dai moderatori"}).content.decode()

    client.force_login(author)
    own = _page(client, contribution)
    assert NEW_TITLE in own and NEW_BODY in own and PENDING_NOTICE in own
    client.logout()
    own_api = APIClient()
    own_api.force_authenticate(author)
    assert own_api.get(f"{API}{contribution.reference}/").json()["pending_edit"]["title"] == NEW_TITLE

    row = _queue_entry(moderator, "contribution", contribution.pk)
    api = APIClient()
    api.force_authenticate(moderator)
    payload = {
        "content_type": "contribution",
        "id": contribution.pk,
        "action": decision,
        "expected_state": "published",
        "expected_edit": row["pending_edit"],
        "reason_code": "offensive" if decision == "reject_edit" else "",
    }
    assert api.post("/api/v1/moderation/decisions/", payload, format="json").status_code == 201

    anonymous = _page(client, contribution)
    if decision == "approve_edit":
        assert NEW_TITLE in anonymous and NEW_BODY in anonymous
    else:
        assert old_title in anonymous and NEW_TITLE not in anonymous and NEW_BODY not in anonymous
    assert PENDING_NOTICE not in anonymous


def test_an_edit_changed_after_the_moderator_read_it_is_not_approved(client, submit, staff, moderator):
    contribution = _approved_contribution(submit, staff)
    _edit_contribution(client, contribution.author, contribution)
    seen = _queue_entry(moderator, "contribution", contribution.pk)["pending_edit"]
    # The author edits again: a new version of the pending edit.
    client.force_login(contribution.author)
    client.post(
        reverse("contributions:edit", args=[contribution.reference]),
        {"title": "Seconda modifica con altro testo", "body": NEW_BODY, "axis": contribution.axis_id},
    )
    api = APIClient()
    api.force_authenticate(moderator)
    payload = {
        "content_type": "contribution",
        "id": contribution.pk,
        "action": "approve_edit",
        "expected_state": "published",
        "expected_edit": seen,
    }
    response = api.post("/api/v1/moderation/decisions/", payload, format="json")
    assert response.status_code == 409
    client.logout()
    assert "Seconda modifica" not in _page(client, contribution)
    assert Decision.objects.get(contribution=contribution, action="approve_edit").result == "conflict"


def test_post_moderation_edits_apply_at_once(client, submit, comment_on, citizen):
    contribution = submit(author=citizen)
    comment = comment_on(contribution, author=citizen)
    assert comment.status == "published"
    _edit_comment(client, citizen, contribution, comment, NEW_COMMENT)
    _edit_contribution(client, citizen, Contribution.objects.get(pk=contribution.pk))
    anonymous = _page(client, contribution)
    assert NEW_COMMENT in anonymous and NEW_TITLE in anonymous and NEW_BODY in anonymous
    assert not Comment.objects.filter(pending_edit_at__isnull=False).exists()
    assert not Contribution.objects.filter(pending_edit_at__isnull=False).exists()


def test_withdrawing_drops_a_waiting_edit_from_the_queue(client, submit, staff, moderator):
    contribution = _approved_contribution(submit, staff)
    _edit_contribution(client, contribution.author, contribution)
    client.force_login(contribution.author)
    assert client.post(reverse("contributions:withdraw", args=[contribution.reference])).status_code == 302
    contribution.refresh_from_db()
    assert contribution.pending_edit_at is None and contribution.pending_title == ""
    api = APIClient()
    api.force_authenticate(moderator)
    rows = api.get("/api/v1/moderation/queue/", {"content": "contribution"}).json()["results"]
    assert contribution.pk not in [row["id"] for row in rows]

"""The moderation API through real HTTP (DRF APIClient): same rules, same services."""

import pytest
from rest_framework.test import APIClient

from consultazione.moderation.models import Decision, Report

API = "/api/v1/moderation"


@pytest.fixture
def api():
    def client_for(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return client_for


def test_queue_is_for_moderators_and_scoped(api, submit, citizen, scoped_moderator):
    inside, outside = submit(pre=True, axis=1, zona=3), submit(pre=True, axis=2, zona=3)
    assert api().get(f"{API}/queue/").status_code in (401, 403)
    assert api(citizen).get(f"{API}/queue/").status_code == 403
    body = api(scoped_moderator).get(f"{API}/queue/").json()
    assert [row["id"] for row in body["results"]] == [inside.pk]
    assert body["results"][0] | {"created_at": None} == {
        "content_type": "contribution",
        "id": inside.pk,
        "reference": inside.reference,
        "title": inside.title,
        "status": "pending",
        "report_count": 0,
        "plan": "psm-2024-2026",
        "axis": 1,
        "zona": 3,
        "kind": "idea",
        "author": inside.author.pseudonym,
        "created_at": None,
        "pending_edit": None,
    }
    assert outside.pk not in [row["id"] for row in api(scoped_moderator).get(f"{API}/queue/?state=").json()["results"]]


def test_decide_conflict_scope_and_validation(api, submit, moderator, staff, scoped_moderator):
    item = submit(pre=True, axis=2)
    payload = {"content_type": "contribution", "id": item.pk, "action": "approve", "expected_state": "pending"}
    assert api(scoped_moderator).post(f"{API}/decisions/", payload, format="json").status_code == 403
    missing = api(moderator).post(f"{API}/decisions/", {**payload, "action": "reject"}, format="json")
    assert missing.status_code == 400 and "reason_code" in missing.json()["errors"]
    created = api(staff).post(f"{API}/decisions/", payload, format="json")
    assert created.status_code == 201
    assert (created.json()["from_state"], created.json()["to_state"], created.json()["actor"]) == (
        "pending",
        "published",
        staff.pseudonym,
    )
    late = api(moderator).post(f"{API}/decisions/", payload, format="json")
    assert late.status_code == 409 and late.json()["code"] == "already_decided"
    assert list(Decision.objects.filter(contribution=item).order_by("id").values_list("actor_id", "result")) == [
        (staff.pk, "applied"),
        (moderator.pk, "conflict"),
    ]
    log = api(moderator).get(f"{API}/decisions/").json()
    assert log["count"] == 2


def test_bulk_decisions(api, submit, moderator, staff):
    first, second = submit(pre=True), submit(pre=True)
    api(staff).post(
        f"{API}/decisions/", {"content_type": "contribution", "id": second.pk, "action": "approve", "expected_state": "pending"}
    )
    response = api(moderator).post(
        f"{API}/decisions/bulk/",
        {
            "items": [
                {"content_type": "contribution", "id": first.pk, "expected_state": "pending"},
                {"content_type": "contribution", "id": second.pk, "expected_state": "pending"},
            ],
            "action": "reject",
            "reason_code": "spam",
        },
        format="json",
    )
    assert response.status_code == 200
    assert [d["contribution"] for d in response.json()["applied"]] == [first.pk]
    assert [d["contribution"] for d in response.json()["conflicts"]] == [second.pk]


def test_reports_once_then_dismiss(api, submit, citizen, moderator):
    item = submit()
    payload = {"content_type": "contribution", "id": item.pk, "reason_code": "offensive", "text": "Insulti"}
    assert api(citizen).post(f"{API}/reports/", payload, format="json").status_code == 201
    again = api(citizen).post(f"{API}/reports/", payload, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_reported"
    own = api(item.author).post(f"{API}/reports/", payload, format="json")
    assert own.status_code == 403
    bad = api(citizen).post(f"{API}/reports/", {**payload, "reason_code": "boh"}, format="json")
    assert bad.status_code == 400 and "reason_code" in bad.json()["errors"]
    assert api(citizen).post(f"{API}/reports/dismiss/", {"content_type": "contribution", "id": item.pk}).status_code == 403
    dismissed = api(moderator).post(f"{API}/reports/dismiss/", {"content_type": "contribution", "id": item.pk}, format="json")
    assert dismissed.status_code == 200 and dismissed.json()["action"] == "dismiss_reports"
    assert Report.objects.get(contribution=item).resolution == "dismissed"


def test_curation_endpoints(api, submit, moderator, open_psm):
    item, target, foreign = submit(axis=1), submit(axis=1), submit(axis=1)
    retag = api(moderator).post(f"{API}/curation/retag/", {"contribution": item.pk, "axis": open_psm.axes[4].pk}, format="json")
    assert retag.status_code == 200 and retag.json()["changes"]["axis"]["to"]["id"] == open_psm.axes[4].pk
    merged = api(moderator).post(f"{API}/curation/merge/", {"target": target.pk, "sources": [item.pk]}, format="json")
    assert merged.status_code == 200 and merged.json()[0]["related_contribution"] == target.pk
    self_merge = api(moderator).post(f"{API}/curation/merge/", {"target": foreign.pk, "sources": [foreign.pk]}, format="json")
    assert self_merge.status_code == 400 and self_merge.json()["code"] == "merge_into_self"


def test_outcomes_and_thematic_responses(api, submit, staff, moderator, open_psm):
    item, other = submit(), submit()
    payload = {"contribution": item.pk, "outcome": "accolto", "motivation": "Nel piano."}
    assert api(moderator).post(f"{API}/outcomes/", payload, format="json").status_code == 403
    created = api(staff).post(f"{API}/outcomes/", payload, format="json")
    assert created.status_code == 201 and created.json()["public_text"] == "Nel piano."
    listed = api().get(f"{API}/outcomes/?outcome=accolto").json()
    assert [row["contribution_reference"] for row in listed["results"]] == [item.reference]
    response = api(staff).post(
        f"{API}/thematic-responses/",
        {
            "process": open_psm.process.slug,
            "title": "Tema",
            "text": "Risposta",
            "outcome": "parziale",
            "contributions": [item.pk, other.pk],
        },
        format="json",
    )
    assert response.status_code == 201 and response.json()["answered"] == 2
    public = api().get(f"{API}/thematic-responses/{response.json()['id']}/").json()
    assert public["answered"] == 2 and "contributions" not in public


def test_blocks_and_reasons(api, staff, moderator, citizen):
    assert api(moderator).post(f"{API}/blocks/", {"user": citizen.pk, "reason": "x"}, format="json").status_code == 403
    blocked = api(staff).post(f"{API}/blocks/", {"user": citizen.pk, "reason": "Spam"}, format="json")
    assert blocked.status_code == 201 and blocked.json()["to_state"] == "blocked"
    again = api(staff).post(f"{API}/blocks/", {"user": citizen.pk, "reason": "Spam"}, format="json")
    assert again.status_code == 409
    assert api(staff).post(f"{API}/blocks/unblock/", {"user": citizen.pk, "reason": "Ok"}, format="json").status_code == 200
    reasons = api().get(f"{API}/reasons/").json()
    assert [r["code"] for r in reasons] == ["off_topic", "offensive", "personal_data", "spam", "duplicate", "other"]


def test_schema_documents_the_moderation_endpoints(api):
    schema = api().get("/api/schema/?format=json").json()
    assert {"/api/v1/moderation/decisions/", "/api/v1/moderation/reports/", "/api/v1/moderation/queue/"} <= set(schema["paths"])

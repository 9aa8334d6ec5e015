"""API: supports, exercises, ballots and results over real HTTP (DRF APIClient)."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from consultazione.voting.models import Ballot, Method, PriorityExercise, ResultsVisibility, Support
from consultazione.voting.services import ballot_cast, exercise_close


@pytest.fixture(autouse=True)
def coplanning(psm):
    psm.set_phase("co_pianificazione")


@pytest.fixture
def api():
    return APIClient()


def test_support_create_list_delete(api, citizen, idea):
    api.force_authenticate(citizen)
    response = api.post("/api/v1/supports/", {"contribution": idea.pk}, format="json")
    assert response.status_code == 201
    assert response.json() == {"contribution": idea.pk, "support_count": 1, "supported": True}
    again = api.post("/api/v1/supports/", {"contribution": idea.pk}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_supported"
    listing = api.get("/api/v1/supports/").json()
    assert listing["count"] == 1 and listing["results"][0]["contribution"] == idea.pk
    response = api.delete(f"/api/v1/supports/{idea.pk}/")
    assert response.status_code == 200 and response.json()["support_count"] == 0
    assert api.delete(f"/api/v1/supports/{idea.pk}/").status_code == 409
    assert api.delete("/api/v1/supports/999999/").status_code == 404


def test_support_errors(api, citizen, unverified_user, idea, psm):
    assert api.post("/api/v1/supports/", {"contribution": idea.pk}, format="json").status_code in (401, 403)
    api.force_authenticate(unverified_user)
    response = api.post("/api/v1/supports/", {"contribution": idea.pk}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "not_verified"
    api.force_authenticate(citizen)
    response = api.post("/api/v1/supports/", {"contribution": 999999}, format="json")
    assert response.status_code == 400 and "contribution" in response.json()["errors"]
    psm.set_phase("approvazione")
    response = api.post("/api/v1/supports/", {"contribution": idea.pk}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "phase_closed"
    assert not Support.objects.exists()


def test_exercise_list_and_detail(api, exercise_factory):
    open_one = exercise_factory(title="Aperto")
    exercise_factory(title="Bozza", open_now=False)
    data = api.get("/api/v1/priority-exercises/").json()
    assert [row["title"] for row in data["results"]] == ["Aperto"]
    detail = api.get(f"/api/v1/priority-exercises/{open_one.pk}/").json()
    assert detail["method"] == "dots" and detail["is_open"] is True
    assert detail["items"][0]["code"] and "strategy" in detail["items"][0]
    assert api.get("/api/v1/priority-exercises/?status=closed").json()["count"] == 0


def test_staff_creates_through_api(api, staff, citizen, psm):
    payload = {
        "process": "psm-2024-2026",
        "title": "Pinerolese",
        "method": "dots",
        "scope": "plan",
        "macro_area": "B",
        "open_now": True,
    }
    api.force_authenticate(citizen)
    assert api.post("/api/v1/priority-exercises/", payload, format="json").status_code == 403
    api.force_authenticate(staff)
    response = api.post("/api/v1/priority-exercises/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["macro_area"] == "B" and response.json()["items"]
    bad = api.post("/api/v1/priority-exercises/", {**payload, "points_per_item_max": 50}, format="json")
    assert bad.status_code == 400 and "points_per_item_max" in bad.json()["errors"]
    assert PriorityExercise.objects.count() == 1


def test_ballot_put_get_and_errors(api, citizen, psm, exercise_factory):
    exercise = exercise_factory(points_total=5, points_per_item_max=3)
    first, second, *_ = exercise.items.order_by("position")
    url = f"/api/v1/priority-exercises/{exercise.pk}/ballot/"
    api.force_authenticate(citizen)
    assert api.get(url).status_code == 404
    bad = api.put(url, {"points": {str(first.pk): 3, str(second.pk): 3}, "zona": 1}, format="json")
    assert bad.status_code == 400
    assert bad.json()["errors"]["points"] == ["Hai assegnato 6 punti: il massimo è 5."]
    wrong_key = api.put(url, {"points": {"abc": 1}, "zona": 1}, format="json")
    assert wrong_key.status_code == 400 and "points" in wrong_key.json()["errors"]
    assert not Ballot.objects.exists()
    ok = api.put(url, {"points": {str(first.pk): 3}, "comune": psm.comune("Pinerolo").istat_code}, format="json")
    assert ok.status_code == 200
    assert ok.json()["zona"] == 5 and ok.json()["allocations"] == [{"item": first.pk, "points": 3, "rank": None}]
    assert api.get(url).json()["comune"] == psm.comune("Pinerolo").istat_code


def test_ballot_on_closed_exercise_is_409(api, citizen, staff, psm, exercise_factory):
    exercise = exercise_factory()
    exercise_close(actor=staff, exercise=exercise)
    api.force_authenticate(citizen)
    item = exercise.items.first()
    response = api.put(
        f"/api/v1/priority-exercises/{exercise.pk}/ballot/", {"points": {str(item.pk): 1}, "zona": 1}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "exercise_closed"


def test_ranking_ballot(api, citizen, exercise_factory):
    exercise = exercise_factory(method=Method.RANKING, top_k=2)
    first, second, *_ = exercise.items.order_by("position")
    api.force_authenticate(citizen)
    response = api.put(
        f"/api/v1/priority-exercises/{exercise.pk}/ballot/", {"ranking": [second.pk, first.pk], "zona": 3}, format="json"
    )
    assert [(a["item"], a["rank"], a["points"]) for a in response.json()["allocations"]] == [(second.pk, 1, 2), (first.pk, 2, 1)]


def test_results_endpoint(api, citizen, staff, psm, exercise_factory, representative_factory):
    exercise = exercise_factory(results_visibility=ResultsVisibility.AFTER_CLOSE)
    first = exercise.items.order_by("position").first()
    ballot_cast(user=citizen, exercise=exercise, points={first.pk: 2}, zona=psm.zones[1])
    ballot_cast(user=representative_factory("datoriali"), exercise=exercise, points={first.pk: 1}, zona=psm.zones[5])
    url = f"/api/v1/priority-exercises/{exercise.pk}/results/"
    hidden = api.get(url)
    assert hidden.status_code == 403 and hidden.json()["code"] == "results_hidden"
    exercise_close(actor=staff, exercise=exercise)
    data = api.get(url).json()
    assert data["participants"] == 2 and data["closed"] is True
    assert data["items"][0] == {
        "rank": 1,
        "item": first.pk,
        "code": first.strategy.code,
        "title": first.strategy.title,
        "label": f"{first.strategy.code} {first.strategy.title}",
        "score": 3,
        "voters": 2,
        "strategy": first.strategy_id,
        "contribution": None,
    }
    categories = {segment["label"]: segment for segment in data["breakdowns"][2]["segments"]}
    # one ballot in the category: its choice is not published (issue 16 item 9g)
    assert categories["Rappresentanti: Associazioni datoriali"] == {
        "key": str(categories["Rappresentanti: Associazioni datoriali"]["key"]),
        "label": "Rappresentanti: Associazioni datoriali",
        "hidden": True,
        "participants": None,
        "scores": {},
    }
    assert all(segment["hidden"] and segment["scores"] == {} for b in data["breakdowns"] for segment in b["segments"])


def test_staff_close_and_open_through_api(api, staff, citizen, exercise_factory):
    exercise = exercise_factory()
    api.force_authenticate(citizen)
    assert api.post(f"/api/v1/priority-exercises/{exercise.pk}/close/").status_code == 403
    api.force_authenticate(staff)
    assert api.post(f"/api/v1/priority-exercises/{exercise.pk}/close/").json()["status"] == "closed"
    assert api.post(f"/api/v1/priority-exercises/{exercise.pk}/close/").status_code == 409
    assert api.post(f"/api/v1/priority-exercises/{exercise.pk}/open/").json()["is_open"] is True


def test_schema_documents_voting(api):
    paths = api.get("/api/schema/?format=json").json()["paths"]
    assert "/api/v1/priority-exercises/{id}/ballot/" in paths
    assert "/api/v1/priority-exercises/{id}/results/" in paths
    assert "/api/v1/supports/{contribution}/" in paths


def test_deadline_in_the_past_closes_for_api(api, citizen, exercise_factory):
    exercise = exercise_factory()
    PriorityExercise.objects.filter(pk=exercise.pk).update(closes_at=timezone.now())
    api.force_authenticate(citizen)
    item = exercise.items.first()
    response = api.put(
        f"/api/v1/priority-exercises/{exercise.pk}/ballot/", {"points": {str(item.pk): 1}, "zona": 1}, format="json"
    )
    assert response.status_code == 409
    assert not Ballot.objects.filter(exercise=exercise).exists()  # nothing stored after the deadline

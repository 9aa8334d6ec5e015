"""Pages through the Django test client: list, detail + ballot form, results, CSV, staff, supports."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse

from consultazione.stakeholders.models import Category, Membership, Organisation
from consultazione.voting.models import Ballot, ExerciseStatus, Method, PriorityExercise, ResultsVisibility, Support
from consultazione.voting.services import ballot_cast, exercise_close, support_add


@pytest.fixture(autouse=True)
def coplanning(psm):
    psm.set_phase("co_pianificazione")


def items_of(exercise):
    return list(exercise.items.order_by("position"))


def test_list_shows_open_and_hides_drafts(client, exercise_factory):
    exercise_factory(title="Priorità aperte")
    exercise_factory(title="Bozza nascosta", open_now=False)
    response = client.get(reverse("voting:exercise_list"))
    assert response.status_code == 200
    assert "Priorità aperte" in response.text
    assert "Bozza nascosta" not in response.text


def test_list_query_count_is_constant(client, exercise_factory, django_assert_max_num_queries):
    for n in range(6):
        exercise_factory(title=f"Esercizio {n}")
    with django_assert_max_num_queries(12):
        client.get(reverse("voting:exercise_list"))


def test_detail_for_anonymous_asks_login(client, exercise_factory):
    exercise = exercise_factory()
    response = client.get(reverse("voting:exercise_detail", args=[exercise.pk]))
    assert response.status_code == 200
    assert "Accedi per partecipare" in response.text
    assert "Come si conta" in response.text


def test_draft_detail_is_404_for_citizens(client, citizen, exercise_factory):
    exercise = exercise_factory(open_now=False)
    client.force_login(citizen)
    assert client.get(reverse("voting:exercise_detail", args=[exercise.pk])).status_code == 404


def test_cast_dots_ballot_through_the_form(client, citizen, psm, exercise_factory):
    exercise = exercise_factory(points_total=5, points_per_item_max=3)
    first, second, *_ = items_of(exercise)
    client.force_login(citizen)
    url = reverse("voting:exercise_detail", args=[exercise.pk])
    page = client.get(url)
    assert f'name="item_{first.pk}"' in page.text
    response = client.post(url, {f"item_{first.pk}": "3", f"item_{second.pk}": "2", "comune": psm.comune("Pinerolo").pk})
    assert response.status_code == 302
    ballot = Ballot.objects.get(user=citizen)
    assert ballot.zona == psm.zones[5]
    page = client.get(url)
    assert "Hai già compilato la scheda" in page.text
    assert 'value="3"' in page.text


def test_form_shows_rule_errors_and_stores_nothing(client, citizen, psm, exercise_factory):
    exercise = exercise_factory(points_total=5, points_per_item_max=3)
    first, second, *_ = items_of(exercise)
    client.force_login(citizen)
    url = reverse("voting:exercise_detail", args=[exercise.pk])
    response = client.post(url, {f"item_{first.pk}": "3", f"item_{second.pk}": "3", "zona": psm.zones[1].pk})
    assert response.status_code == 400
    assert "Hai assegnato 6 punti: il massimo è 5." in response.text
    response = client.post(url, {f"item_{first.pk}": "1"})
    assert response.status_code == 400
    assert "Indica la tua zona omogenea o il tuo comune." in response.text
    assert not Ballot.objects.exists()


def test_zone_restricted_form_lists_only_its_zone(client, citizen, psm, exercise_factory):
    exercise = exercise_factory(zona=psm.zones[5])
    client.force_login(citizen)
    page = client.get(reverse("voting:exercise_detail", args=[exercise.pk]))
    assert "Pinerolo" in page.text
    assert ">Moncalieri<" not in page.text


def test_ranking_form(client, citizen, psm, exercise_factory):
    exercise = exercise_factory(method=Method.RANKING, top_k=2)
    first, second, *_ = items_of(exercise)
    client.force_login(citizen)
    url = reverse("voting:exercise_detail", args=[exercise.pk])
    assert 'name="rank_2"' in client.get(url).text
    response = client.post(url, {"rank_1": second.pk, "rank_2": second.pk, "zona": psm.zones[1].pk})
    assert response.status_code == 400
    assert "una sola volta" in response.text
    response = client.post(url, {"rank_1": second.pk, "rank_2": first.pk, "zona": psm.zones[1].pk})
    assert response.status_code == 302
    assert list(Ballot.objects.get().allocations.order_by("rank").values_list("item_id", "points")) == [
        (second.pk, 2),
        (first.pk, 1),
    ]


def test_closed_exercise_post_is_refused_with_message(client, citizen, staff, psm, exercise_factory):
    exercise = exercise_factory()
    exercise_close(actor=staff, exercise=exercise)
    client.force_login(citizen)
    url = reverse("voting:exercise_detail", args=[exercise.pk])
    response = client.post(url, {f"item_{items_of(exercise)[0].pk}": "1", "zona": psm.zones[1].pk}, follow=True)
    assert "non è aperto" in response.text
    assert not Ballot.objects.exists()


def test_results_hidden_until_close_then_shown(client, citizen, staff, psm, exercise_factory):
    exercise = exercise_factory(results_visibility=ResultsVisibility.AFTER_CLOSE)
    ballot_cast(user=citizen, exercise=exercise, points={items_of(exercise)[0].pk: 2}, zona=psm.zones[1])
    url = reverse("voting:results", args=[exercise.pk])
    assert client.get(url).status_code == 403
    client.force_login(staff)
    assert client.get(url).status_code == 200
    exercise_close(actor=staff, exercise=exercise)
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    assert "data-chart=" in response.text
    assert "risultati definitivi" in response.text
    chart = json.loads(response.context["ranking_chart"])
    assert chart["datasets"][0]["data"][0] == 2
    assert "Cittadine e cittadini" in response.text


def test_results_page_query_count(client, citizen, psm, exercise_factory, django_assert_max_num_queries):
    exercise = exercise_factory(results_visibility=ResultsVisibility.LIVE)
    for item in items_of(exercise)[:3]:
        ballot_cast(user=citizen, exercise=exercise, points={item.pk: 1}, zona=psm.zones[1])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("voting:results", args=[exercise.pk])).status_code == 200


def test_results_csv(client, citizen, psm, exercise_factory):
    exercise = exercise_factory(results_visibility=ResultsVisibility.LIVE)
    first = items_of(exercise)[0]
    ballot_cast(user=citizen, exercise=exercise, points={first.pk: 3}, zona=psm.zones[1])
    response = client.get(reverse("voting:results_csv", args=[exercise.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["posizione", "codice", "voce", "punti", "persone che l'hanno scelta"]
    assert rows[1][:4] == ["1", first.strategy.code, first.strategy.title, "3"]
    assert rows[-1][0] == "partecipanti" and rows[-1][3] == "1"
    # one ballot: no zone or category column gives its choice away (issue 16 item 9g)
    breakdown_cells = [row[7:] for row in rows[1:]]
    assert breakdown_cells and all(cell == "meno di 5 schede" for row in breakdown_cells for cell in row)
    page = client.get(reverse("voting:results", args=[exercise.pk])).text
    assert "meno di 5 schede" in page and "data-small-cells-note" in page


def test_csv_neutralises_formulas(client, citizen, psm, exercise_factory, contribution_factory):
    evil = contribution_factory(title='=HYPERLINK("http://x")')
    exercise = exercise_factory(scope="contributions", contributions=[evil], results_visibility=ResultsVisibility.LIVE)
    text = client.get(reverse("voting:results_csv", args=[exercise.pk])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_staff_creates_exercise_with_the_form(client, staff, psm):
    client.force_login(staff)
    url = reverse("voting:exercise_create")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "process": psm.process.pk,
            "title": "Priorità del Pinerolese",
            "method": "dots",
            "points_total": 10,
            "points_per_item_max": 3,
            "top_k": 3,
            "scope": "plan",
            "results_visibility": "live",
            "macro_area": psm.zones[5].macro_area_id,
            "open_now": "on",
        },
    )
    exercise = PriorityExercise.objects.get(title="Priorità del Pinerolese")
    assert response.status_code == 302
    assert exercise.status == ExerciseStatus.OPEN and exercise.items.count() > 0


def test_staff_form_shows_service_errors(client, staff, psm):
    client.force_login(staff)
    response = client.post(
        reverse("voting:exercise_create"),
        {
            "process": psm.process.pk,
            "title": "X",
            "method": "ranking",
            "points_total": 10,
            "points_per_item_max": 3,
            "top_k": 3,
            "scope": "contributions",
            "contribution_references": "PSM-NON-ESISTE",
            "results_visibility": "live",
        },
    )
    assert response.status_code == 400
    assert "Codici sconosciuti: PSM-NON-ESISTE." in response.text
    assert not PriorityExercise.objects.exists()


def test_citizen_cannot_reach_staff_pages(client, citizen, exercise_factory):
    exercise = exercise_factory()
    client.force_login(citizen)
    assert client.get(reverse("voting:exercise_create")).status_code == 403
    assert client.get(reverse("voting:exercise_edit", args=[exercise.pk])).status_code == 403
    assert client.post(reverse("voting:exercise_close", args=[exercise.pk])).status_code == 403
    exercise.refresh_from_db()
    assert exercise.is_open


def test_staff_edits_and_closes(client, staff, exercise_factory):
    exercise = exercise_factory()
    client.force_login(staff)
    response = client.post(
        reverse("voting:exercise_edit", args=[exercise.pk]),
        {"title": "Titolo nuovo", "description": "", "results_visibility": "live", "closes_at": ""},
    )
    assert response.status_code == 302
    client.post(reverse("voting:exercise_close", args=[exercise.pk]))
    exercise.refresh_from_db()
    assert exercise.title == "Titolo nuovo" and exercise.is_closed
    client.post(reverse("voting:exercise_open", args=[exercise.pk]))
    exercise.refresh_from_db()
    assert exercise.is_open


# --- supports ---------------------------------------------------------------------------------


def test_support_and_withdraw_with_redirect(client, citizen, idea):
    client.force_login(citizen)
    response = client.post(reverse("voting:support", args=[idea.pk]), {"next": "/contributi/?ordina=supported"})
    assert response.status_code == 302 and response["Location"] == "/contributi/?ordina=supported"
    idea.refresh_from_db()
    assert idea.support_count == 1
    response = client.post(reverse("voting:unsupport", args=[idea.pk]), {"next": "https://evil.example/"})
    assert response.status_code == 302 and "evil" not in response["Location"]
    idea.refresh_from_db()
    assert idea.support_count == 0


def test_support_json_returns_the_slot(client, citizen, idea):
    client.force_login(citizen)
    response = client.post(reverse("voting:support", args=[idea.pk]), HTTP_ACCEPT="application/json")
    data = response.json()
    assert data["ok"] and data["support_count"] == 1
    assert "Ritira il sostegno" in data["html"]
    again = client.post(reverse("voting:support", args=[idea.pk]), HTTP_ACCEPT="application/json")
    assert again.status_code == 409 and "già sostenuto" in again.json()["message"]


def test_support_needs_login_and_post(client, idea):
    assert client.get(reverse("voting:support", args=[idea.pk])).status_code == 405
    response = client.post(reverse("voting:support", args=[idea.pk]))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert not Support.objects.exists()


def test_support_refused_in_wrong_phase_shows_message(client, citizen, idea, psm):
    psm.set_phase("approvazione")
    client.force_login(citizen)
    response = client.post(reverse("voting:support", args=[idea.pk]), {"next": "/"}, follow=True)
    assert "sostegni sono chiusi" in response.text
    assert not Support.objects.exists()


# --- slots --------------------------------------------------------------------------------------


def render_slot(name, rf, user, contribution):
    request = rf.get("/contributi/x/")
    request.user = user
    return render_to_string(f"contributions/slots/{name}.html", {"contribution": contribution, "user": user}, request=request)


def test_card_slot_uses_the_counter_only(rf, citizen, idea, django_assert_num_queries):
    support_add(user=citizen, contribution=idea)
    with django_assert_num_queries(0):
        html = render_slot("card_support", rf, citizen, idea)
    assert "1 sostegno" in html


def test_detail_slot_states(rf, citizen, unverified_user, idea):
    assert "Sostieni" in render_slot("detail_support", rf, citizen, idea)
    support_add(user=citizen, contribution=idea)
    idea.refresh_from_db()
    html = render_slot("detail_support", rf, citizen, idea)
    assert "Ritira il sostegno" in html and "1 sostegno" in html
    assert "Accedi per sostenere" in render_slot("detail_support", rf, AnonymousUser(), idea)
    html = render_slot("detail_support", rf, unverified_user, idea)
    assert "<form" not in html


def test_representative_of_two_organisations_chooses(client, psm, exercise_factory, representative_factory):
    delegate = representative_factory("sindacati", name="Sindacato di prova")
    second = Organisation.objects.create(name="Associazione agricola di prova", category=Category.objects.get(code="agricoltura"))
    Membership.objects.create(user=delegate, organisation=second, status=Membership.Status.VERIFIED)
    exercise = exercise_factory()
    client.force_login(delegate)
    url = reverse("voting:exercise_detail", args=[exercise.pk])
    assert "Partecipi a nome di" in client.get(url).text
    item = items_of(exercise)[0]
    response = client.post(url, {f"item_{item.pk}": "1", "zona": psm.zones[1].pk, "organisation": second.pk})
    assert response.status_code == 302
    assert Ballot.objects.get(user=delegate).category.code == "agricoltura"

"""A person's voting data: in their JSON download, kept anonymised when the account is deleted."""

import json

import pytest
from django.urls import reverse

from consultazione.accounts.services import user_delete_account, user_export_data
from consultazione.voting.models import Ballot, BallotRevision, Support
from consultazione.voting.selectors import exercise_results
from consultazione.voting.services import ballot_cast, support_add


@pytest.fixture
def active_citizen(psm, citizen, idea, exercise_factory):
    psm.set_phase("co_pianificazione")
    support_add(user=citizen, contribution=idea)
    exercise = exercise_factory(title="Priorità della zona")
    item = exercise.items.order_by("position").first()
    ballot_cast(user=citizen, exercise=exercise, points={item.pk: 2}, comune=psm.comune("Pinerolo"))
    return citizen, exercise, item


def test_export_contains_supports_and_ballots(active_citizen, idea):
    citizen, exercise, item = active_citizen
    data = json.loads(user_export_data(actor=citizen, user=citizen))["voting"]
    assert data["supports"] == [
        {"contribution": idea.reference, "title": idea.title, "created_at": data["supports"][0]["created_at"]}
    ]
    (ballot,) = data["ballots"]
    assert ballot["exercise"] == "Priorità della zona"
    assert ballot["comune"] == "Pinerolo" and ballot["zona"] == 5
    assert ballot["choices"] == [{"item": item.label, "points": 2, "rank": None}]


def test_deletion_keeps_counts_and_drops_what_results_do_not_need(active_citizen, idea):
    citizen, exercise, item = active_citizen
    user_delete_account(actor=citizen, user=citizen)
    idea.refresh_from_db()
    assert idea.support_count == 1 and Support.objects.filter(user=citizen).exists()
    ballot = Ballot.objects.get(user=citizen)
    assert ballot.comune is None and ballot.zona.number == 5
    assert not BallotRevision.objects.filter(ballot=ballot).exists()
    assert exercise_results(exercise).items[0].score == 2


def test_profile_shows_the_section(client, active_citizen):
    citizen, exercise, _item = active_citizen
    client.force_login(citizen)
    page = client.get(reverse("accounts:profile"))
    assert "Sostegni e priorità" in page.text
    assert "Hai sostenuto 1 contributo." in page.text
    assert reverse("voting:exercise_detail", args=[exercise.pk]) in page.text

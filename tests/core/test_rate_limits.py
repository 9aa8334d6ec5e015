"""Rate limits on the actions that cost the platform: submitting, commenting, exporting.

Each is counted per person on the shared cache and, past the rate, refused with 429 and a
message — on the web the form comes back with what was typed; nothing is stored.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from consultazione.contributions.models import Comment, Contribution
from consultazione.core import ratelimit
from consultazione.core.exceptions import RateLimited
from consultazione.reports.models import ExportJob
from tests.conftest import submit_contribution
from tests.core.conftest import idea_form


def test_check_counts_per_key_and_says_when_to_retry():
    ratelimit.check("demo:1", "2/600")
    ratelimit.check("demo:1", "2/600")
    ratelimit.check("demo:2", "2/600")  # another key has its own count
    with pytest.raises(RateLimited) as refused:
        ratelimit.check("demo:1", "2/600")
    assert refused.value.retry_after == 600
    assert "10 minuti" in refused.value.message


def test_web_submit_past_the_rate_is_refused_and_keeps_the_form(client, listening, citizen, settings):
    settings.CONTRIBUTION_SUBMIT_RATE = "2/3600"
    client.force_login(citizen)
    url = reverse("contributions:create")
    for n in range(2):
        assert client.post(url, idea_form(listening, f"Più treni sulla linea numero {n}")).status_code == 302
    response = client.post(url, idea_form(listening, "Un terzo contributo in pochi minuti"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Hai inviato molti contributi in poco tempo" in html
    assert "Un terzo contributo in pochi minuti" in html  # what was typed is still there
    assert Contribution.objects.count() == 2


def test_a_form_error_does_not_count(client, listening, citizen, settings):
    settings.CONTRIBUTION_SUBMIT_RATE = "1/3600"
    client.force_login(citizen)
    url = reverse("contributions:create")
    assert client.post(url, {**idea_form(listening, "corto"), "title": "x"}).status_code == 400
    assert client.post(url, idea_form(listening, "Il primo contributo valido")).status_code == 302
    assert list(Contribution.objects.values_list("title", flat=True)) == ["Il primo contributo valido"]


def test_api_submit_and_comment_past_the_rate_get_429(listening, citizen, settings):
    settings.CONTRIBUTION_SUBMIT_RATE = "1/3600"
    settings.COMMENT_RATE = "1/600"
    api = APIClient()
    api.force_authenticate(citizen)
    first = api.post("/api/v1/contributions/", idea_form(listening, "Il primo contributo via API"), format="json")
    assert first.status_code == 201
    second = api.post("/api/v1/contributions/", idea_form(listening, "Il secondo contributo via API"), format="json")
    assert second.status_code == 429
    assert second.json()["code"] == "rate_limited"
    assert second["Retry-After"] == "3600"
    comments = f"/api/v1/contributions/{first.json()['reference']}/comments/"
    assert api.post(comments, {"body": "Sono d'accordo, serve davvero.", "alignment": 1}, format="json").status_code == 201
    again = api.post(comments, {"body": "E aggiungo un'altra cosa.", "alignment": 1}, format="json")
    assert again.status_code == 429
    assert Contribution.objects.count() == 1 and Comment.objects.count() == 1


def test_web_comment_past_the_rate_is_refused(client, listening, citizen, settings):
    settings.COMMENT_RATE = "1/600"
    idea = submit_contribution(listening, citizen, title="Piste ciclabili continue", body="Collegare i tratti.")
    client.force_login(citizen)
    url = reverse("contributions:comment_create", kwargs={"reference": idea.reference})
    assert client.post(url, {"body": "Un primo commento utile.", "alignment": "1"}).status_code == 302
    response = client.post(url, {"body": "Un secondo commento subito.", "alignment": "1"})
    assert response.status_code == 429
    assert "Hai scritto molti commenti" in response.content.decode()
    assert Comment.objects.count() == 1


def test_facilitators_have_their_own_higher_rate(listening, facilitator, settings):
    settings.CONTRIBUTION_SUBMIT_RATE = "1/3600"
    settings.CONTRIBUTION_FACILITATED_SUBMIT_RATE = "3/3600"
    api = APIClient()
    api.force_authenticate(facilitator)
    payload = {**idea_form(listening, "Dal tavolo di Pinerolo"), "channel": "tavolo", "source": "Tavolo zona 5"}
    statuses = [api.post("/api/v1/contributions/", payload, format="json").status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]


def test_staff_exports_past_the_rate_are_refused(client, psm, staff, settings):
    settings.REPORTS_EXPORT_RATE = "1/3600"
    client.force_login(staff)
    url = f"/dati/{psm.process.slug}/esportazioni/"
    assert client.post(url, {"kind": "csv", "dataset": "contributions"}).status_code == 302
    response = client.post(url, {"kind": "csv", "dataset": "contributions"})
    assert response.status_code == 429
    assert "molte esportazioni" in response.content.decode()
    api = APIClient()
    api.force_authenticate(staff)
    refused = api.post("/api/v1/export-jobs/", {"process": psm.process.slug, "kind": "workbook"}, format="json")
    assert refused.status_code == 429
    assert ExportJob.objects.count() == 1


def test_a_counter_that_incr_recreated_without_a_timeout_still_expires():
    """Django's Redis incr() checks that the key exists, then INCRs: if the window ends in between,
    INCR recreates the counter without a timeout and the limit stayed used up for good (the live
    join budget of 250 a second locked a session after a few hundred joins in the benchmark)."""
    import time

    from django.core.cache.backends.locmem import LocMemCache

    store = LocMemCache("rate-limit-race", {})
    real_incr = store.incr

    def incr_after_expiry(key, delta=1, version=None):
        store.set(key, delta, timeout=None)  # what INCR does to a key that has just expired
        store.incr = real_incr
        return delta

    assert ratelimit.hit("race", limit=1, window=1, cache=store)
    store.incr = incr_after_expiry
    assert ratelimit.hit("race", limit=1, window=1, cache=store)  # counted as the first of a new window
    assert not ratelimit.hit("race", limit=1, window=1, cache=store)
    time.sleep(1.1)
    assert ratelimit.hit("race", limit=1, window=1, cache=store)  # the window ended: allowed again

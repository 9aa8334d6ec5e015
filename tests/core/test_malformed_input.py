"""Malformed input gets a 400 before any view or query sees it (core.middleware, api.parsers).

A NUL byte in a lookup is a 500 on PostgreSQL ("A string literal cannot contain NUL (0x00)
characters") and is stored as is on SQLite; deep JSON made DRF's parser raise RecursionError (500).
These tests run on SQLite too: they assert the 400 the middleware answers before the database.
"""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from consultazione.contributions.models import Contribution
from consultazione.core.input import MAX_JSON_DEPTH
from tests.core.conftest import idea_form

MIDDLEWARE = "consultazione.core.middleware.MalformedInputMiddleware"


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_a_nul_byte_in_the_path_of_a_page_is_a_400_not_a_database_error(client, psm):
    response = client.get("/contributi/PSM%00IDEA/")
    assert response.status_code == 400
    assert "Richiesta non valida" in response.content.decode()
    assert "caratteri non ammessi" in response.content.decode()


def test_a_nul_byte_in_an_api_lookup_is_a_400_with_the_api_error_body(client, psm):
    response = client.get("/api/v1/contributions/PSM%00IDEA/")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_characters"
    assert response.json()["detail"]


def test_a_nul_byte_in_the_query_string_is_a_400(client, psm):
    assert client.get("/contributi/", {"q": "treni\x00"}).status_code == 400
    assert client.get("/api/v1/contributions/", {"search\x00": "x"}).status_code == 400


def test_a_form_post_with_a_nul_byte_is_refused_and_stores_nothing(client, listening, citizen):
    client.force_login(citizen)
    response = client.post(reverse("contributions:create"), idea_form(listening, "Più treni sulla linea\x00 numero uno"))
    assert response.status_code == 400
    assert "caratteri non ammessi" in response.content.decode()
    assert not Contribution.objects.exists()
    # The same form without the NUL byte goes through.
    response = client.post(reverse("contributions:create"), idea_form(listening, "Più treni sulla linea numero uno"))
    assert response.status_code == 302
    assert Contribution.objects.count() == 1


def test_a_login_with_a_nul_byte_is_a_400(client, psm):
    response = client.post(reverse("account_login"), {"login": "a\x00@example.org", "password": "x"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "body, code",
    [
        (_nested(100_000), "too_deep"),  # RecursionError in json: was a 500
        (_nested(MAX_JSON_DEPTH + 1), "too_deep"),
        ('{"kind": "idea", "title": "Treni\\u0000 e bus", "body": "x"}', "invalid_characters"),
        ('{"kind": "idea", "title": "Treni \\ud800 e bus", "body": "x"}', "invalid_characters"),
        ('{"kind\\u0000": "idea"}', "invalid_characters"),
    ],
)
def test_malformed_json_to_the_api_is_a_400_with_the_api_error_body(listening, citizen, body, code):
    api = APIClient()
    api.force_authenticate(citizen)
    response = api.post("/api/v1/contributions/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    "body, code",
    [
        (_nested(100_000), "too_deep"),
        (_nested(MAX_JSON_DEPTH + 1), "too_deep"),
        ('{"kind": "idea", "title": "Treni\\u0000 e bus", "body": "x"}', "invalid_characters"),
        ('{"kind": "idea", "title": "Treni \\udc00 e bus", "body": "x"}', "invalid_characters"),
    ],
)
def test_the_api_json_parser_refuses_the_same_without_the_middleware(listening, citizen, settings, body, code):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE]
    api = APIClient()
    api.force_authenticate(citizen)
    response = api.post("/api/v1/contributions/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == code


def test_valid_json_at_the_depth_limit_and_paired_surrogates_pass(listening, citizen):
    api = APIClient()
    api.force_authenticate(citizen)
    title = "Più treni per Pinerolo \U0001f686"  # an emoji: a surrogate pair in JSON escapes
    body = json.dumps(idea_form(listening, title))  # ensure_ascii: "\ud83d\ude86"
    assert "\\ud83d\\ude86" in body
    response = api.post("/api/v1/contributions/", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert Contribution.objects.get().title == title


@pytest.mark.parametrize("content_type", ["form", "multipart"])
def test_a_nul_byte_in_a_patch_form_to_the_api_is_a_400_and_changes_nothing(staff, psm, content_type):
    """Found by the schema fuzzer on PostgreSQL: a PATCH with a form body skipped the middleware's
    POST check and reached the database ("text fields cannot contain NUL"). The API's form
    parsers now refuse it like the JSON parser."""
    from datetime import timedelta
    from urllib.parse import urlencode

    from django.test.client import MULTIPART_CONTENT, encode_multipart
    from django.utils import timezone

    from consultazione.meetings.models import MeetingFormat, MeetingKind, RegistrationMode
    from consultazione.meetings.services import meeting_create

    starts = timezone.now() + timedelta(days=3)
    meeting = meeting_create(
        actor=staff, process=psm.process, title="Tavolo della collina", kind=MeetingKind.PUBLIC_EVENT,
        starts_at=starts, ends_at=starts + timedelta(hours=2), capacity=None, agenda=[], tables=[],
        format=MeetingFormat.IN_PERSON, venue_comune=psm.comune("Pinerolo"), venue_name="Sala consiliare",
        registration_mode=RegistrationMode.OPEN, objectives="Ascoltare.",
    )  # fmt: skip
    before = meeting.title
    api = APIClient()
    api.force_authenticate(staff)
    url = f"/api/v1/meetings/{meeting.slug}/"
    if content_type == "form":
        response = api.generic("PATCH", url, urlencode({"title": "Tavolo\x00"}), content_type="application/x-www-form-urlencoded")
    else:
        body = encode_multipart("BoUnDaRy", {"title": "Tavolo\x00"})
        response = api.generic("PATCH", url, body, content_type=MULTIPART_CONTENT.replace("BoUnDaRyStRiNg", "BoUnDaRy"))
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid_characters"
    meeting.refresh_from_db()
    assert meeting.title == before

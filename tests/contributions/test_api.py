"""The API: same filters as the web list, same services for every write, 400 with field errors."""

import pytest
from rest_framework.test import APIClient

from consultazione.contributions.models import Comment, Contribution, Status
from consultazione.contributions.services import comment_create

from .conftest import image_bytes, pdf_bytes, png_header_only, stored_files, truncated_jpeg, upload, zip_named_png

URL = "/api/v1/contributions/"


@pytest.fixture
def api():
    return APIClient()


def _payload(psm, **overrides):
    data = {
        "kind": "bisogno",
        "title": "Un ambulatorio aperto la sera a Ivrea",
        "body": "Chi lavora non riesce ad andare dal medico di giorno.",
        "axis": psm.axes[6].pk,
    }
    data.update(overrides)
    return data


def test_list_is_public_and_private_free(api, submit, citizen):
    contribution = submit(citizen)
    response = api.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["reference"] == contribution.reference
    assert item["author"] == citizen.pseudonym
    assert citizen.email not in response.content.decode()
    assert "entered_by" not in item


def test_detail_and_404_for_private(api, submit, citizen):
    public = submit(citizen)
    private = submit(citizen, is_private=True)
    assert api.get(f"{URL}{public.reference}/").status_code == 200
    assert api.get(f"{URL}{private.reference}/").status_code == 404
    api.force_authenticate(citizen)
    assert api.get(f"{URL}{private.reference}/").json()["is_private"] is True


def test_create_json(api, open_psm, citizen):
    api.force_authenticate(citizen)
    response = api.post(URL, _payload(open_psm, comune=open_psm.comune("Ivrea").istat_code), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    contribution = Contribution.objects.get()
    assert data["reference"] == contribution.reference
    assert data["zona"] == open_psm.comune("Ivrea").zona.number
    assert contribution.author == citizen


def test_create_multipart_with_files(api, open_psm, citizen):
    api.force_authenticate(citizen)
    payload = _payload(
        open_psm,
        images=[upload("a.jpg", image_bytes(), "image/jpeg"), upload("b.png", image_bytes("PNG"), "image/png")],
        images_alt=["Ingresso dell'ospedale", "Orari affissi"],
        documents=[upload("lettera.pdf", pdf_bytes(), "application/pdf")],
        documents_title=["Lettera del comitato"],
    )
    response = api.post(URL, payload, format="multipart")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert [image["alt_text"] for image in data["images"]] == ["Ingresso dell'ospedale", "Orari affissi"]
    assert data["documents"][0]["title"] == "Lettera del comitato"


def test_create_requires_authentication(api, open_psm):
    assert api.post(URL, _payload(open_psm), format="json").status_code in {401, 403}
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        pytest.param({"body": "y" * 5001}, "body", "troppo lungo", id="body-too-long"),
        pytest.param({"body": "<script>alert(1)</script>"}, "body", "<script>", id="script"),
        pytest.param({"strategy": "axis1"}, "strategy", "non appartiene", id="strategy-of-another-axis"),
        pytest.param({"zona": 1, "comune": "pinerolo"}, "comune", "non appartiene", id="comune-outside-zone"),
        pytest.param({"kind": "proposta"}, "kind", "", id="unknown-kind"),
        pytest.param({"images": "zip", "images_alt": ["alt"]}, "images", "non è un'immagine", id="png-that-is-a-zip"),
        pytest.param({"images": "bomb", "images_alt": ["alt"]}, "images", "pixel", id="decompression-bomb"),
        pytest.param({"images": "truncated", "images_alt": ["alt"]}, "images", "incompleta", id="truncated-jpeg"),
        pytest.param({"images": "big", "images_alt": ["alt"]}, "images", "10,0 MB", id="60MB"),
    ],
)
def test_bad_input_is_a_400_with_field_errors(api, open_psm, citizen, media_root, overrides, field, fragment):
    files = {
        "zip": lambda: [upload("finto.png", zip_named_png(), "image/png")],
        "bomb": lambda: [upload("bomba.png", png_header_only(50_000, 50_000), "image/png")],
        "truncated": lambda: [upload("rotta.jpg", truncated_jpeg(), "image/jpeg")],
        "big": lambda: [upload("enorme.jpg", b"\xff\xd8\xff" + b"\x00" * (60 * 1024 * 1024), "image/jpeg")],
    }
    values = {
        "axis1": lambda: open_psm.axes[1].strategies.first().pk,
        "pinerolo": lambda: open_psm.comune("Pinerolo").istat_code,
    }
    data = _payload(open_psm)
    for key, value in overrides.items():
        if isinstance(value, str) and value in files:
            value = files[value]()
        elif isinstance(value, str) and value in values:
            value = values[value]()
        data[key] = value
    api.force_authenticate(citizen)
    response = api.post(URL, data, format="multipart")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert fragment in " ".join(body["errors"][field])
    assert not Contribution.objects.exists()
    assert stored_files(media_root) == []


def test_wrong_phase_is_403(api, open_psm, citizen):
    open_psm.set_phase("approvazione")
    api.force_authenticate(citizen)
    response = api.post(URL, _payload(open_psm), format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_facilitated_create(api, open_psm, facilitator, citizen):
    api.force_authenticate(facilitator)
    response = api.post(URL, _payload(open_psm, channel="cartaceo", source="Scheda cartacea, Ivrea 3/2/2024"), format="json")
    assert response.status_code == 201
    assert response.json()["channel"] == "cartaceo"
    api.force_authenticate(citizen)
    assert api.post(URL, _payload(open_psm, channel="tavolo", source="x"), format="json").status_code == 403


def test_update_and_withdraw(api, submit, citizen, user_factory, open_psm):
    contribution = submit(citizen)
    api.force_authenticate(user_factory())
    assert api.patch(f"{URL}{contribution.reference}/", {"title": "Titolo di qualcun altro"}, format="json").status_code == 403
    api.force_authenticate(citizen)
    response = api.patch(f"{URL}{contribution.reference}/", {"title": "Titolo corretto dall'autrice"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Titolo corretto dall'autrice"
    bad = api.patch(f"{URL}{contribution.reference}/", {"body": "<iframe></iframe>"}, format="json")
    assert bad.status_code == 400 and "body" in bad.json()["errors"]
    assert api.put(f"{URL}{contribution.reference}/", {"title": "x"}, format="json").status_code == 405
    response = api.post(f"{URL}{contribution.reference}/withdraw/")
    assert response.status_code == 200
    assert response.json()["status"] == Status.WITHDRAWN
    assert api.post(f"{URL}{contribution.reference}/withdraw/").status_code == 403


def test_comments_list_and_create(api, submit, citizen, user_factory):
    contribution = submit(citizen)
    url = f"{URL}{contribution.reference}/comments/"
    api.force_authenticate(user_factory())
    response = api.post(url, {"body": "Molto utile", "alignment": 1}, format="json")
    assert response.status_code == 201
    parent_id = response.json()["id"]
    reply = api.post(url, {"body": "Concordo", "parent": parent_id}, format="json")
    assert reply.status_code == 201 and reply.json()["depth"] == 2
    assert api.post(url, {"body": "<script></script>", "alignment": 5}, format="json").status_code == 400
    api.force_authenticate(None)
    top = api.get(url).json()
    assert top["count"] == 1
    assert top["results"][0]["replies_url"].endswith(f"?parent={parent_id}")
    replies = api.get(url, {"parent": parent_id}).json()
    assert [c["body"] for c in replies["results"]] == ["Concordo"]
    assert api.get(url, {"parent": 999999}).status_code == 400


def test_comments_paginate(api, submit, citizen, settings):
    settings.COMMENTS_PER_PAGE = 2
    contribution = submit(citizen)
    for n in range(5):
        comment_create(author=citizen, contribution=contribution, body=f"Commento {n}")
    first = api.get(f"{URL}{contribution.reference}/comments/").json()
    assert first["count"] == 5 and len(first["results"]) == 2 and first["next"].endswith("page=2")
    last = api.get(first["next"].replace("http://testserver", "")).json()
    assert [c["body"] for c in last["results"]] == ["Commento 2", "Commento 3"]
    assert Comment.objects.count() == 5


def test_api_filters_are_the_web_filters(api, submit, citizen, open_psm):
    bus = submit(citizen, kind="criticita", title="Autobus in ritardo a Chivasso", comune=open_psm.comune("Chivasso"))
    submit(citizen, kind="idea", title="Biblioteca aperta la domenica", axis=open_psm.axes[4])
    assert [r["reference"] for r in api.get(URL, {"kind": "criticita"}).json()["results"]] == [bus.reference]
    assert [r["reference"] for r in api.get(URL, {"zona": bus.zona.number}).json()["results"]] == [bus.reference]
    assert [r["reference"] for r in api.get(URL, {"q": "ritardo"}).json()["results"]] == [bus.reference]
    assert [r["reference"] for r in api.get(URL, {"q": bus.reference}).json()["results"]] == [bus.reference]
    response = api.get(URL, {"axis": 999999, "kind": "nope"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"axis", "kind"}

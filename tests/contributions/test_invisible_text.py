"""Invisible and look-alike characters in titles and bodies, through the real doors (web form,
API, service): refused with a message that names the problem, nothing stored."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from consultazione.contributions.models import Comment, Contribution

from .test_views import _form_data

ZWSP, RLO, ZWJ = "\u200b", "\u202e", "\u200d"
INVISIBLE = "caratteri invisibili o di controllo"
API_URL = "/api/v1/contributions/"

BAD_TITLES = [
    pytest.param(ZWSP * 20, id="20-zwsp"),
    pytest.param(f"Più treni per Pinerolo{ZWSP}{ZWSP}", id="trailing-zwsp"),
    pytest.param(f"Autobus per Chieri {RLO}ottor", id="rlo"),
    pytest.param("\u00adAutobus\u00ad per Chieri", id="soft-hyphen"),
    pytest.param("Autobus\u2066 per Chieri\u2069", id="bidi-isolate"),
    pytest.param("Autobus per Chieri\x07", id="bell"),
]


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.parametrize("title", BAD_TITLES)
def test_web_submit_refuses_invisible_title(client, open_psm, citizen, title):
    client.force_login(citizen)
    response = client.post(reverse("contributions:create"), _form_data(open_psm, title=title))
    assert response.status_code == 400
    assert INVISIBLE in response.content.decode()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("title", BAD_TITLES)
def test_api_submit_refuses_invisible_title(api, open_psm, citizen, title):
    api.force_authenticate(citizen)
    payload = {"kind": "idea", "title": title, "body": "Un testo qualsiasi ma sensato.", "axis": open_psm.axes[3].pk}
    response = api.post(API_URL, payload, format="json")
    assert response.status_code == 400
    assert any(INVISIBLE in message for message in response.json()["errors"]["title"])
    assert not Contribution.objects.exists()


def test_twenty_zero_width_spaces_also_say_nothing_visible(api, open_psm, citizen):
    api.force_authenticate(citizen)
    payload = {"kind": "idea", "title": ZWSP * 20, "body": "Testo.", "axis": open_psm.axes[3].pk}
    errors = api.post(API_URL, payload, format="json").json()["errors"]["title"]
    assert any("nessun carattere visibile" in message for message in errors)


def test_api_update_refuses_invisible_title_and_keeps_the_old_one(api, submit, citizen):
    contribution = submit(citizen)
    api.force_authenticate(citizen)
    response = api.patch(f"{API_URL}{contribution.reference}/", {"title": ZWSP * 20}, format="json")
    assert response.status_code == 400
    assert INVISIBLE in " ".join(response.json()["errors"]["title"])
    contribution.refresh_from_db()
    assert contribution.title == "Più treni tra Pinerolo e Torino nelle ore di punta"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        pytest.param("Città più verde a Sant'Antonino di Susa", "Città più verde a Sant'Antonino di Susa", id="accents"),
        pytest.param("Perché  non  c'è un treno la sera?", "Perché non c'è un treno la sera?", id="spaces"),
        pytest.param("Ｃｉｔｔà ｖｅｒｄｅ per tutti", "Città verde per tutti", id="fullwidth-folded"),
        pytest.param(f"Smart working 👩{ZWJ}💻 nei comuni", f"Smart working 👩{ZWJ}💻 nei comuni", id="emoji-zwj"),
    ],
)
def test_legitimate_titles_are_stored_normalised(client, open_psm, citizen, typed, stored):
    client.force_login(citizen)
    response = client.post(reverse("contributions:create"), _form_data(open_psm, title=typed))
    assert response.status_code == 302
    assert Contribution.objects.get().title == stored


def test_document_title_with_invisible_characters_is_refused(api, open_psm, citizen):
    from .conftest import pdf_bytes, upload

    api.force_authenticate(citizen)
    payload = {
        "kind": "idea",
        "title": "Orari dei treni da rivedere",
        "body": "Vedi il documento allegato.",
        "axis": open_psm.axes[3].pk,
        "documents": [upload("orari.pdf", pdf_bytes(), "application/pdf")],
        "documents_title": [f"Orari{RLO}fdp.exe"],
    }
    response = api.post(API_URL, payload, format="multipart")
    assert response.status_code == 400
    assert INVISIBLE in str(response.json()["errors"])
    assert not Contribution.objects.exists()


def test_comment_of_only_invisible_characters_is_refused(client, api, submit, citizen, user_factory):
    contribution = submit(citizen)
    client.force_login(user_factory())
    url = reverse("contributions:comment_create", args=[contribution.reference])
    response = client.post(url, {"body": ZWSP * 20 + "\ufeff", "alignment": "0"})
    assert response.status_code == 400
    assert "Scrivi il testo" in response.content.decode()
    api.force_authenticate(user_factory())
    response = api.post(f"{API_URL}{contribution.reference}/comments/", {"body": f"{ZWSP}\n{ZWSP}"}, format="json")
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_comment_edges_are_trimmed_and_emoji_kept(client, submit, citizen, user_factory):
    contribution = submit(citizen)
    client.force_login(user_factory())
    url = reverse("contributions:comment_create", args=[contribution.reference])
    response = client.post(
        url, {"body": f"{ZWSP}\ufeffSono d'accordo, perché serve 👍🏽 e 👨{ZWJ}👩{ZWJ}👧{ZWSP}", "alignment": "1"}
    )
    assert response.status_code == 302
    assert Comment.objects.get().body == f"Sono d'accordo, perché serve 👍🏽 e 👨{ZWJ}👩{ZWJ}👧"


def test_facilitated_source_with_invisible_characters_is_refused(submit, facilitator):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        submit(None, channel="tavolo", entered_by=facilitator, source=f"Tavolo{RLO} ZO5")
    assert INVISIBLE in exc.value.message_dict["source"][0]
    assert not Contribution.objects.exists()

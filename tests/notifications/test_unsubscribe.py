"""The one-click unsubscribe link: signed token, works without signing in, POST-only change,
GET only confirms; a tampered token is refused with a clear 400 and changes nothing."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from consultazione.notifications.selectors import preferences_of
from consultazione.notifications.services import follow_set
from consultazione.notifications.tokens import unsubscribe_token
from tests.conftest import make_user

from .conftest import mails_to, unsubscribe_path

pytestmark = pytest.mark.django_db


def _url(user, kinds=("contribution_comment",)) -> str:
    return reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(user, kinds)})


def test_get_only_confirms_and_changes_nothing(client):
    person = make_user()
    response = client.get(_url(person))
    assert response.status_code == 200
    assert "Commenti sui contributi che seguo" in response.text and "Sì, non inviarmele più" in response.text
    assert preferences_of(person)["contribution_comment"] == "immediate"


def test_one_click_post_without_session_or_csrf_switches_that_kind_off():
    person = make_user()
    client = Client(enforce_csrf_checks=True)
    response = client.post(_url(person), data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "non riceverai più email" in response.text
    assert preferences_of(person) == {"comment_reply": "immediate", "contribution_comment": "off", "outcome": "immediate"}


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_is_refused_and_changes_nothing(client, method):
    person, other = make_user(), make_user()
    token = unsubscribe_token(person, ["contribution_comment"])
    forged = unsubscribe_token(other, ["contribution_comment"]).split(":")[0] + ":" + token.split(":", 1)[1]
    for bad in (forged, token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "nonsense"):
        response = getattr(client, method)(reverse("notifications:unsubscribe", kwargs={"token": bad}))
        assert response.status_code == 400
        assert "non è valido" in response.text
    assert preferences_of(person)["contribution_comment"] == "immediate"
    assert preferences_of(other)["contribution_comment"] == "immediate"


def test_the_link_in_a_real_email_unsubscribes(submit, comment_on, committing, settings):
    settings.SITE_URL = "http://testserver"
    contribution = submit()
    follower = make_user()
    follow_set(user=follower, contribution=contribution, following=True)
    with committing():
        comment_on(contribution)
    (message,) = mails_to(follower)
    response = Client(enforce_csrf_checks=True).post(unsubscribe_path(message), data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    mail.outbox.clear()
    with committing():
        comment_on(contribution)
    assert mails_to(follower) == []


def test_preferences_page_saves_and_rejects_bad_values(client):
    person = make_user()
    client.force_login(person)
    url = reverse("notifications:preferences")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"comment_reply": "sometimes", "contribution_comment": "digest", "outcome": "off"})
    assert bad.status_code == 400 and "Scegli un&#x27;opzione valida" in bad.text
    assert preferences_of(person)["contribution_comment"] == "immediate"  # nothing half-saved
    ok = client.post(url, {"comment_reply": "immediate", "contribution_comment": "digest", "outcome": "off"})
    assert ok.status_code == 302
    assert preferences_of(person) == {"comment_reply": "immediate", "contribution_comment": "digest", "outcome": "off"}
    profile = client.get(reverse("accounts:profile"))
    assert 'id="notification-preferences"' in profile.text
    assert re.search(r'<input type="radio"[^>]*value="digest"[^>]*checked', profile.text)  # the digest option is the one chosen


def test_follow_button_posts_and_redirects_without_js(client, submit):
    contribution = submit()
    person = make_user()
    client.force_login(person)
    page = client.get(reverse("contributions:detail", args=[contribution.reference]))
    assert ">Segui</button>" in page.text
    response = client.post(reverse("contributions:follow", args=[contribution.reference]))
    assert response.status_code == 302 and response["Location"].endswith(f"/contributi/{contribution.reference}/#segui")
    page = client.get(response["Location"])
    assert "Non seguire più" in page.text and "Segui questo contributo" in page.text
    client.post(reverse("contributions:unfollow", args=[contribution.reference]))
    assert ">Segui</button>" in client.get(reverse("contributions:detail", args=[contribution.reference])).text


def test_anonymous_sees_no_follow_button_and_is_sent_to_log_in(client, submit):
    contribution = submit()
    assert "Non seguire" not in client.get(reverse("contributions:detail", args=[contribution.reference])).text
    response = client.post(reverse("contributions:follow", args=[contribution.reference]))
    assert response.status_code == 302 and "/account/login/" in response["Location"]

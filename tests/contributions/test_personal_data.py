import json

from django.urls import reverse

from consultazione.accounts.services import user_delete_account, user_export_data
from consultazione.contributions.models import Contribution
from consultazione.contributions.services import comment_create


def test_export_profile_and_erasure(client, submit, citizen):
    contribution = submit(citizen, body="Testo con <strong>enfasi</strong>")
    comment_create(author=citizen, contribution=contribution, body="Il mio commento")
    exported = json.loads(user_export_data(actor=citizen, user=citizen))["contributions"]
    assert exported["contributions"][0]["reference"] == contribution.reference
    assert exported["contributions"][0]["body"] == "Testo con enfasi"
    assert exported["comments"][0]["body"] == "Il mio commento"

    client.force_login(citizen)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "I miei contributi" in profile and contribution.reference in profile

    user_delete_account(actor=citizen, user=citizen)
    contribution = Contribution.objects.select_related("author").get(pk=contribution.pk)
    assert contribution.author.pseudonym == f"utente-eliminato-{citizen.pk}"
    client.logout()
    html = client.get(reverse("contributions:detail", args=[contribution.reference])).content.decode()
    assert f"utente-eliminato-{citizen.pk}" in html and citizen.email not in html

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
    assert "utente eliminato" in html and citizen.email not in html
    assert f"utente-eliminato-{citizen.pk}" not in html  # issue 16 item 9h: no internal id


def test_deleted_author_reads_utente_eliminato_everywhere(client, submit, citizen, staff, open_psm):
    """Issue 16 item 9h: after deleting the account, the author of contributions and comments is
    «utente eliminato» on the pages, in the API and in the staff exports, never "utente-eliminato-42"."""
    import csv
    import io

    from consultazione.reports.exports.writers import write_dataset

    contribution = submit(citizen, title="Panchine nel parco della Tesoriera")
    other = submit(staff, title="Un contributo con un commento")
    comment_create(author=citizen, contribution=other, body="Sono d'accordo con questa proposta.")
    user_delete_account(actor=citizen, user=citizen)
    internal = f"utente-eliminato-{citizen.pk}"

    pages = [
        reverse("contributions:detail", args=[contribution.reference]),
        reverse("contributions:detail", args=[other.reference]),
        reverse("contributions:list"),
        f"/api/v1/contributions/{contribution.reference}/",
        f"/api/v1/contributions/{other.reference}/comments/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert internal not in text, url
    assert "utente eliminato" in client.get(pages[0]).content.decode()
    assert client.get(pages[3]).json()["author"] == "utente eliminato"
    assert "utente eliminato" in client.get(pages[1]).content.decode()  # the comment

    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        for key in ("contributions", "comments"):
            path = Path(tmp) / f"{key}.csv"
            write_dataset(path, fmt="csv", key=key, process=open_psm.process, personal_data=False)
            text = path.read_text(encoding="utf-8-sig")
            assert internal not in text, key
            rows = list(csv.DictReader(io.StringIO(text)))
            assert "utente eliminato" in {row.get("Autore (pseudonimo)") for row in rows}, key

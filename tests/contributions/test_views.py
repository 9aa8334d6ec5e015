"""The web pages through the Django test client: forms keep what was typed, errors say why."""

import pytest
from django.urls import reverse

from consultazione.contributions.models import Comment, Contribution, Status
from consultazione.contributions.services import comment_create

from .conftest import image_bytes, pdf_bytes, png_header_only, stored_files, truncated_jpeg, upload, zip_named_png


def _form_data(psm, **overrides):
    data = {
        "kind": "criticita",
        "title": "Autobus troppo pieni sulla linea per Chieri",
        "body": "Al mattino le corse delle 7:30 sono sempre piene e molti studenti restano a terra.",
        "axis": psm.axes[3].pk,
        "strategy": "",
        "action": "",
        "zona": "",
        "comune": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def logged_citizen(client, citizen):
    client.force_login(citizen)
    return citizen


def test_list_and_detail_are_public(client, submit, citizen):
    contribution = submit(citizen)
    response = client.get(reverse("contributions:list"))
    assert response.status_code == 200
    assert contribution.title in response.content.decode()
    detail = client.get(reverse("contributions:detail", args=[contribution.reference]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert contribution.reference in html and citizen.pseudonym in html
    assert citizen.email not in html


def test_private_and_pending_are_not_public(client, submit, citizen, moderator):
    private = submit(citizen, is_private=True)
    url = reverse("contributions:detail", args=[private.reference])
    assert client.get(url).status_code == 404
    assert private.title not in client.get(reverse("contributions:list")).content.decode()
    client.force_login(citizen)
    assert client.get(url).status_code == 200
    client.force_login(moderator)
    assert client.get(url).status_code == 200


def test_reference_lookup_is_case_insensitive_and_canonical(client, submit, citizen):
    contribution = submit(citizen)
    response = client.get(reverse("contributions:detail", args=[contribution.reference.lower()]))
    assert response.status_code == 302
    assert response.url == reverse("contributions:detail", args=[contribution.reference])


def test_create_requires_login_and_permission(client, open_psm, unverified_user):
    url = reverse("contributions:create")
    assert client.get(url).status_code == 302
    client.force_login(unverified_user)
    response = client.get(url)
    assert response.status_code == 403
    assert "Conferma il tuo indirizzo email" in response.content.decode()


def test_create_wrong_phase_explains_why(client, open_psm, logged_citizen):
    open_psm.set_phase("approvazione")
    response = client.get(reverse("contributions:create"))
    assert response.status_code == 403
    assert "non accetta nuovi contributi" in response.content.decode()


def test_create_shows_privacy_notice(client, open_psm, logged_citizen):
    open_psm.process.privacy_notice = "Titolare del trattamento: Città metropolitana di Torino."
    open_psm.process.save()
    html = client.get(reverse("contributions:create")).content.decode()
    assert "Titolare del trattamento" in html
    assert 'href="/privacy/"' in html
    assert 'name="is_private"' in html


def test_create_with_image_redirects_to_detail(client, open_psm, logged_citizen):
    data = _form_data(
        open_psm,
        comune=open_psm.comune("Chieri").pk,
        image_1=upload("bus.jpg", image_bytes(), "image/jpeg"),
        image_alt_1="Fermata dell'autobus affollata",
        document_1=upload("orari.pdf", pdf_bytes(), "application/pdf"),
        document_title_1="Orari attuali",
    )
    response = client.post(reverse("contributions:create"), data)
    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("contributions:detail", args=[contribution.reference])
    assert contribution.author == logged_citizen
    assert contribution.images.count() == 1 and contribution.documents.count() == 1
    html = client.get(response.url).content.decode()
    assert "Fermata dell&#x27;autobus affollata" in html
    assert "Orari attuali" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"body": "x" * 5001}, "Il testo è troppo lungo"),
        ({"body": "<script>alert(1)</script> testo"}, "elementi non ammessi"),
        ({"strategy": "axis1"}, "La strategia scelta non appartiene"),
        ({"zona": "zone1", "comune": "pinerolo"}, "Il comune scelto non appartiene"),
        ({"image_1": "zip", "image_alt_1": "alt"}, "non è un&#x27;immagine JPEG, PNG o WebP"),
        ({"image_1": "bomb", "image_alt_1": "alt"}, "pixel"),
        ({"image_1": "truncated", "image_alt_1": "alt"}, "danneggiata o incompleta"),
        ({"image_1": "big", "image_alt_1": "alt"}, "il massimo è 10,0 MB"),
    ],
)
def test_bad_input_keeps_the_form_and_stores_nothing(client, open_psm, logged_citizen, media_root, overrides, message):
    files = {
        "zip": lambda: upload("finto.png", zip_named_png(), "image/png"),
        "bomb": lambda: upload("bomba.png", png_header_only(50_000, 50_000), "image/png"),
        "truncated": lambda: upload("rotta.jpg", truncated_jpeg(), "image/jpeg"),
        "big": lambda: upload("enorme.jpg", b"\xff\xd8\xff" + b"\x00" * (60 * 1024 * 1024), "image/jpeg"),
    }
    values = {
        "axis1": lambda: open_psm.axes[1].strategies.first().pk,
        "zone1": lambda: open_psm.zones[1].pk,
        "pinerolo": lambda: open_psm.comune("Pinerolo").pk,
    }
    resolved = {}
    for key, value in overrides.items():
        if value in files:
            value = files[value]()
        elif value in values:
            value = values[value]()
        resolved[key] = value
    response = client.post(reverse("contributions:create"), _form_data(open_psm, **resolved))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Autobus troppo pieni sulla linea per Chieri" in html  # the rest of the form is kept
    assert not Contribution.objects.exists()
    assert stored_files(media_root) == []


def test_similar_button_without_js(client, submit, citizen, open_psm, logged_citizen):
    existing = submit(citizen, title="Autobus più frequenti per Chieri al mattino")
    response = client.post(
        reverse("contributions:create"),
        {"_similar": "1", "title": "Autobus per Chieri pieni al mattino", "axis": open_psm.axes[1].pk},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert existing.reference in html  # on axis 3, found although axis 1 is chosen (issue 16 item 9b)
    assert f"Asse 3. {open_psm.axes[3].title}" in html
    assert "Autobus per Chieri pieni al mattino" in html
    assert Contribution.objects.count() == 1


def test_similar_json(client, submit, citizen, open_psm):
    """Issue 16 item 9b: titles from every axis, each labelled with its axis."""
    existing = submit(citizen, title="Piste ciclabili sicure lungo la Dora")
    elsewhere = submit(citizen, title="Piste ciclabili sicure lungo il Po", axis=open_psm.axes[2])
    response = client.get(reverse("contributions:similar"), {"axis": open_psm.axes[3].pk, "title": "piste ciclabili Dora"})
    results = {r["reference"]: r for r in response.json()["results"]}
    assert set(results) == {existing.reference, elsewhere.reference}
    assert results[existing.reference]["url"].endswith(f"/{existing.reference}/")
    for ref, axis in ((elsewhere.reference, open_psm.axes[2]), (existing.reference, open_psm.axes[3])):
        assert results[ref]["axis"] == f"Asse {axis.code}. {axis.title} ({open_psm.plan.short_name})"
    # no axis chosen yet: the hint works all the same
    assert len(client.get(reverse("contributions:similar"), {"title": "piste ciclabili"}).json()["results"]) == 2
    assert client.get(reverse("contributions:similar"), {"axis": "x", "title": "pis"}).json() == {"results": []}


def test_axis_link_preselects_the_axis(client, open_psm, logged_citizen):
    """Issue 16 item 9a: the axis page's "Invia un contributo" opens the form with that axis chosen;
    a foreign or malformed ?axis= is ignored."""
    axis = open_psm.axes[2]
    html = client.get(reverse("contributions:create"), {"axis": axis.pk}).content.decode()
    assert f'<option value="{axis.pk}" selected>' in html
    for bad in ("x", "999999", ""):
        response = client.get(reverse("contributions:create"), {"axis": bad})
        assert response.status_code == 200
        axis_select = response.content.decode().split('id="id_axis"')[1].split("</select>")[0]
        assert axis_select.count(" selected>") == 1 and '<option value="" selected>' in axis_select


def test_edit_and_withdraw_pages(client, submit, open_psm, logged_citizen):
    contribution = submit(logged_citizen)
    edit_url = reverse("contributions:edit", args=[contribution.reference])
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, _form_data(open_psm, title="Titolo corretto dopo l'invio", body="<b>Testo</b> corretto"))
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.title == "Titolo corretto dopo l'invio"
    response = client.post(edit_url, _form_data(open_psm, body="<object data=x></object>"))
    assert response.status_code == 400
    withdraw_url = reverse("contributions:withdraw", args=[contribution.reference])
    assert client.get(withdraw_url).status_code == 200
    client.post(withdraw_url)
    contribution.refresh_from_db()
    assert contribution.status == Status.WITHDRAWN
    detail = client.get(reverse("contributions:detail", args=[contribution.reference]))
    assert "ritirato dall'autore" in detail.content.decode()


def test_facilitated_form(client, open_psm, facilitator):
    client.force_login(facilitator)
    url = reverse("contributions:facilitated_create")
    assert client.get(url).status_code == 200
    data = _form_data(open_psm, channel="tavolo", source="Tavolo territoriale ZO11, Chieri, 5/12/2023")
    response = client.post(url, data)
    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert (contribution.author, contribution.entered_by, contribution.channel) == (None, facilitator, "tavolo")
    client.logout()
    html = client.get(response.url).content.decode()
    assert "Tavolo territoriale ZO11" in html
    assert facilitator.pseudonym not in html


def test_facilitated_form_refused_to_citizens(client, open_psm, logged_citizen):
    assert client.get(reverse("contributions:facilitated_create")).status_code == 403


def test_comment_flow(client, submit, citizen, user_factory):
    contribution = submit(citizen)
    commenter = user_factory()
    client.force_login(commenter)
    url = reverse("contributions:comment_create", args=[contribution.reference])
    response = client.post(url, {"body": "Sono d'accordo, serve subito", "alignment": "1"})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.alignment == 1
    response = client.post(url, {"body": "Aggiungo un dettaglio", "alignment": "0", "parent": comment.pk})
    assert response.status_code == 302
    assert "risposte" in response.url
    detail = client.get(reverse("contributions:detail", args=[contribution.reference])).content.decode()
    assert "Sono d'accordo, serve subito" in detail
    assert "Mostra 1 risposta" in detail
    fragment = client.get(reverse("contributions:comment_replies", args=[contribution.reference, comment.pk]), {"frammento": 1})
    assert "Aggiungo un dettaglio" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    bad = client.post(url, {"body": "<script>x</script>", "alignment": "1"})
    assert bad.status_code == 400
    assert "elementi non ammessi" in bad.content.decode()


def test_comment_edit_and_delete_pages(client, submit, citizen):
    contribution = submit(citizen)
    comment = comment_create(author=citizen, contribution=contribution, body="Da correggere")
    client.force_login(citizen)
    edit_url = reverse("contributions:comment_edit", args=[contribution.reference, comment.pk])
    assert client.get(edit_url).status_code == 200
    assert client.post(edit_url, {"body": "Corretto", "alignment": "-1"}).status_code == 302
    comment.refresh_from_db()
    assert (comment.body, comment.alignment) == ("Corretto", -1)
    client.post(reverse("contributions:comment_delete", args=[contribution.reference, comment.pk]))
    comment.refresh_from_db()
    assert comment.status == "deleted"
    html = client.get(reverse("contributions:detail", args=[contribution.reference])).content.decode()
    assert "Commento eliminato dall" in html and "Corretto" not in html


def test_comments_closed_in_analysis_phase(client, submit, citizen, open_psm):
    contribution = submit(citizen)
    open_psm.set_phase("analisi")
    client.force_login(citizen)
    response = client.post(
        reverse("contributions:comment_create", args=[contribution.reference]), {"body": "x", "alignment": "0"}
    )
    assert response.status_code == 403  # a refusal by the rules, as the API answers it (was 400)
    assert not Comment.objects.exists()


def test_criticita_may_point_at_the_plan_in_force_ideas_may_not(client, open_psm, logged_citizen):
    """The form offers the plan being revised in its own group, labelled for criticità; the
    server keeps ideas and needs on the new plan with a message that says why."""
    old_axis = open_psm.previous_plan.axes.order_by("code").first()
    html = client.get(reverse("contributions:create")).content.decode()
    axes = _axis_select(html)
    assert "<optgroup" in axes and 'data-plan-role="revised"' in axes
    assert "data-plan-roles-by-kind" in html[html.rindex("<select", 0, html.index('name="axis"')) :][:300]
    assert f'<option value="{old_axis.pk}"' in axes
    old_strategy = old_axis.strategies.first()

    response = client.post(reverse("contributions:create"), _form_data(open_psm, kind="idea", axis=old_axis.pk))
    assert response.status_code == 400
    assert "è aperto solo a: Criticità" in response.content.decode()

    response = client.post(
        reverse("contributions:create"),
        _form_data(open_psm, kind="criticita", axis=old_axis.pk, strategy=old_strategy.pk if old_strategy else ""),
    )
    assert response.status_code == 302
    criticita = Contribution.objects.get()
    assert criticita.axis == old_axis and criticita.axis.plan == open_psm.previous_plan


def _axis_select(html: str) -> str:
    start = html.index('name="axis"')
    return html[start : html.index("</select>", start)]


def test_edit_offers_the_plan_in_force_only_to_criticita(client, submit, open_psm, logged_citizen):
    old_axis = open_psm.previous_plan.axes.order_by("code").first()
    idea = submit(logged_citizen, kind="idea")
    axes = _axis_select(client.get(reverse("contributions:edit", args=[idea.reference])).content.decode())
    assert f'<option value="{old_axis.pk}"' not in axes and "optgroup" not in axes
    criticita = submit(logged_citizen, kind="criticita", axis=old_axis)
    axes = _axis_select(client.get(reverse("contributions:edit", args=[criticita.reference])).content.decode())
    assert f'<option value="{old_axis.pk}" selected' in axes


def test_list_filters_by_an_axis_of_the_plan_in_force(client, submit, citizen, open_psm):
    old_axis = open_psm.previous_plan.axes.order_by("code").first()
    filed = submit(citizen, kind="criticita", title="Le corse promesse non sono mai partite", axis=old_axis)
    submit(citizen, kind="idea", title="Una nuova linea di autobus per Chieri")
    html = client.get(reverse("contributions:list"), {"axis": old_axis.pk}).content.decode()
    assert "data-plan-role" not in _axis_select(html)  # the filter labels the group, no JS hook
    assert "(in vigore)" in _axis_select(html)
    assert filed.title in html and "Una nuova linea di autobus" not in html
    api = client.get("/api/v1/contributions/", {"axis": old_axis.pk}).json()
    assert [row["reference"] for row in api["results"]] == [filed.reference]

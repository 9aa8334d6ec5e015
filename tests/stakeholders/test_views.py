"""The request page (from the profile), the staff queue and the profile section, as people see them;
the Django admin's membership form (autocomplete, decision read-only)."""

import pytest

from consultazione.stakeholders.models import Membership, Organisation
from consultazione.stakeholders.services import membership_refuse, membership_request, membership_verify
from tests.conftest import make_user, submit_contribution

from .conftest import VALID_VAT

S = Membership.Status
REQUEST = "/organizzazioni/richiesta/"
QUEUE = "/organizzazioni/richieste/"


def test_profile_offers_the_request_and_lists_memberships_with_their_state(client, citizen, staff, organisation, category):
    client.force_login(citizen)
    html = client.get("/profilo/").content.decode()
    assert "Non rappresenti nessuna organizzazione." in html
    assert f'href="{REQUEST}"' in html
    pending = membership_request(actor=citizen, organisation=organisation)
    other = Organisation.objects.create(name="Sindacato Pensionati Valsusa", category=category)
    refused = membership_request(actor=citizen, organisation=other)
    membership_refuse(actor=staff, membership=refused, reason="Non risulti tra gli iscritti.")
    html = client.get("/profilo/").content.decode()
    assert "Associazione Valli Unite" in html and "in attesa" in html
    assert "Sindacato Pensionati Valsusa" in html and "rifiutata" in html and "Non risulti tra gli iscritti." in html
    membership_verify(actor=staff, membership=pending)
    html = client.get("/profilo/").content.decode()
    assert "verificata" in html and "puoi inviare contributi a nome dell'organizzazione" in html


def test_search_works_without_javascript_and_the_request_lands_in_the_profile(client, citizen, organisation):
    client.force_login(citizen)
    html = client.get(REQUEST, {"q": "valli"}).content.decode()
    assert 'type="radio"' in html and "Associazione Valli Unite" in html
    assert "1 organizzazione trovata" in html
    # by partita IVA too
    assert "Associazione Valli Unite" in client.get(REQUEST, {"q": f"IT{VALID_VAT}"}).content.decode()
    assert "Nessuna organizzazione trovata" in client.get(REQUEST, {"q": "zzzz"}).content.decode()
    response = client.post(
        f"{REQUEST}?q=valli", {"mode": "existing", "organisation": organisation.pk, "role_title": "Tesoriera"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/profilo/"
    assert "Richiesta inviata" in response.content.decode()
    assert Membership.objects.get(user=citizen).role_title == "Tesoriera"


def test_a_second_request_answers_409_with_the_message_and_saves_nothing(client, citizen, organisation):
    client.force_login(citizen)
    membership_request(actor=citizen, organisation=organisation)
    response = client.post(f"{REQUEST}?q=valli", {"mode": "existing", "organisation": organisation.pk, "role_title": "Altro"})
    assert response.status_code == 409
    assert "Hai già chiesto di rappresentare «Associazione Valli Unite»" in response.content.decode()
    assert Membership.objects.filter(user=citizen).count() == 1


def test_a_new_organisation_with_a_wrong_partita_iva_gets_a_field_error(client, citizen, category):
    client.force_login(citizen)
    data = {"mode": "new", "new-name": "Comitato Borgo Dora", "new-category": category.pk, "new-vat_number": "01114601007"}
    response = client.post(REQUEST, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_new-vat_number_error"' in html and "cifra di controllo" in html
    assert 'value="Comitato Borgo Dora"' in html  # what was typed stays
    assert not Organisation.objects.filter(name="Comitato Borgo Dora").exists()
    data["new-vat_number"] = "011 146 010 06"
    response = client.post(REQUEST, data)
    assert response.status_code == 302
    assert Membership.objects.get(user=citizen).organisation.vat_number == VALID_VAT


def test_an_unknown_or_hidden_organisation_is_a_form_error(client, citizen, category):
    hidden = membership_request(actor=make_user(), proposal=_proposal(category)).organisation
    client.force_login(citizen)
    for value in (hidden.pk, 999999, "abc"):
        response = client.post(REQUEST, {"mode": "existing", "organisation": value})
        assert response.status_code == 400
        assert "Scegli un&#x27;organizzazione tra i risultati" in response.content.decode()
    assert not Membership.objects.filter(user=citizen).exists()


def _proposal(category):
    from consultazione.stakeholders.services import OrganisationProposal

    return OrganisationProposal(name="Comitato Borgo Dora", category=category, vat_number="00743110157")


def test_unverified_account_may_not_open_the_request_page(client, unverified_user):
    client.force_login(unverified_user)
    assert client.get(REQUEST).status_code == 403
    assert "Chiedi di rappresentare" not in client.get("/profilo/").content.decode()


def test_staff_queue_search_verify_and_refuse(
    client, staff, organisation, category, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = make_user(pseudonym="prima-richiedente"), make_user(pseudonym="seconda-richiedente")
    asked = membership_request(actor=first, organisation=organisation, role_title="Presidente")
    proposed = membership_request(actor=second, proposal=_proposal(category))
    client.force_login(staff)
    html = client.get(QUEUE).content.decode()
    assert "2 richieste in attesa di verifica." in html
    assert first.email in html and "Presidente" in html and "nuova organizzazione" in html
    html = client.get(QUEUE, {"q": "borgo"}).content.decode()
    assert "Comitato Borgo Dora" in html and "Associazione Valli Unite" not in html
    html = client.get(QUEUE, {"q": "prima-richiedente"}).content.decode()
    assert "Associazione Valli Unite" in html and "Comitato Borgo Dora" not in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{QUEUE}{asked.pk}/verifica/", follow=True)
    assert "Verificata: prima-richiedente rappresenta «Associazione Valli Unite»" in response.content.decode()
    asked.refresh_from_db()
    assert (asked.status, asked.verified_by) == (S.VERIFIED, staff)

    response = client.post(f"{QUEUE}{proposed.pk}/rifiuta/", {f"m{proposed.pk}-reason": "  "})
    assert response.status_code == 400
    assert f'id="id_m{proposed.pk}-reason_error"' in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == S.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{QUEUE}{proposed.pk}/rifiuta/", {f"m{proposed.pk}-reason": "Partita IVA di un'altra impresa."})
    assert response.status_code == 302
    proposed.refresh_from_db()
    decided = (proposed.status, proposed.verified_by, proposed.refused_reason)
    assert decided == (S.REJECTED, staff, "Partita IVA di un'altra impresa.")
    # decided: out of the pending list, in the list of all, with who decided
    assert "0 richieste in attesa" in client.get(QUEUE).content.decode()
    html = client.get(QUEUE, {"stato": ""}).content.decode()
    assert staff.pseudonym in html and "Partita IVA di un&#x27;altra impresa." in html
    # a second decision: a message, nothing changes
    response = client.post(f"{QUEUE}{asked.pk}/rifiuta/", {f"m{asked.pk}-reason": "Ripensamento."}, follow=True)
    assert "già stata esaminata" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == S.VERIFIED
    assert [mail.to for mail in mailoutbox] == [[first.email], [second.email]]


@pytest.mark.parametrize("role", [None, "moderator", "facilitator", "steering"])
def test_queue_is_for_staff_only(client, citizen, organisation, role):
    membership = membership_request(actor=citizen, organisation=organisation)
    client.force_login(make_user(roles=[role] if role else []))
    assert client.get(QUEUE).status_code == 403
    assert client.post(f"{QUEUE}{membership.pk}/verifica/").status_code == 403
    assert client.post(f"{QUEUE}{membership.pk}/rifiuta/", {f"m{membership.pk}-reason": "x"}).status_code == 403
    membership.refresh_from_db()
    assert membership.status == S.PENDING


def test_contribution_on_behalf_shows_the_organisation(client, psm, citizen, staff, organisation):
    psm.set_phase("ascolto")
    client.force_login(citizen)
    assert "A nome di" not in client.get("/contributi/nuovo/").content.decode()
    membership_verify(actor=staff, membership=membership_request(actor=citizen, organisation=organisation))
    assert "A nome di" in client.get("/contributi/nuovo/").content.decode()
    contribution = submit_contribution(psm, citizen, organisation=organisation)
    html = client.get(f"/contributi/{contribution.reference}/").content.decode()
    assert "Associazione Valli Unite (Altri)" in html


def test_admin_membership_form_has_autocomplete_and_read_only_decision(client, citizen, staff, organisation):
    superuser = make_user()
    superuser.is_staff = superuser.is_superuser = True
    superuser.save()
    membership = membership_request(actor=citizen, organisation=organisation)
    membership_verify(actor=staff, membership=membership)
    client.force_login(superuser)
    html = client.get(f"/django-admin/stakeholders/membership/{membership.pk}/change/").content.decode()
    assert 'class="admin-autocomplete' in html  # user and organisation are searched, not scrolled
    assert 'name="verified_by"' not in html and 'name="status"' not in html
    assert staff.pseudonym in html
    found = client.get("/django-admin/stakeholders/membership/", {"q": "valli"}).content.decode()
    assert citizen.pseudonym in found
    response = client.get(
        "/django-admin/autocomplete/",
        {"term": "valli", "app_label": "stakeholders", "model_name": "membership", "field_name": "organisation"},
    )
    assert [item["text"] for item in response.json()["results"]] == ["Associazione Valli Unite"]


def test_queue_and_api_list_run_the_same_queries_for_two_or_six_requests(client, staff, category):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as page:
            assert client.get(QUEUE).status_code == 200
        with CaptureQueriesContext(connection) as api:
            assert client.get("/api/v1/membership-requests/").status_code == 200
        return len(page), len(api)

    def add(n: int) -> None:
        for _ in range(n):
            organisation = Organisation.objects.create(name=f"Associazione {Organisation.objects.count()}", category=category)
            membership_request(actor=make_user(), organisation=organisation, role_title="Referente")

    client.force_login(staff)
    add(2)
    few = counts()
    add(4)
    assert counts() == few

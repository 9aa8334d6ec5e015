"""The API of membership requests: the same services and rules as the site; every answer is
also checked against the OpenAPI document (tests/api_contract.py)."""

import pytest

from consultazione.stakeholders.models import Membership, Organisation
from consultazione.stakeholders.services import OrganisationProposal, membership_request
from tests.conftest import make_user

from .conftest import OTHER_VALID_VAT

S = Membership.Status
MINE = "/api/v1/memberships/"
STAFF = "/api/v1/membership-requests/"


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_search_organisations(client, organisation, category):
    proposal = OrganisationProposal(name="Valli Nascoste", category=category, vat_number=OTHER_VALID_VAT)
    membership_request(actor=make_user(), proposal=proposal)
    response = client.get("/api/v1/organisations/", {"q": "valli"})
    assert response.status_code == 200
    assert [org["name"] for org in response.json()["results"]] == ["Associazione Valli Unite"]  # not the proposal
    assert response.json()["results"][0]["category"] == "altri"
    assert client.get("/api/v1/organisations/", {"q": "v"}).json()["results"] == []


def test_citizen_requests_lists_and_gets_409_on_a_second_request(client, citizen, organisation):
    client.force_login(citizen)
    response = post(client, MINE, {"organisation": organisation.pk, "role_title": "Presidente"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["organisation"]["name"], body["decided_at"]) == ("pending", "Associazione Valli Unite", None)
    response = post(client, MINE, {"organisation": organisation.pk})
    assert response.status_code == 409
    assert response.json()["code"] == "already_requested"
    assert [item["id"] for item in client.get(MINE).json()["results"]] == [body["id"]]
    assert Membership.objects.filter(user=citizen).count() == 1


def test_new_organisation_through_the_api(client, citizen, category, psm):
    client.force_login(citizen)
    comune = psm.comune("Pinerolo")
    data = {"new_organisation": {"name": "Comitato Borgo Dora", "category": "altri", "comune": comune.istat_code}}
    response = post(client, MINE, {**data, "new_organisation": {**data["new_organisation"], "vat_number": "01114601007"}})
    assert response.status_code == 400
    assert "cifra di controllo" in response.json()["errors"]["vat_number"][0]
    response = post(client, MINE, data)  # no public reference
    assert response.status_code == 400 and "vat_number" in response.json()["errors"]
    response = post(client, MINE, {"new_organisation": {**data["new_organisation"], "ipa_code": "C_L219"}})
    assert response.status_code == 201, response.json()
    assert response.json()["organisation"]["ipa_code"] == "c_l219"
    assert response.json()["organisation"]["verified"] is False


@pytest.mark.parametrize(
    "body",
    [{}, {"organisation": None}, {"organisation": 999999}, {"organisation": "x"}, {"new_organisation": {"name": "X"}}],
)
def test_bad_request_bodies_are_400(client, citizen, organisation, body):
    client.force_login(citizen)
    response = post(client, MINE, body)
    assert response.status_code == 400
    assert not Membership.objects.exists()


def test_anonymous_and_unverified_are_refused(client, organisation, unverified_user):
    assert post(client, MINE, {"organisation": organisation.pk}).status_code == 403
    assert client.get(MINE).status_code == 403
    client.force_login(unverified_user)
    assert post(client, MINE, {"organisation": organisation.pk}).status_code == 403
    assert not Membership.objects.exists()


def test_staff_list_verify_and_refuse(client, staff, organisation, category, mailoutbox, django_capture_on_commit_callbacks):
    first, second = make_user(), make_user()
    asked = membership_request(actor=first, organisation=organisation)
    other = Organisation.objects.create(name="Sindacato Pensionati Valsusa", category=category)
    second_request = membership_request(actor=second, organisation=other)
    client.force_login(staff)
    listed = client.get(STAFF).json()["results"]
    assert [item["id"] for item in listed] == [asked.pk, second_request.pk]
    assert listed[0]["person"]["email"] == first.email
    assert [item["id"] for item in client.get(STAFF, {"q": "valsusa"}).json()["results"]] == [second_request.pk]

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, f"{STAFF}{asked.pk}/verify/")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["decided_by"]) == ("verified", staff.pseudonym)
    assert post(client, f"{STAFF}{asked.pk}/verify/").json()["code"] == "already_decided"
    assert post(client, f"{STAFF}{asked.pk}/verify/").status_code == 409

    response = post(client, f"{STAFF}{second_request.pk}/refuse/", {"reason": ""})
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, f"{STAFF}{second_request.pk}/refuse/", {"reason": "Non risulti tra gli iscritti."})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["refused_reason"]) == ("rejected", "Non risulti tra gli iscritti.")
    assert client.get(STAFF).json()["results"] == []
    assert len(client.get(STAFF, {"status": "all"}).json()["results"]) == 2
    assert client.get(f"{STAFF}{asked.pk}/").json()["status"] == "verified"
    assert post(client, f"{STAFF}999999/verify/").status_code == 404
    assert [mail.to for mail in mailoutbox] == [[first.email], [second.email]]

    # the person sees the decisions in their own list
    client.force_login(second)
    [mine] = client.get(MINE).json()["results"]
    assert (mine["status"], mine["refused_reason"]) == ("rejected", "Non risulti tra gli iscritti.")
    assert "person" not in mine


@pytest.mark.parametrize("role", [None, "moderator", "facilitator"])
def test_staff_endpoints_refuse_everyone_else(client, citizen, organisation, role):
    membership = membership_request(actor=citizen, organisation=organisation)
    client.force_login(make_user(roles=[role] if role else []))
    assert client.get(STAFF).status_code == 403
    assert client.get(f"{STAFF}{membership.pk}/").status_code == 403
    assert post(client, f"{STAFF}{membership.pk}/verify/").status_code == 403
    assert post(client, f"{STAFF}{membership.pk}/refuse/", {"reason": "No."}).status_code == 403
    membership.refresh_from_db()
    assert membership.status == S.PENDING


def test_schema_documents_the_operations():
    from api.schema import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    create = schema["paths"]["/api/v1/memberships/"]["post"]
    assert {"201", "400", "403", "409"} <= set(create["responses"])
    assert "requestBody" in create
    refuse = schema["paths"]["/api/v1/membership-requests/{id}/refuse/"]["post"]
    assert {"200", "400", "403", "404", "409"} <= set(refuse["responses"])
    verify = schema["paths"]["/api/v1/membership-requests/{id}/verify/"]["post"]
    assert {"200", "403", "404", "409"} <= set(verify["responses"])


def test_a_role_too_long_is_400_and_saves_nothing(client, citizen, organisation):
    client.force_login(citizen)
    response = post(client, MINE, {"organisation": organisation.pk, "role_title": "x" * 121})
    assert response.status_code == 400 and "role_title" in response.json()["errors"]
    assert not Membership.objects.exists()

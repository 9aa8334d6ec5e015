"""Requests to represent an organisation and the staff decisions on them: every rule of the
services and the bad input they refuse (nothing saved), with the email the person receives."""

import pytest
from django.core.exceptions import ValidationError

from consultazione.core.exceptions import Conflict, InvalidInput, PermissionDenied
from consultazione.stakeholders.models import Membership, Organisation
from consultazione.stakeholders.references import normalise_vat_number, vat_checksum_ok
from consultazione.stakeholders.selectors import organisations_search, user_represents
from consultazione.stakeholders.services import (
    MAX_PENDING_REQUESTS,
    OrganisationProposal,
    membership_refuse,
    membership_request,
    membership_verify,
)
from tests.conftest import make_user

from .conftest import OTHER_VALID_VAT, VALID_VAT

S = Membership.Status


def proposal(category, **overrides) -> OrganisationProposal:
    fields = {"name": "Comitato Borgo Dora", "category": category, "vat_number": OTHER_VALID_VAT}
    fields.update(overrides)
    return OrganisationProposal(**fields)


def test_request_for_an_existing_organisation_waits_for_staff(citizen, organisation):
    membership = membership_request(actor=citizen, organisation=organisation, role_title="Presidente")
    assert (membership.status, membership.role_title, membership.verified_by) == (S.PENDING, "Presidente", None)
    assert not user_represents(citizen, organisation)


@pytest.mark.parametrize("state", ["pending", "verified", "rejected"])
def test_a_second_request_for_the_same_organisation_is_refused_and_saves_nothing(citizen, staff, organisation, state):
    first = membership_request(actor=citizen, organisation=organisation)
    if state == "verified":
        membership_verify(actor=staff, membership=first)
    elif state == "rejected":
        membership_refuse(actor=staff, membership=first, reason="Nessun legame con l'associazione.")
    with pytest.raises(Conflict) as refused:
        membership_request(actor=citizen, organisation=organisation, role_title="Altro ruolo")
    assert "Valli Unite" in refused.value.message
    assert {"pending": "già chiesto", "verified": "Rappresenti già", "rejected": "Nessun legame"}[state] in refused.value.message
    assert Membership.objects.filter(user=citizen).count() == 1
    assert Membership.objects.get(user=citizen).role_title == ""


def test_new_organisation_is_proposed_with_its_public_reference(citizen, category, psm):
    membership = membership_request(
        actor=citizen, proposal=proposal(category, vat_number="IT 011 146 010 06", comune=psm.comune("Pinerolo"))
    )
    organisation = membership.organisation
    assert (organisation.vat_number, organisation.comune.name, organisation.verified) == (VALID_VAT, "Pinerolo", False)
    assert organisation.proposed_by == citizen
    # nobody else finds an unverified proposal; its proposer does
    assert organisations_search(user=make_user(), query="Borgo Dora") == []
    assert organisations_search(user=citizen, query="Borgo Dora") == [organisation]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"vat_number": "01114601007"}, "vat_number", "cifra di controllo"),
        ({"vat_number": "1234"}, "vat_number", "11 cifre"),
        ({"vat_number": "00000000000"}, "vat_number", "cifra di controllo"),
        ({"vat_number": "", "ipa_code": ""}, "vat_number", "riferimento pubblico"),
        ({"vat_number": "", "ipa_code": "comune di torino"}, "ipa_code", "codice IPA"),
        ({"vat_number": "", "ipa_code": "c-l219"}, "ipa_code", "codice IPA"),
        ({"name": "   "}, "name", ""),
        ({"name": "Comitato\u200b Borgo"}, "name", "invisibili"),
        ({"name": "x" * 201}, "name", ""),
    ],
)
def test_bad_new_organisation_is_refused_with_a_field_message_and_saves_nothing(citizen, category, fields, field, message):
    with pytest.raises(ValidationError) as refused:
        membership_request(actor=citizen, proposal=proposal(category, **fields))
    assert field in refused.value.message_dict
    assert message in " ".join(refused.value.message_dict[field])
    assert not Membership.objects.filter(user=citizen).exists()
    assert not Organisation.objects.filter(proposed_by=citizen).exists()


def test_ipa_code_alone_is_a_public_reference(citizen, category):
    membership = membership_request(actor=citizen, proposal=proposal(category, vat_number="", ipa_code=" C_L219 "))
    assert membership.organisation.ipa_code == "c_l219"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"name": "associazione valli unite"}, "organisation_exists"),  # same name, other case
        ({"vat_number": VALID_VAT}, "organisation_exists"),  # same partita IVA
    ],
)
def test_a_new_organisation_that_already_exists_is_refused(citizen, category, organisation, fields, code):
    with pytest.raises(Conflict) as refused:
        membership_request(actor=citizen, proposal=proposal(category, **fields))
    assert refused.value.code == code
    assert "Valli Unite" in refused.value.message
    assert Organisation.objects.count() == Organisation.objects.filter(proposed_by__isnull=True).count()


def test_someone_elses_proposal_is_not_disclosed(citizen, category):
    membership_request(actor=make_user(), proposal=proposal(category))
    with pytest.raises(Conflict) as refused:
        membership_request(actor=citizen, proposal=proposal(category))
    assert refused.value.code == "organisation_proposed"
    assert "Borgo Dora" not in refused.value.message
    # nor can it be asked for by id
    hidden = Organisation.objects.get(name="Comitato Borgo Dora")
    with pytest.raises(InvalidInput):
        membership_request(actor=citizen, organisation=hidden)


def test_one_of_existing_or_new(citizen, category, organisation):
    with pytest.raises(InvalidInput):
        membership_request(actor=citizen)
    with pytest.raises(InvalidInput):
        membership_request(actor=citizen, organisation=organisation, proposal=proposal(category))
    assert not Membership.objects.exists()


def test_at_most_five_requests_wait_at_once(citizen, category):
    for n in range(MAX_PENDING_REQUESTS):
        org = Organisation.objects.create(name=f"Associazione {n}", category=category)
        membership_request(actor=citizen, organisation=org)
    extra = Organisation.objects.create(name="Associazione in più", category=category)
    with pytest.raises(Conflict) as refused:
        membership_request(actor=citizen, organisation=extra)
    assert refused.value.code == "too_many_pending"
    assert Membership.objects.filter(user=citizen).count() == MAX_PENDING_REQUESTS


def test_unverified_and_blocked_accounts_may_not_ask(organisation, unverified_user, staff):
    from consultazione.moderation.services import user_block

    blocked = make_user()
    user_block(actor=staff, user=blocked, reason="Spam ripetuto.")
    for person in (unverified_user, blocked):
        with pytest.raises(PermissionDenied):
            membership_request(actor=person, organisation=organisation)
    assert not Membership.objects.exists()


def test_staff_verify_records_who_and_when_and_the_person_gets_an_email(
    citizen, staff, category, mailoutbox, django_capture_on_commit_callbacks
):
    membership = membership_request(actor=citizen, proposal=proposal(category))
    with django_capture_on_commit_callbacks(execute=True):
        membership_verify(actor=staff, membership=membership)
    membership.refresh_from_db()
    assert (membership.status, membership.verified_by) == (S.VERIFIED, staff)
    assert membership.verified_at is not None
    assert membership.organisation.verified  # the new organisation is verified with it
    assert user_represents(citizen, membership.organisation)
    [email] = mailoutbox
    assert email.to == [citizen.email]
    assert email.subject == "Rappresentanza verificata: Comitato Borgo Dora"
    assert "/profilo/" in email.body and "/contributi/nuovo/" in email.body


def test_staff_refuse_needs_a_reason_which_the_person_reads(
    citizen, staff, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    membership = membership_request(actor=citizen, organisation=organisation)
    for blank in ("", "   ", "\u200b"):
        with pytest.raises(ValidationError) as refused:
            membership_refuse(actor=staff, membership=membership, reason=blank)
        assert "reason" in refused.value.message_dict
    membership.refresh_from_db()
    assert (membership.status, membership.verified_by) == (S.PENDING, None)
    with django_capture_on_commit_callbacks(execute=True):
        membership_refuse(actor=staff, membership=membership, reason="Non risulti tra i soci.")
    membership.refresh_from_db()
    decided = (membership.status, membership.verified_by, membership.refused_reason)
    assert decided == (S.REJECTED, staff, "Non risulti tra i soci.")
    [email] = mailoutbox
    assert "non accolta" in email.subject and "Non risulti tra i soci." in email.body
    assert not user_represents(citizen, organisation)


def test_a_decided_request_cannot_be_decided_again(citizen, staff, organisation, mailoutbox, django_capture_on_commit_callbacks):
    membership = membership_request(actor=citizen, organisation=organisation)
    membership_verify(actor=staff, membership=membership)
    other = make_user(roles=["staff"])
    for decide in (
        lambda: membership_verify(actor=other, membership=membership),
        lambda: membership_refuse(actor=other, membership=membership, reason="Ripensamento."),
    ):
        with pytest.raises(Conflict) as refused:
            decide()
        assert refused.value.code == "already_decided"
    membership.refresh_from_db()
    assert (membership.status, membership.verified_by) == (S.VERIFIED, staff)


@pytest.mark.parametrize("role", [None, "moderator", "facilitator", "steering"])
def test_only_staff_decide(citizen, organisation, role):
    membership = membership_request(actor=citizen, organisation=organisation)
    actor = make_user(roles=[role] if role else [])
    with pytest.raises(PermissionDenied):
        membership_verify(actor=actor, membership=membership)
    with pytest.raises(PermissionDenied):
        membership_refuse(actor=actor, membership=membership, reason="No.")
    membership.refresh_from_db()
    assert membership.status == S.PENDING


def test_only_verified_memberships_may_be_used_for_contributions(psm, citizen, staff, organisation):
    from tests.conftest import submit_contribution

    psm.set_phase("ascolto")
    membership = membership_request(actor=citizen, organisation=organisation)
    with pytest.raises(ValidationError) as refused:
        submit_contribution(psm, citizen, organisation=organisation)
    assert "organisation" in refused.value.message_dict
    membership_verify(actor=staff, membership=membership)
    contribution = submit_contribution(psm, citizen, organisation=organisation)
    assert contribution.organisation == organisation


def test_account_erasure_removes_memberships(citizen, staff, category):
    from consultazione.accounts.services import user_delete_account

    membership = membership_request(actor=citizen, proposal=proposal(category))
    user_delete_account(actor=citizen, user=citizen)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Organisation.objects.get(name="Comitato Borgo Dora").proposed_by is None


@pytest.mark.parametrize(
    ("value", "ok"), [("01114601006", True), ("00743110157", True), ("01114601007", False), ("12345678901", False)]
)
def test_vat_checksum(value, ok):
    assert vat_checksum_ok(value) is ok


def test_vat_normalisation():
    assert normalise_vat_number(" it 011.146.010-06 ") == "01114601006"


def test_a_bad_role_with_a_new_organisation_saves_neither(citizen, category):
    """The organisation is created in the same transaction as the request: refused together."""
    with pytest.raises(ValidationError) as refused:
        membership_request(actor=citizen, proposal=proposal(category), role_title="Presi\u200bdente")
    assert "role_title" in refused.value.message_dict
    assert not Organisation.objects.filter(name="Comitato Borgo Dora").exists()
    assert not Membership.objects.exists()


def test_the_data_download_lists_the_requests(citizen, staff, organisation):
    import json

    from consultazione.accounts.services import user_export_data

    membership = membership_request(actor=citizen, organisation=organisation, role_title="Tesoriera")
    membership_refuse(actor=staff, membership=membership, reason="Non risulti tra i soci.")
    [row] = json.loads(user_export_data(actor=citizen, user=citizen))["stakeholders"]
    assert (row["organisation"], row["role_title"], row["status"], row["refused_reason"]) == (
        "Associazione Valli Unite",
        "Tesoriera",
        "rejected",
        "Non risulti tra i soci.",
    )
    assert row["decided_at"] is not None

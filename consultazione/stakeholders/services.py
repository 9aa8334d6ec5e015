"""Writes of the stakeholders app: the categories, and a person's request to represent an
organisation with the staff decision on it (verify or refuse, who and when recorded, the person
told by email after commit). The site (/profilo/, /organizzazioni/richieste/), the API and the
Django admin all call these."""

from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from consultazione.accounts.models import User
from consultazione.core.exceptions import Conflict, InvalidInput
from consultazione.core.names import normalise_name
from consultazione.core.permissions import check_perm
from consultazione.territory.models import Comune

from .models import Category, Membership, Organisation
from .notifications import membership_decision_notify
from .references import normalise_ipa_code, normalise_vat_number
from .selectors import q_visible_organisations

CATEGORIES = [
    ("sindacati", "Sindacati", False),
    ("datoriali", "Associazioni datoriali", False),
    ("artigianato", "Artigianato", False),
    ("agricoltura", "Agricoltura", False),
    ("cooperazione", "Cooperazione", False),
    ("camere_commercio", "Camere di commercio", False),
    ("enti_locali", "Enti locali", True),
    ("universita_ricerca", "Università e ricerca", True),
    ("fondazioni", "Fondazioni", False),
    ("altri", "Altri", False),
]

#: Requests a person may have waiting at once (each one is work for staff).
MAX_PENDING_REQUESTS = 5

S = Membership.Status


@transaction.atomic
def categories_load() -> int:
    for position, (code, label, institutional) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            code=code, defaults={"label": label, "is_institutional": institutional, "position": position}
        )
    return len(CATEGORIES)


@dataclass(frozen=True)
class OrganisationProposal:
    """A new organisation, proposed in a request: staff check its public reference before verifying."""

    name: str
    category: Category
    comune: Comune | None = None
    ipa_code: str = ""
    vat_number: str = ""


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y")


def _already(membership: Membership) -> Conflict:
    name = membership.organisation.name
    if membership.status == S.PENDING:
        message = _("Hai già chiesto di rappresentare «%(name)s» il %(date)s: la richiesta è in attesa di verifica.")
        return Conflict(message % {"name": name, "date": _date(membership.created_at)}, code="already_requested")
    if membership.status == S.VERIFIED:
        message = _("Rappresenti già «%(name)s»: la rappresentanza è verificata.")
        return Conflict(message % {"name": name}, code="already_member")
    message = _(
        "La tua richiesta per «%(name)s» è stata rifiutata il %(date)s (motivo: %(reason)s). "
        "Se la situazione è cambiata, scrivi allo staff dell'ente."
    )
    date = _date(membership.verified_at or membership.updated_at)
    return Conflict(message % {"name": name, "date": date, "reason": membership.refused_reason}, code="already_refused")


def _duplicate_of(actor, proposal: OrganisationProposal, ipa_code: str, vat_number: str) -> Conflict | None:
    """An organisation that already exists under this name or public reference."""
    checks = [
        Organisation.objects.filter(name__iexact=proposal.name),
        Organisation.objects.filter(ipa_code=ipa_code) if ipa_code else Organisation.objects.none(),
        Organisation.objects.filter(vat_number=vat_number) if vat_number else Organisation.objects.none(),
    ]
    for queryset in checks:
        existing = queryset.first()
        if existing is None:
            continue
        if Organisation.objects.filter(q_visible_organisations(actor), pk=existing.pk).exists():
            message = _("«%(name)s» è già registrata sulla piattaforma: cercala e chiedi di rappresentarla.")
            return Conflict(message % {"name": existing.name}, code="organisation_exists")
        return Conflict(
            _(
                "Un'altra persona ha già proposto questa organizzazione: "
                "potrai chiedere di rappresentarla dopo la verifica dello staff."
            ),
            code="organisation_proposed",
        )
    return None


def _organisation_propose(actor, proposal: OrganisationProposal) -> Organisation:
    ipa_code, vat_number = normalise_ipa_code(proposal.ipa_code), normalise_vat_number(proposal.vat_number)
    organisation = Organisation(
        name=normalise_name(proposal.name),  # "   " is a blank name, refused as one
        category=proposal.category,
        comune=proposal.comune,
        ipa_code=ipa_code,
        vat_number=vat_number,
        proposed_by=actor,
        verified=False,
    )
    errors: dict[str, list[str]] = {}
    if not ipa_code and not vat_number:
        errors["vat_number"] = [
            _("Indica un riferimento pubblico dell'organizzazione: il codice IPA (enti pubblici) o la partita IVA.")
        ]
    try:
        organisation.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    if conflict := _duplicate_of(actor, replace(proposal, name=organisation.name), ipa_code, vat_number):
        raise conflict
    organisation.save()
    return organisation


@transaction.atomic
def membership_request(
    *,
    actor,
    organisation: Organisation | None = None,
    proposal: OrganisationProposal | None = None,
    role_title: str = "",
) -> Membership:
    """Ask to represent an existing organisation, or propose a new one: the request waits for staff.

    Refused: a second request for the same organisation (409, whatever its state), more than
    MAX_PENDING_REQUESTS waiting, an organisation the person may not see, a new one without a valid
    public reference or that already exists (by name, IPA code or partita IVA)."""
    check_perm(
        actor,
        "stakeholders.request_membership",
        message=_("Per chiedere di rappresentare un'organizzazione serve un account con l'email verificata e non bloccato."),
    )
    if (organisation is None) == (proposal is None):
        raise InvalidInput(_("Scegli un'organizzazione esistente oppure proponine una nuova (una delle due)."))
    # One person's requests are taken one at a time: the count and the uniqueness below hold.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    if organisation is not None:
        if not Organisation.objects.filter(q_visible_organisations(actor), pk=organisation.pk).exists():
            raise InvalidInput(_("Questa organizzazione non è disponibile."), code="not_found")
        if existing := Membership.objects.filter(user=actor, organisation=organisation).select_related("organisation").first():
            raise _already(existing)
    pending = Membership.objects.filter(user=actor, status=S.PENDING).count()
    if pending >= MAX_PENDING_REQUESTS:
        message = _("Hai già %(count)d richieste in attesa di verifica: attendi la risposta dello staff prima di inviarne altre.")
        raise Conflict(message % {"count": pending}, code="too_many_pending")
    if proposal is not None:
        organisation = _organisation_propose(actor, proposal)
    membership = Membership(user=actor, organisation=organisation, role_title=role_title or "", status=S.PENDING)
    membership.full_clean(exclude=["user", "organisation"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # the same request, committed in between by another tab
        raise _already(Membership.objects.select_related("organisation").get(user=actor, organisation=organisation)) from None
    return membership


def _locked_pending(membership: Membership) -> Membership:
    locked = Membership.objects.select_for_update().select_related("organisation", "user").get(pk=membership.pk)
    if locked.status != S.PENDING:
        message = _("Questa richiesta è già stata esaminata: ora è «%(status)s».")
        raise Conflict(message % {"status": locked.get_status_display()}, code="already_decided")
    return locked


@transaction.atomic
def membership_verify(*, actor, membership: Membership) -> Membership:
    """Staff confirm that the person represents the organisation; a new organisation proposed with
    the request is verified with it (staff checked its public reference)."""
    check_perm(actor, "stakeholders.verify_membership")
    membership = _locked_pending(membership)
    membership.status = S.VERIFIED
    membership.verified_at = timezone.now()
    membership.verified_by = actor
    membership.refused_reason = ""
    membership.save(update_fields=["status", "verified_at", "verified_by", "refused_reason", "updated_at"])
    organisation = membership.organisation
    if not organisation.verified:
        organisation.verified = True
        organisation.save(update_fields=["verified", "updated_at"])
    transaction.on_commit(lambda: membership_decision_notify(membership.pk))
    return membership


@transaction.atomic
def membership_refuse(*, actor, membership: Membership, reason: str) -> Membership:
    """Staff refuse a request; the reason is shown to the person (profile, email, API)."""
    check_perm(actor, "stakeholders.verify_membership")
    membership = _locked_pending(membership)
    membership.status = S.REJECTED
    membership.verified_at = timezone.now()
    membership.verified_by = actor
    membership.refused_reason = reason or ""
    if not membership.refused_reason.strip():
        raise ValidationError({"reason": [_("Scrivi il motivo del rifiuto: la persona lo riceve per email.")]})
    try:
        membership.full_clean(exclude=["user", "organisation"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise ValidationError({"reason": error.message_dict.get("refused_reason", error.messages)}) from None
    membership.save(update_fields=["status", "verified_at", "verified_by", "refused_reason", "updated_at"])
    transaction.on_commit(lambda: membership_decision_notify(membership.pk))
    return membership

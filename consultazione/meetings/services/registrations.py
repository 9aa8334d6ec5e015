"""Registrations: capacity and waiting list, cancellation, promotion from the waiting list.

Every change that touches the seats of a meeting first locks the meeting row
(`select_for_update`), so concurrent registrations queue up; `Meeting.confirmed_count` is only
moved with F() expressions and a CheckConstraint keeps it within the capacity.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.accounts.selectors import user_is_verified
from consultazione.core.exceptions import Conflict, InvalidInput, PermissionDenied
from consultazione.core.permissions import check_perm

from ..emails import registration_email_send
from ..models import Meeting, Registration, RegistrationMode, RegistrationSource, RegistrationStatus
from ..tokens import registration_id_from_token


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    created: bool


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _send_on_commit(registration: Registration, kind: str) -> None:
    if registration.email:
        transaction.on_commit(lambda: registration_email_send.enqueue(registration.pk, kind))


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def registration_window_error(meeting: Meeting, *, now=None) -> str | None:
    """Why the public form is closed for this meeting, or None when it is open."""
    now = now or timezone.now()
    if meeting.cancelled_at is not None:
        return _("L'incontro è stato annullato: le iscrizioni sono chiuse.")
    if meeting.registration_mode == RegistrationMode.NONE:
        return _("Questo incontro non prevede iscrizione.")
    if meeting.registration_mode == RegistrationMode.CLOSED:
        return _("La partecipazione a questo incontro è su invito.")
    if meeting.registration_opens_at and now < meeting.registration_opens_at:
        return _("Le iscrizioni non sono ancora aperte.")
    if meeting.registration_closes_at and now >= meeting.registration_closes_at:
        return _("Le iscrizioni sono chiuse.")
    if now >= meeting.starts_at:
        return _("L'incontro è già iniziato o concluso.")
    return None


def _take_seat(meeting: Meeting) -> bool:
    """Give one seat if any is left (meeting already locked)."""
    if meeting.capacity is not None and meeting.confirmed_count >= meeting.capacity:
        return False
    Meeting.objects.filter(pk=meeting.pk).update(confirmed_count=F("confirmed_count") + 1)
    meeting.confirmed_count += 1
    return True


def _release_seat(meeting: Meeting) -> None:
    Meeting.objects.filter(pk=meeting.pk, confirmed_count__gt=0).update(confirmed_count=F("confirmed_count") - 1)
    meeting.confirmed_count = max(meeting.confirmed_count - 1, 0)


@transaction.atomic
def promote_waiting(meeting: Meeting) -> list[Registration]:
    """Confirm people from the waiting list, first come first served, while seats are left."""
    meeting = _locked(meeting)
    promoted = []
    if meeting.cancelled_at is not None:  # nobody is told "a seat is free" for a cancelled meeting
        return promoted
    waiting = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.WAITING).order_by("created_at", "id")
    for registration in waiting:
        if not _take_seat(meeting):
            break
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        _send_on_commit(registration, "promoted")
        promoted.append(registration)
    return promoted


@transaction.atomic
def registration_create(
    *,
    meeting: Meeting,
    first_name: str,
    last_name: str,
    email: str,
    consent: bool,
    organisation_name: str = "",
    organisation=None,
    category=None,
    comune=None,
    user=None,
    source: str = RegistrationSource.FORM,
    notify: bool = True,
    now=None,
) -> RegistrationResult:
    """Register a person: a seat if one is left, otherwise the waiting list — never a silent drop.

    The same email registered twice gives back the existing registration (created=False).
    `notify=False` sends no email (demo data); `now` is the moment used for the registration window.
    """
    email = normalise_email(email or (user.email if user is not None else ""))
    if source == RegistrationSource.FORM:
        if reason := registration_window_error(meeting, now=now):
            raise Conflict(reason)
        if not consent:
            raise InvalidInput(_("Per iscriverti devi acconsentire al trattamento dei dati."), code="consent")
        if not email:
            raise InvalidInput(_("Indica un indirizzo email."), code="email")
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    registration = Registration(
        meeting=meeting,
        user=user,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        organisation_name=organisation_name.strip(),
        organisation=organisation,
        category=category,
        comune=comune,
        consent=consent,
        source=source,
        status=RegistrationStatus.WAITING,
    )
    # Validate before taking the lock, so the lock is held only for the seat decision and the insert;
    # uniqueness is decided under the lock (and guaranteed by the database constraint).
    registration.full_clean(exclude=["checkin_code"], validate_unique=False, validate_constraints=False)
    registration.meeting = meeting = _locked(meeting)
    if meeting.cancelled_at is not None:  # cancelled while this request was on its way (the lock orders the two)
        raise Conflict(_("L'incontro è stato annullato: le iscrizioni sono chiuse."), code="cancelled")
    if email:
        existing = Registration.objects.filter(meeting=meeting, email=email).first()
        if existing is not None and existing.status != RegistrationStatus.CANCELLED:
            return RegistrationResult(existing, False)
        if existing is not None:
            existing.delete()  # registering again after cancelling: back at the end of the queue
    if _take_seat(meeting):
        registration.status = RegistrationStatus.CONFIRMED
    registration.save()
    if notify:
        _send_on_commit(registration, "confirmed" if registration.status == RegistrationStatus.CONFIRMED else "waiting")
    return RegistrationResult(registration, True)


def registration_belongs_to(registration: Registration, user) -> bool:
    """The account that registered, or the verified account with the email used in the form."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if registration.user_id is not None:
        return registration.user_id == user.pk
    return bool(registration.email) and registration.email == normalise_email(user.email) and user_is_verified(user)


def registration_from_token(token: str) -> Registration:
    found = registration_id_from_token(token)
    registration = None
    if found is not None:
        registration = Registration.objects.select_related("meeting").filter(pk=found[0], checkin_code=found[1]).first()
    if registration is None:
        raise InvalidInput(_("Il collegamento non è valido o l'iscrizione non esiste più."), code="bad_token")
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, actor=None, token: str | None = None) -> Registration:
    """Cancel by the person (logged in, or through the signed link of the email) or by staff.

    A confirmed seat goes to the first person of the waiting list.
    """
    if token is not None:
        if registration_from_token(token).pk != registration.pk:
            raise PermissionDenied(_("Il collegamento non corrisponde a questa iscrizione."))
    elif not (
        registration_belongs_to(registration, actor) or (actor is not None and actor.has_perm("meetings.view_registrations"))
    ):
        raise PermissionDenied(_("Puoi annullare solo le tue iscrizioni."))
    meeting = _locked(registration.meeting)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    if meeting.ends_at <= timezone.now():
        raise Conflict(_("L'incontro è concluso: l'iscrizione non si può più annullare."))
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    if was_confirmed:
        _release_seat(meeting)
        promote_waiting(meeting)
    _send_on_commit(registration, "cancelled")
    return registration


@transaction.atomic
def registration_confirm_from_waiting(*, actor, registration: Registration) -> Registration:
    """Staff confirm one person of the waiting list (only if a seat is left)."""
    check_perm(actor, "meetings.view_registrations", registration.meeting)
    meeting = _locked(registration.meeting)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.WAITING:
        raise Conflict(_("L'iscrizione non è in lista d'attesa."))
    if not _take_seat(meeting):
        raise Conflict(_("Non ci sono posti liberi: aumenta la capienza dell'incontro."))
    registration.status = RegistrationStatus.CONFIRMED
    registration.save(update_fields=["status", "updated_at"])
    _send_on_commit(registration, "promoted")
    return registration

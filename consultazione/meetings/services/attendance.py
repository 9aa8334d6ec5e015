"""Attendance: check-in at the door (list, code, walk-in) and online presence from the live session."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from consultazione.core.exceptions import Conflict, InvalidInput
from consultazione.core.permissions import check_perm
from consultazione.stakeholders.selectors import organisations_represented_by

from ..models import Attendance, AttendanceMethod, Meeting, Registration, RegistrationSource, RegistrationStatus
from .registrations import registration_create


def _existing(meeting: Meeting, registration: Registration | None, user) -> Attendance | None:
    condition = Q()
    if registration is not None:
        condition |= Q(registration=registration)
    if user is not None:
        condition |= Q(user=user)
    return Attendance.objects.filter(condition, meeting=meeting).first()


def _snapshot(registration: Registration | None, user) -> tuple:
    """(category, organisation) copied onto the attendance for the public counts."""
    if registration is not None and (registration.category_id or registration.organisation_id):
        organisation = registration.organisation
        return registration.category or (organisation.category if organisation else None), organisation
    if user is not None:
        organisation = organisations_represented_by(user).first()
        if organisation is not None:
            return organisation.category, organisation
    return None, None


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, user=None, registration: Registration | None = None, method: str, recorded_by=None
) -> Attendance:
    """Record that someone is present. Idempotent: a second call returns the first attendance.

    Called by the check-in views (after their permission check) and by the live app when a
    logged-in participant joins the session of an online meeting.
    """
    if method not in AttendanceMethod.values:
        raise InvalidInput(_("Modalità di registrazione della presenza sconosciuta."))
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if registration is None and user is None:
        raise InvalidInput(_("Indica la persona presente (iscrizione o account)."))
    if registration is not None:
        if registration.meeting_id != meeting.pk:
            raise InvalidInput(_("L'iscrizione è di un altro incontro."))
        if registration.status == RegistrationStatus.CANCELLED:
            raise Conflict(_("L'iscrizione è stata annullata."))
        user = user or registration.user
    elif user is not None:
        registration = (
            Registration.objects.filter(meeting=meeting, user=user).exclude(status=RegistrationStatus.CANCELLED).first()
        )
    if existing := _existing(meeting, registration, user):
        return existing
    category, organisation = _snapshot(registration, user)
    try:
        with transaction.atomic():
            return Attendance.objects.create(
                meeting=meeting,
                registration=registration,
                user=user,
                method=method,
                category=category,
                organisation=organisation,
                recorded_by=recorded_by,
            )
    except IntegrityError:
        # Checked in twice at the same moment (door and live join): keep the first.
        existing = _existing(meeting, registration, user)
        if existing is None:
            raise
        return existing


def attendance_check_in(*, actor, registration: Registration) -> Attendance:
    check_perm(actor, "meetings.check_in", registration.meeting)
    return attendance_record(
        meeting=registration.meeting, registration=registration, method=AttendanceMethod.LIST, recorded_by=actor
    )


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def attendance_check_in_code(*, actor, meeting: Meeting, code: str) -> Attendance:
    check_perm(actor, "meetings.check_in", meeting)
    registration = Registration.objects.filter(meeting=meeting, checkin_code=normalise_code(code)).first()
    if registration is None:
        raise InvalidInput(_("Nessuna iscrizione a questo incontro con il codice %(c)s.") % {"c": code}, code="unknown_code")
    return attendance_record(meeting=meeting, registration=registration, method=AttendanceMethod.CODE, recorded_by=actor)


@transaction.atomic
def attendance_walk_in(
    *, actor, meeting: Meeting, first_name: str, last_name: str, organisation_name: str = "", category=None
) -> Attendance:
    """Someone not registered arrives at the door: registered on the spot (if a seat is left) and checked in."""
    check_perm(actor, "meetings.check_in", meeting)
    result = registration_create(
        meeting=meeting,
        first_name=first_name,
        last_name=last_name,
        email="",
        consent=False,
        organisation_name=organisation_name,
        category=category,
        source=RegistrationSource.WALK_IN,
    )
    if result.registration.status != RegistrationStatus.CONFIRMED:
        raise Conflict(_("La capienza dell'incontro è esaurita: non è possibile registrare altri ingressi."))
    return attendance_record(
        meeting=meeting, registration=result.registration, method=AttendanceMethod.WALK_IN, recorded_by=actor
    )


@transaction.atomic
def attendance_remove(*, actor, attendance: Attendance) -> None:
    """Undo a check-in made by mistake."""
    check_perm(actor, "meetings.check_in", attendance.meeting)
    attendance.delete()

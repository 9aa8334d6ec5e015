"""Sessions, check-in codes and participants joining with the code."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.core.exceptions import Conflict, DomainError, InvalidInput, PermissionDenied
from consultazione.core.permissions import check_perm
from consultazione.meetings.models import AttendanceMethod, MeetingFormat
from consultazione.meetings.services.attendance import attendance_record

from .. import codes
from ..models import CheckInCode, JoinMode, LiveSession, Participant, Question, State
from ._changes import session_changed
from .controls import close_and_count

MAX_CHECKIN_CODES = 2000


@transaction.atomic
def session_create(*, user, title: str, join_mode: str = JoinMode.OPEN, meeting=None) -> LiveSession:
    check_perm(user, "live.add_livesession")
    session = LiveSession(title=(title or "").strip(), join_mode=join_mode, meeting=meeting, created_by=user)
    for _attempt in range(10):
        session.code = codes.random_code()
        if not LiveSession.objects.filter(code=session.code).exists():
            break
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def session_update(*, user, session: LiveSession, title: str, join_mode: str, meeting=None) -> LiveSession:
    check_perm(user, "live.run_livesession", session)
    session.title = (title or "").strip()
    session.join_mode = join_mode
    session.meeting = meeting
    session.full_clean()
    session.save(update_fields=["title", "join_mode", "meeting", "updated_at"])
    session_changed(session.pk)
    return session


@transaction.atomic
def session_delete(*, user, session: LiveSession) -> None:
    """Only a session whose questions have no answers (reset them first): results are never lost by accident."""
    check_perm(user, "live.run_livesession", session)
    questions = Question.objects.filter(session=session)
    answered = Q(state=State.OPEN) | Q(ballots__isnull=False) | Q(entries__isnull=False)
    if questions.filter(answered).exists():
        raise Conflict(
            _("Non si può eliminare una sessione con domande aperte o con risposte: prima azzerale."), code="has_answers"
        )
    LiveSession.objects.filter(pk=session.pk).update(current_question=None)
    session.delete()


@transaction.atomic
def session_end(*, user, session: LiveSession) -> LiveSession:
    """Close every open question (their results are counted and kept) and refuse new joins."""
    check_perm(user, "live.run_livesession", session)
    if session.is_ended:
        raise Conflict(_("La sessione è già conclusa."), code="ended")
    for question_id in Question.objects.filter(session=session, state=State.OPEN).values_list("id", flat=True):
        close_and_count(question_id)
    session.ended_at = timezone.now()
    session.save(update_fields=["ended_at", "updated_at"])
    session_changed(session.pk)
    return session


@transaction.atomic
def checkin_codes_generate(*, user, session: LiveSession, count: int) -> list[str]:
    """One-time codes to print on badges for a formal vote (session in `checkin` mode)."""
    check_perm(user, "live.run_livesession", session)
    if not 1 <= count <= MAX_CHECKIN_CODES:
        raise InvalidInput(_("Puoi generare da 1 a %(n)d codici alla volta.") % {"n": MAX_CHECKIN_CODES}, code="count")
    existing = set(CheckInCode.objects.filter(session=session).values_list("code", flat=True))
    fresh: set[str] = set()
    while len(fresh) < count:
        code = codes.random_code(codes.CHECKIN_CODE_LENGTH)
        if code not in existing:
            fresh.add(code)
    CheckInCode.objects.bulk_create([CheckInCode(session=session, code=code) for code in sorted(fresh)])
    return sorted(fresh)


@transaction.atomic
def participant_join(*, session: LiveSession, user=None, token=None, checkin_code: str = "") -> Participant:
    """Join with the code: the same phone (token) or the same account comes back as the same participant."""
    if session.is_ended:
        raise Conflict(_("Questa sessione è conclusa."), code="ended")
    if token is not None:
        known = Participant.objects.filter(session=session, token=token).first()
        if known is not None:
            return known
    person = user if getattr(user, "is_authenticated", False) and not user.is_blocked else None
    if session.join_mode == JoinMode.LOGIN and person is None:
        raise PermissionDenied(_("Per partecipare a questa sessione accedi con il tuo account."), code="login_required")
    if person is not None:
        known = Participant.objects.filter(session=session, user=person).first()
        if known is not None:
            return known
    badge = None
    if session.join_mode == JoinMode.CHECKIN:
        badge = CheckInCode.objects.select_for_update().filter(session=session, code=codes.normalise_code(checkin_code)).first()
        if badge is None:
            raise InvalidInput(_("Il codice di accreditamento non è valido."), code="bad_checkin")
        if badge.participant_id is not None:
            raise Conflict(_("Questo codice di accreditamento è già stato usato."), code="checkin_used")
    participant = Participant.objects.create(session=session, user=person)
    if badge is not None:
        badge.participant = participant
        badge.used_at = timezone.now()
        badge.save(update_fields=["participant", "used_at"])
    _record_online_attendance(session=session, person=person)
    return participant


def _record_online_attendance(*, session: LiveSession, person) -> None:
    """Joining the live session of an online or hybrid meeting with an account counts as attending it."""
    meeting = session.meeting
    if person is None or meeting is None or meeting.format == MeetingFormat.IN_PERSON:
        return
    try:
        with transaction.atomic():
            attendance_record(meeting=meeting, user=person, method=AttendanceMethod.LIVE)
    except DomainError:
        pass  # the poll does not depend on the attendance register (e.g. a cancelled registration)

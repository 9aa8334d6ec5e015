"""Open-text answers and audience questions (Q&A): submitted by participants, shown once approved."""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from consultazione.core.exceptions import Conflict, InvalidInput
from consultazione.core.names import NameKind, clean_name
from consultazione.core.permissions import check_perm

from ..models import Entry, EntryStatus, Upvote
from ._changes import participant_changed
from ._locks import question_for_answer

MAX_TEXT_LENGTH = 280


@dataclass(frozen=True)
class Submitted:
    status: str
    question_id: int
    entry_id: int
    duplicate: bool = False


def entry_submit(
    *, participant_id: int, session_id: int, question_id: int, text: str, client_id: uuid.UUID | None = None
) -> Submitted:
    """A participant's answer or question; it waits for the facilitator's approval."""
    try:
        return _submit(
            participant_id=participant_id, session_id=session_id, question_id=question_id, text=text, client_id=client_id
        )
    except IntegrityError:
        raise Conflict(_("Invio non registrato: riprova."), code="retry")


@transaction.atomic
def _submit(*, participant_id, session_id, question_id, text, client_id) -> Submitted:
    question = question_for_answer(question_id=question_id, session_id=session_id)
    if question.spec.uses_ballots:
        raise InvalidInput(_("A questa domanda si risponde scegliendo tra le opzioni."), code="wrong_kind")
    text, problems = clean_name(text, kind=NameKind.TEXT)
    if problems:
        raise InvalidInput(problems[0], code="invisible")
    if not text:
        raise InvalidInput(_("Scrivi un testo."), code="empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidInput(_("Al massimo %(n)d caratteri.") % {"n": MAX_TEXT_LENGTH}, code="too_long")
    mine = Entry.objects.filter(question_id=question_id, participant_id=participant_id)
    if client_id is not None:
        existing = mine.filter(client_id=client_id).values_list("id", flat=True).first()
        if existing is not None:
            return Submitted("accepted", question_id, existing, duplicate=True)
    if mine.count() >= question.max_choices:
        raise Conflict(_("Hai già inviato %(n)d testi per questa domanda.") % {"n": question.max_choices}, code="limit")
    entry = Entry.objects.create(question_id=question_id, participant_id=participant_id, text=text, client_id=client_id)
    return Submitted("accepted", question_id, entry.pk)


def entry_upvote(*, participant_id: int, session_id: int, entry_id: int) -> Submitted:
    """One upvote per participant on an approved audience question; repeating it changes nothing."""
    try:
        return _upvote(participant_id=participant_id, session_id=session_id, entry_id=entry_id)
    except IntegrityError:
        raise Conflict(_("Voto non registrato: riprova."), code="retry")


@transaction.atomic
def _upvote(*, participant_id, session_id, entry_id) -> Submitted:
    entry = Entry.objects.filter(pk=entry_id, question__session_id=session_id).values("question_id", "status").first()
    if entry is None:
        raise InvalidInput(_("Questa domanda del pubblico non esiste."), code="unknown_entry")
    question = question_for_answer(question_id=entry["question_id"], session_id=session_id)
    if not question.spec.upvotes or entry["status"] != EntryStatus.APPROVED:
        raise InvalidInput(_("Si possono sostenere solo le domande del pubblico approvate."), code="not_upvotable")
    if Upvote.objects.filter(entry_id=entry_id, participant_id=participant_id).exists():
        return Submitted("unchanged", question.pk, entry_id)
    Upvote.objects.create(entry_id=entry_id, participant_id=participant_id)
    Entry.objects.filter(pk=entry_id).update(upvote_count=F("upvote_count") + 1)
    return Submitted("accepted", question.pk, entry_id)


MODERATION_ACTIONS = {
    "approve": {"status": EntryStatus.APPROVED},
    "reject": {"status": EntryStatus.REJECTED, "pinned": False},
    "pin": {"pinned": True, "status": EntryStatus.APPROVED},
    "unpin": {"pinned": False},
    "answered": {"answered": True},
    "unanswered": {"answered": False},
}


@transaction.atomic
def entry_moderate(*, user, entry: Entry, action: str) -> Entry:
    """The facilitator approves, rejects, pins or marks as answered; the next tick shows it to the
    room, and the author's phone learns its text's new status at once (the `mine` frame)."""
    check_perm(user, "live.run_livesession", entry.question.session)
    if entry.question.session.is_ended:  # like every other command of an ended session (409)
        raise Conflict(_("La sessione è conclusa."), code="ended")
    changes = MODERATION_ACTIONS.get(action)
    if changes is None:
        raise InvalidInput(_("Azione di moderazione sconosciuta."), code="unknown_action")
    old_status = Entry.objects.filter(pk=entry.pk).values_list("status", flat=True).first()
    Entry.objects.filter(pk=entry.pk).update(**changes)
    entry.refresh_from_db()
    if entry.status != old_status:
        participant_changed(entry.participant_id, entry.question_id)
    return entry

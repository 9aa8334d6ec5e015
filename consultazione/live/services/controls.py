"""The presenter's controls: open, close (results counted from the ballots), reveal, reset, move on.

Each control changes a few rows and, after commit, pushes the new state once to every process.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.core.exceptions import Conflict, InvalidInput
from consultazione.core.permissions import check_perm

from .. import figures
from ..models import LiveSession, Option, Question, State
from ._changes import session_changed
from ._locks import question_for_update


def _check(user, session_id: int) -> LiveSession:
    session = LiveSession.objects.get(pk=session_id)
    check_perm(user, "live.run_livesession", session)
    if session.is_ended:
        raise Conflict(_("La sessione è conclusa."), code="ended")
    return session


@transaction.atomic
def question_open(*, user, question: Question) -> Question:
    """Open a draft question and put it on every screen."""
    _check(user, question.session_id)
    question = question_for_update(question.pk)
    if question.state != State.DRAFT:
        raise Conflict(_("Si può aprire solo una domanda in bozza."), code="not_draft")
    question.state = State.OPEN
    question.opened_at = timezone.now()
    question.save(update_fields=["state", "opened_at", "updated_at"])
    LiveSession.objects.filter(pk=question.session_id).update(current_question=question, show_join=False)
    session_changed(question.session_id)
    return question


@transaction.atomic
def question_close(*, user, question: Question) -> Question:
    """Stop the vote; no ballot lands after this (see _locks); the final counts come from the ballots."""
    _check(user, question.session_id)
    question = close_and_count(question.pk)
    session_changed(question.session_id)
    return question


def close_and_count(question_id: int) -> Question:
    """Inside the caller's transaction: lock the question, close it, recount and store the results."""
    question = question_for_update(question_id)
    if question.state != State.OPEN:
        raise Conflict(_("La domanda non è aperta."), code="not_open")
    question.state = State.CLOSED
    question.closed_at = timezone.now()
    counts = figures.recount(question)
    question.results = question.spec.figures(counts)
    changed = [Option(pk=option_id, count=count) for option_id, _label, count in counts.options]
    Option.objects.filter(question=question).exclude(pk__in=[option.pk for option in changed]).update(count=0)
    Option.objects.bulk_update(changed, ["count"], batch_size=500)
    question.save(update_fields=["state", "closed_at", "results", "updated_at"])
    return question


@transaction.atomic
def question_reveal(*, user, question: Question, revealed: bool = True) -> Question:
    """Show (or hide again) results kept hidden until revealed: one pushed snapshot, no fetch storm."""
    _check(user, question.session_id)
    if not question.revealable:
        raise InvalidInput(_("I risultati di questa domanda non sono nascosti fino alla rivelazione."), code="not_hidden")
    Question.objects.filter(pk=question.pk).update(revealed=revealed, updated_at=timezone.now())
    question.revealed = revealed
    session_changed(question.session_id)
    return question


@transaction.atomic
def question_reset(*, user, question: Question) -> Question:
    """Throw away every answer and go back to draft (the presenter confirms first)."""
    _check(user, question.session_id)
    question = question_for_update(question.pk)
    question.ballots.all().delete()
    question.entries.all().delete()
    question.options.exclude(word="").delete()
    question.options.update(count=0)
    question.state = State.DRAFT
    question.revealed = False
    question.round += 1
    question.opened_at = question.closed_at = None
    question.results = {}
    question.save(update_fields=["state", "revealed", "round", "opened_at", "closed_at", "results", "updated_at"])
    session_changed(question.session_id)
    return question


@transaction.atomic
def session_show(*, user, session: LiveSession, question: Question | None = None, join: bool = False) -> LiveSession:
    """Choose what the screens show: a question (in any state) or the join screen."""
    _check(user, session.pk)
    if question is not None and question.session_id != session.pk:
        raise InvalidInput(_("La domanda non fa parte di questa sessione."), code="unknown_question")
    changes = {"show_join": join}
    if question is not None:
        changes["current_question"] = question
    LiveSession.objects.filter(pk=session.pk).update(**changes, updated_at=timezone.now())
    session.refresh_from_db()
    session_changed(session.pk)
    return session


@transaction.atomic
def session_next(*, user, session: LiveSession, keep_open: bool = False) -> Question:
    """Move to the question after the current one: close what is still open (its results are
    counted and kept), then open the next one if it is still a draft. With `keep_open` the
    question on screen stays open (the facilitator's explicit choice); any other stays closed."""
    session = _check(user, session.pk)
    position = session.current_question.position if session.current_question_id else 0
    following = session.questions.filter(position__gt=position).order_by("position").first()
    if following is None:
        raise Conflict(_("Questa è l'ultima domanda: non ce n'è un'altra. Puoi concludere la sessione."), code="last_question")
    still_open = session.questions.filter(state=State.OPEN).exclude(pk=following.pk)
    if keep_open and session.current_question_id:
        still_open = still_open.exclude(pk=session.current_question_id)
    for question_id in still_open.values_list("pk", flat=True):
        close_and_count(question_id)
    if following.state == State.DRAFT:
        return question_open(user=user, question=following)
    LiveSession.objects.filter(pk=session.pk).update(current_question=following, show_join=False, updated_at=timezone.now())
    session_changed(session.pk)
    return following


@transaction.atomic
def session_previous(*, user, session: LiveSession) -> Question:
    """Put the question before the current one back on the screens, as it is (its state does not
    change: a closed question shows its kept results, an open one still takes answers)."""
    session = _check(user, session.pk)
    if not session.current_question_id:
        raise Conflict(_("Nessuna domanda sullo schermo: non c'è una domanda precedente."), code="first_question")
    earlier = session.questions.filter(position__lt=session.current_question.position).order_by("-position").first()
    if earlier is None:
        raise Conflict(_("Questa è la prima domanda: non ce n'è una precedente."), code="first_question")
    LiveSession.objects.filter(pk=session.pk).update(current_question=earlier, show_join=False, updated_at=timezone.now())
    session_changed(session.pk)
    return earlier

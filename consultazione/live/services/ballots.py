"""Casting ballots: many at once in one transaction (group commit), each judged on its own.

A vote costs the database no more than its share of one transaction: the question is read once
with the lock that keeps a close out (see _locks), the voters' ballots are read once, new ballots
are inserted and changed ones updated in one statement each, and every touched option counter
moves in a single UPDATE. One commit (one fsync) serves the whole batch, so the hot counter rows
are locked once per batch instead of once per vote.

A refused vote (closed question, foreign option, too many choices, already voted…) is returned as
the domain error for that vote and stores nothing; the others in the batch go through. A retried
message with the same `client_vote_id` returns the same answer instead of counting twice.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.utils.translation import gettext as _

from consultazione.core.exceptions import Conflict, DomainError, InvalidInput
from consultazione.core.input import has_bad_characters, is_id

from .. import words as wordlib
from ..kinds import WORDS
from ..models import Ballot, Option, Question
from ._locks import question_for_answer

ACCEPTED = "accepted"
UNCHANGED = "unchanged"
MAX_BATCH = 500
MAX_CHOICES = 100


@dataclass(frozen=True)
class BallotRequest:
    participant_id: int
    session_id: int
    question_id: int
    choices: list[int] | None = None
    words: list[str] | None = None
    client_vote_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Cast:
    status: str
    question_id: int
    choices: list[int]
    duplicate: bool = False


def ballot_cast(**request) -> Cast:
    """One participant's answer (or change of answer) to an open question of their session."""
    result = ballots_cast([BallotRequest(**request)])[0]
    if isinstance(result, DomainError):
        raise result
    return result


def ballots_cast(requests: list[BallotRequest]) -> list[Cast | DomainError]:
    """Cast a batch; the i-th result is the Cast or the refusal of the i-th request.

    A malformed request (an id that is no 64-bit id, choices that are not ids, words with a NUL
    byte…) is refused here, before the batch's transaction: it must never fail the others."""
    refusals = {index: refusal for index, request in enumerate(requests) if (refusal := _malformed(request))}
    if not refusals:
        return _cast_checked(requests)
    valid = [request for index, request in enumerate(requests) if index not in refusals]
    cast = iter(_cast_checked(valid) if valid else [])
    return [refusals[index] if index in refusals else next(cast) for index in range(len(requests))]


def _malformed(request: BallotRequest) -> DomainError | None:
    well_formed = (
        all(is_id(value) for value in (request.participant_id, request.session_id, request.question_id))
        and _is_list_of(request.choices, is_id)
        and _is_list_of(request.words, _is_word)
        and (request.client_vote_id is None or isinstance(request.client_vote_id, uuid.UUID))
    )
    return None if well_formed else InvalidInput(_("Questo voto non è valido."), code="invalid")


def _is_list_of(value, item_ok) -> bool:
    return value is None or (isinstance(value, list) and len(value) <= MAX_CHOICES and all(map(item_ok, value)))


def _is_word(word) -> bool:
    return isinstance(word, str) and not has_bad_characters(word)


def _cast_checked(requests: list[BallotRequest]) -> list[Cast | DomainError]:
    try:
        return _cast_batch(requests)
    except IntegrityError:
        # Another process inserted a ballot of one of these voters meanwhile: judge them one by one.
        if len(requests) == 1:
            return [Conflict(_("Voto non registrato: riprova."), code="retry")]
        return [_cast_checked([request])[0] for request in requests]


@transaction.atomic
def _cast_batch(requests: list[BallotRequest]) -> list[Cast | DomainError]:
    questions = _open_questions(requests)
    pairs = {(r.question_id, r.participant_id) for r in requests if isinstance(questions[r.question_id], Question)}
    current = _current_ballots(pairs)
    options = _option_ids({qid for qid, question in questions.items() if isinstance(question, Question)})
    words = _word_choices(requests, questions)
    results: list[Cast | DomainError] = []
    delta: dict[int, int] = defaultdict(int)
    written: dict[tuple[int, int], Ballot] = {}
    for index, request in enumerate(requests):
        question = questions[request.question_id]
        try:
            if isinstance(question, DomainError):
                raise question
            key = (request.question_id, request.participant_id)
            ballot = current.get(key)
            cast = _judge(request, question, ballot, options[question.pk], words.get(index))
        except DomainError as refusal:
            results.append(refusal)
            continue
        results.append(cast)
        if cast.status != ACCEPTED or cast.duplicate:
            continue
        for option_id, value in question.spec.points(ballot.choices if ballot else []).items():
            delta[option_id] -= value
        for option_id, value in question.spec.points(cast.choices).items():
            delta[option_id] += value
        if ballot is None:
            ballot = current[key] = Ballot(question_id=request.question_id, participant_id=request.participant_id)
        ballot.choices, ballot.client_vote_id = cast.choices, request.client_vote_id
        written[key] = ballot
    _write(written.values(), delta)
    return results


def _open_questions(requests) -> dict[int, Question | DomainError]:
    found: dict[int, Question | DomainError] = {}
    for request in requests:
        if request.question_id in found:
            continue
        try:
            question = question_for_answer(question_id=request.question_id, session_id=request.session_id)
            if not question.spec.uses_ballots:
                raise InvalidInput(_("A questa domanda si risponde con un testo."), code="wrong_kind")
            found[request.question_id] = question
        except DomainError as refusal:
            found[request.question_id] = refusal
    return found


def _current_ballots(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], Ballot]:
    if not pairs:
        return {}
    questions, participants = {q for q, _p in pairs}, {p for _q, p in pairs}
    rows = (
        Ballot.objects.select_for_update()
        .filter(question_id__in=questions, participant_id__in=participants)
        .only("id", "question_id", "participant_id", "choices", "client_vote_id")
    )
    return {(b.question_id, b.participant_id): b for b in rows if (b.question_id, b.participant_id) in pairs}


def _option_ids(question_ids: set[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    rows = (
        Option.objects.filter(question_id__in=question_ids, word="").order_by("position", "id").values_list("question_id", "id")
    )
    for question_id, option_id in rows:
        found[question_id].append(option_id)
    return found


def _judge(request, question: Question, ballot: Ballot | None, option_ids: list[int], words) -> Cast:
    cvid = request.client_vote_id
    if ballot is not None and cvid is not None and ballot.client_vote_id == cvid:
        return Cast(ACCEPTED, question.pk, ballot.choices, duplicate=True)
    if ballot is not None and not question.changeable:
        raise Conflict(_("Hai già risposto a questa domanda: la risposta non si può cambiare."), code="already_voted")
    if isinstance(words, DomainError):
        raise words
    if question.spec.options == WORDS:
        choices = words
    else:
        choices = question.spec.check_choices(choices=request.choices, option_ids=option_ids, max_choices=question.max_choices)
    if ballot is not None and ballot.choices == choices:
        return Cast(UNCHANGED, question.pk, choices)
    return Cast(ACCEPTED, question.pk, choices)


def _normalised_words(raw_words: list[str] | None, limit: int) -> list[str]:
    found = []
    for raw in raw_words or []:
        word = wordlib.normalise(raw)
        if not word:
            raise InvalidInput(
                _("Scrivi parole brevi (da %(min)d a %(max)d caratteri), senza simboli.")
                % {"min": wordlib.MIN_LENGTH, "max": wordlib.MAX_LENGTH},
                code="invalid_word",
            )
        if wordlib.is_profane(word):
            raise InvalidInput(_("Questa parola non è ammessa."), code="profanity")
        if word not in found:
            found.append(word)
    if not found:
        raise InvalidInput(_("Scrivi almeno una parola."), code="empty")
    if len(found) > limit:
        raise InvalidInput(_("Puoi inviare al massimo %(n)d parole.") % {"n": limit}, code="too_many_choices")
    return found


def _word_choices(requests, questions) -> dict[int, list[int] | DomainError]:
    """Word-cloud answers → option ids (one option per normalised word, created on first use)."""
    wanted: dict[int, list[str] | DomainError] = {}
    for index, request in enumerate(requests):
        question = questions[request.question_id]
        if isinstance(question, Question) and question.spec.options == WORDS:
            try:
                wanted[index] = _normalised_words(request.words, question.max_choices)
            except DomainError as refusal:
                wanted[index] = refusal
    by_question: dict[int, set[str]] = defaultdict(set)
    for index, found in wanted.items():
        if not isinstance(found, DomainError):
            by_question[requests[index].question_id].update(found)
    if not by_question:
        return wanted
    Option.objects.bulk_create(
        [Option(question_id=qid, label=word, word=word) for qid, found in by_question.items() for word in sorted(found)],
        ignore_conflicts=True,
    )
    ids = {
        (qid, word): pk
        for qid, word, pk in Option.objects.filter(question_id__in=by_question)
        .exclude(word="")
        .values_list("question_id", "word", "id")
    }
    return {
        index: found if isinstance(found, DomainError) else [ids[(requests[index].question_id, word)] for word in found]
        for index, found in wanted.items()
    }


def _write(ballots, delta: dict[int, int]) -> None:
    """New ballots: a plain INSERT (a concurrent insert of the same voter fails the batch, see
    ballots_cast). Changed ballots are locked (select_for_update): one INSERT … ON CONFLICT DO
    UPDATE rewrites them all, far cheaper than bulk_update's CASE per row and field."""
    new = [ballot for ballot in ballots if ballot.pk is None]
    changed = [
        Ballot(question_id=b.question_id, participant_id=b.participant_id, choices=b.choices, client_vote_id=b.client_vote_id)
        for b in ballots
        if b.pk is not None
    ]
    if new:
        Ballot.objects.bulk_create(new)
    if changed:
        Ballot.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["question", "participant"],
            update_fields=["choices", "client_vote_id", "updated_at"],
        )
    moves = {option_id: change for option_id, change in delta.items() if change}
    if moves:
        change = Case(*(When(pk=option_id, then=Value(d)) for option_id, d in moves.items()), output_field=IntegerField())
        Option.objects.filter(pk__in=list(moves)).update(count=F("count") + change)

"""Casting a ballot: one O(1) transaction (lock-read the question, upsert the ballot, move the counters).

Called the same way by the WebSocket consumer and the HTTP fallback; a retried message with
the same `client_vote_id` returns the same answer instead of counting twice.
"""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.core.exceptions import Conflict, InvalidInput

from .. import words as wordlib
from ..models import BALLOT_KINDS, Ballot, Kind, Option, Question
from ..scoring import points
from ._locks import question_for_answer

ACCEPTED = "accepted"
UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Cast:
    status: str
    question_id: int
    choices: list[int]
    duplicate: bool = False


def ballot_cast(
    *,
    participant_id: int,
    session_id: int,
    question_id: int,
    choices: list[int] | None = None,
    words: list[str] | None = None,
    client_vote_id: uuid.UUID | None = None,
) -> Cast:
    """Record (or change) a participant's answer to an open question of their session."""
    try:
        return _cast(
            participant_id=participant_id,
            session_id=session_id,
            question_id=question_id,
            choices=choices,
            words=words,
            client_vote_id=client_vote_id,
        )
    except IntegrityError:
        # The same participant voted on this question from two sockets at the same instant.
        raise Conflict(_("Voto non registrato: riprova."), code="retry")


@transaction.atomic
def _cast(*, participant_id, session_id, question_id, choices, words, client_vote_id) -> Cast:
    question = question_for_answer(question_id=question_id, session_id=session_id)
    if question.kind not in BALLOT_KINDS:
        raise InvalidInput(_("A questa domanda si risponde con un testo."), code="wrong_kind")
    ballot = (
        Ballot.objects.filter(question_id=question_id, participant_id=participant_id)
        .only("id", "choices", "client_vote_id")
        .first()
    )
    if ballot is not None and client_vote_id is not None and ballot.client_vote_id == client_vote_id:
        return Cast(ACCEPTED, question_id, ballot.choices, duplicate=True)
    if ballot is not None and not question.changeable:
        raise Conflict(_("Hai già risposto a questa domanda: la risposta non si può cambiare."), code="already_voted")

    is_words = question.kind == Kind.WORDCLOUD
    new_choices = _word_options(question, words) if is_words else _checked_choices(question, choices)
    if ballot is not None and ballot.choices == new_choices:
        return Cast(UNCHANGED, question_id, new_choices)

    delta = points(question.kind, new_choices)
    for option_id, old in points(question.kind, ballot.choices if ballot else []).items():
        delta[option_id] = delta.get(option_id, 0) - old
    _move_counters(question_id, delta)
    if ballot is None:
        Ballot.objects.create(
            question_id=question_id, participant_id=participant_id, choices=new_choices, client_vote_id=client_vote_id
        )
    else:
        Ballot.objects.filter(pk=ballot.pk).update(choices=new_choices, client_vote_id=client_vote_id, updated_at=timezone.now())
    return Cast(ACCEPTED, question_id, new_choices)


def _checked_choices(question: Question, choices: list[int] | None) -> list[int]:
    choices = list(choices or [])
    if not choices:
        raise InvalidInput(_("Scegli almeno un'opzione."), code="empty")
    if len(set(choices)) != len(choices):
        raise InvalidInput(_("Hai scelto due volte la stessa opzione."), code="duplicate_choice")
    if question.kind == Kind.RANKING:
        if len(choices) != Option.objects.filter(question_id=question.pk).count():
            raise InvalidInput(_("Metti in ordine tutte le opzioni."), code="incomplete_ranking")
    elif len(choices) > question.max_choices:
        raise InvalidInput(_("Puoi scegliere al massimo %(n)d opzioni.") % {"n": question.max_choices}, code="too_many_choices")
    return choices


def _word_options(question: Question, raw_words: list[str] | None) -> list[int]:
    words = []
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
        if word not in words:
            words.append(word)
    if not words:
        raise InvalidInput(_("Scrivi almeno una parola."), code="empty")
    if len(words) > question.max_choices:
        raise InvalidInput(_("Puoi inviare al massimo %(n)d parole.") % {"n": question.max_choices}, code="too_many_choices")
    Option.objects.bulk_create([Option(question_id=question.pk, label=word, word=word) for word in words], ignore_conflicts=True)
    ids = dict(Option.objects.filter(question_id=question.pk, word__in=words).values_list("word", "id"))
    return [ids[word] for word in words]


def _move_counters(question_id: int, delta: dict[int, int]) -> None:
    """One UPDATE for every option touched; an option of another question makes the vote fail."""
    delta = {option_id: change for option_id, change in delta.items() if change}
    if not delta:
        return
    change = Case(*(When(pk=option_id, then=Value(d)) for option_id, d in delta.items()), output_field=IntegerField())
    updated = Option.objects.filter(question_id=question_id, pk__in=list(delta)).update(count=F("count") + change)
    if updated != len(delta):
        raise InvalidInput(_("Una delle opzioni scelte non appartiene a questa domanda."), code="unknown_option")

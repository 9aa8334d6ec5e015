"""Preparing questions: by hand, or from the top contributions, an axis's strategies, a priority exercise."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from consultazione.contributions.models import Contribution
from consultazione.core.exceptions import Conflict, InvalidInput
from consultazione.core.permissions import check_perm
from consultazione.plan.models import Strategy

from ..kinds import GENERATED, MAX_CHOICES, PRESET, QUORUM, SCALE, kind_of
from ..models import LiveSession, Option, PhoneVisibility, Question, State, Visibility
from ._changes import session_changed

MIN_OPTIONS = 2
MAX_OPTIONS = 20  # the most any kind allows (each kind's own limit: kinds.py max_options)
LABEL_LENGTH = Option._meta.get_field("label").max_length


@dataclass(frozen=True)
class OptionSpec:
    label: str
    contribution_id: int | None = None
    strategy_id: int | None = None
    reference: str = ""  # the contribution's reference or the strategy's code: shown, never stored


@dataclass(frozen=True)
class QuestionSpec:
    kind: str
    text: str
    options: tuple[OptionSpec, ...] = ()
    max_choices: int = 1
    scale_max: int | None = None
    scale_min_label: str = ""
    scale_max_label: str = ""
    visibility: str = Visibility.LIVE  # the projector
    phone_visibility: str = PhoneVisibility.AFTER_ANSWER
    changeable: bool = True
    quorum: int | None = None


def normalised_label(label: str) -> str:
    return " ".join(label.split())


def shortened_label(label: str) -> str:
    """The label as stored: spaces collapsed, cut to the field's length with an ellipsis."""
    label = normalised_label(label)
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1] + "…"


def _checked_options(spec: QuestionSpec) -> list[OptionSpec]:
    kind = kind_of(spec.kind)
    if kind.options == GENERATED:
        return [OptionSpec(label=label) for label in kind.generate(spec)]
    if kind.options != PRESET:
        return []
    options = [OptionSpec(shortened_label(o.label), o.contribution_id, o.strategy_id) for o in spec.options if o.label.strip()]
    limit = kind.max_options
    if not MIN_OPTIONS <= len(options) <= limit:
        raise InvalidInput(_("Servono da %(min)d a %(n)d opzioni.") % {"min": MIN_OPTIONS, "n": limit}, code="options")
    seen: set[str] = set()
    for option in options:
        if option.label.casefold() in seen:
            raise InvalidInput(
                _("Due opzioni hanno lo stesso testo: «%(label)s». Rinominane una o eliminala.") % {"label": option.label},
                code="duplicate_options",
            )
        seen.add(option.label.casefold())
    if kind.uses(MAX_CHOICES) and spec.max_choices > len(options):
        raise InvalidInput(_("Le scelte massime superano il numero di opzioni."), code="max_choices")
    _check_links(options)
    return options


def _check_links(options: list[OptionSpec]) -> None:
    """An option may point at a public contribution or an existing strategy, nothing else: the
    projector must never show a hidden contribution through a link sent by a form or the API."""
    contributions = {o.contribution_id for o in options if o.contribution_id is not None}
    strategies = {o.strategy_id for o in options if o.strategy_id is not None}
    public = Contribution.objects.readable_by_anyone().filter(pk__in=contributions).count() if contributions else 0
    if public != len(contributions) or Strategy.objects.filter(pk__in=strategies).count() != len(strategies):
        raise InvalidInput(_("Un'opzione rimanda a un contributo non pubblico o a una strategia che non esiste."), code="link")


def _fill(question: Question, spec: QuestionSpec) -> list[OptionSpec]:
    """The question's fields from the spec: only those its kind uses (kinds.py), the others cleared."""
    kind = kind_of(spec.kind)
    question.kind = spec.kind
    question.text = " ".join(spec.text.split())
    question.max_choices = spec.max_choices if kind.uses(MAX_CHOICES) else 1
    question.scale_max = spec.scale_max if kind.uses(SCALE) else None
    question.scale_min_label = spec.scale_min_label.strip() if kind.uses(SCALE) else ""
    question.scale_max_label = spec.scale_max_label.strip() if kind.uses(SCALE) else ""
    question.quorum = spec.quorum if kind.uses(QUORUM) else None
    question.visibility = spec.visibility
    question.phone_visibility = spec.phone_visibility
    question.changeable = spec.changeable
    question.full_clean(exclude=["session", "position"])
    return _checked_options(spec)


def _save_options(question: Question, options: list[OptionSpec]) -> None:
    Option.objects.bulk_create(
        Option(question=question, position=index, label=o.label, contribution_id=o.contribution_id, strategy_id=o.strategy_id)
        for index, o in enumerate(options, start=1)
    )


@transaction.atomic
def question_create(*, user, session: LiveSession, spec: QuestionSpec) -> Question:
    check_perm(user, "live.run_livesession", session)
    LiveSession.objects.select_for_update().filter(pk=session.pk).first()  # serialise positions
    last = session.questions.aggregate(last=Max("position"))["last"] or 0
    question = Question(session=session, position=last + 1)
    options = _fill(question, spec)
    question.save()
    _save_options(question, options)
    return question


@transaction.atomic
def question_update(*, user, question: Question, spec: QuestionSpec) -> Question:
    """Only a draft question without answers can change (a reset brings a question back to draft)."""
    check_perm(user, "live.run_livesession", question.session)
    if question.state != State.DRAFT:
        raise Conflict(_("Si può modificare solo una domanda in bozza."), code="not_draft")
    options = _fill(question, spec)
    question.save()
    question.options.all().delete()
    _save_options(question, options)
    session_changed(question.session_id)
    return question


@transaction.atomic
def question_delete(*, user, question: Question) -> None:
    check_perm(user, "live.run_livesession", question.session)
    if question.state == State.OPEN or question.ballots.exists() or question.entries.exists():
        raise Conflict(_("Non si può eliminare una domanda aperta o con risposte: prima azzerala."), code="has_answers")
    session_id = question.session_id
    question.delete()
    session_changed(session_id)


@transaction.atomic
def question_move(*, user, question: Question, offset: int) -> Question:
    """Swap with the previous (-1) or the next (+1) question."""
    check_perm(user, "live.run_livesession", question.session)
    siblings = question.session.questions.select_for_update()
    neighbour = (
        siblings.filter(position__lt=question.position).order_by("-position").first()
        if offset < 0
        else siblings.filter(position__gt=question.position).order_by("position").first()
    )
    if neighbour is None:
        return question
    mine, theirs = question.position, neighbour.position
    Question.objects.filter(pk=question.pk).update(position=0)
    Question.objects.filter(pk=neighbour.pk).update(position=mine)
    Question.objects.filter(pk=question.pk).update(position=theirs)
    question.position = theirs
    return question


@transaction.atomic
def questions_reorder(*, user, session: LiveSession, question_ids: list[int]) -> list[Question]:
    """Put the session's questions in the given order: the list must name each of them once."""
    check_perm(user, "live.run_livesession", session)
    LiveSession.objects.select_for_update().filter(pk=session.pk).first()  # serialise positions
    questions = {question.pk: question for question in session.questions.all()}
    if len(question_ids) != len(set(question_ids)) or set(question_ids) != set(questions):
        raise Conflict(
            _("L'ordine deve elencare una volta ciascuna domanda di questa sessione, e nessun'altra."), code="order_mismatch"
        )
    top = max((question.position for question in questions.values()), default=0)
    for index, pk in enumerate(question_ids, start=1):  # out of the way first: (session, position) is unique
        Question.objects.filter(pk=pk).update(position=top + index)
    for index, pk in enumerate(question_ids, start=1):
        Question.objects.filter(pk=pk).update(position=index)
        questions[pk].position = index
    session_changed(session.pk)
    return [questions[pk] for pk in question_ids]

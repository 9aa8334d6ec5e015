"""Preparing questions: by hand, or from the top contributions, an axis's strategies, a priority exercise."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from consultazione.contributions.models import Contribution
from consultazione.core.exceptions import Conflict, InvalidInput
from consultazione.core.permissions import check_perm
from consultazione.plan.models import Strategy
from consultazione.voting.selectors import exercise_ranking

from ..kinds import GENERATED, MAX_CHOICES, PRESET, QUORUM, SCALE, kind_of
from ..models import LiveSession, Option, PhoneVisibility, Question, State, Visibility
from ._changes import session_changed

MAX_OPTIONS = 20  # the most any kind allows (each kind's own limit: kinds.py max_options)
LABEL_LENGTH = Option._meta.get_field("label").max_length


@dataclass(frozen=True)
class OptionSpec:
    label: str
    contribution_id: int | None = None
    strategy_id: int | None = None


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


def _shorten(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1] + "…"


def _checked_options(spec: QuestionSpec) -> list[OptionSpec]:
    kind = kind_of(spec.kind)
    if kind.options == GENERATED:
        return [OptionSpec(label=label) for label in kind.generate(spec)]
    if kind.options != PRESET:
        return []
    options = [OptionSpec(_shorten(o.label), o.contribution_id, o.strategy_id) for o in spec.options if o.label.strip()]
    limit = kind.max_options
    if not 2 <= len(options) <= limit:
        raise InvalidInput(_("Servono da 2 a %(n)d opzioni.") % {"n": limit}, code="options")
    if len({o.label.casefold() for o in options}) != len(options):
        raise InvalidInput(_("Due opzioni hanno lo stesso testo."), code="options")
    if kind.uses(MAX_CHOICES) and spec.max_choices > len(options):
        raise InvalidInput(_("Le scelte massime superano il numero di opzioni."), code="max_choices")
    return options


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


# --- options from the consultation ------------------------------------------------------------


def options_from_contributions(*, limit: int, axis=None) -> tuple[OptionSpec, ...]:
    """The most supported public contributions (optionally of one axis)."""
    contributions = Contribution.objects.public()
    if axis is not None:
        contributions = contributions.for_axis(axis)
    top = contributions.order_by("-support_count", "-published_at").values("id", "title", "reference")[:limit]
    return tuple(OptionSpec(label=row["title"], contribution_id=row["id"]) for row in top)


def options_from_axis(axis) -> tuple[OptionSpec, ...]:
    strategies = Strategy.objects.filter(axis=axis).order_by("code").values("id", "code", "title")
    return tuple(OptionSpec(label=f"{row['code']} {row['title']}", strategy_id=row["id"]) for row in strategies)


def options_from_exercise(exercise, *, limit: int) -> tuple[OptionSpec, ...]:
    """The current ranking of a priority exercise (voting app), best first."""
    return tuple(
        OptionSpec(label=item.label, strategy_id=item.strategy_id, contribution_id=item.contribution_id)
        for item in exercise_ranking(exercise)[:limit]
    )

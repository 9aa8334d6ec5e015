"""A live poll on a proposed change, so the steering committee votes on it in its meeting."""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from consultazione.core.exceptions import InvalidInput
from consultazione.core.permissions import check_perm
from consultazione.live.kinds import QuestionKind
from consultazione.live.models import LiveSession, Question, Visibility
from consultazione.live.services.questions import OptionSpec, QuestionSpec, question_create
from consultazione.live.services.sessions import session_create

from ..models import ActionUpdate, UpdateKind

QUESTION_LENGTH = Question._meta.get_field("text").max_length


def proposal_question_text(update: ActionUpdate) -> str:
    prefix = _("Approvate la proposta sull'azione %(code)s: «") % {"code": update.tracking.action.code}
    title = Truncator(update.title).chars(QUESTION_LENGTH - len(prefix) - 2)
    return f"{prefix}{title}»?"


@transaction.atomic
def proposal_poll_create(*, user, update: ActionUpdate, session: LiveSession | None = None) -> Question:
    """A single-choice question (favorevole / contrario / astenuto, results shown on reveal) in
    `session`, or in a new live session of the steering committee when none is given."""
    check_perm(user, "monitoring.view_steering", update)
    if update.kind != UpdateKind.PROPOSAL:
        raise InvalidInput(_("Si mette ai voti solo una proposta di modifica."), code="not_a_proposal")
    if session is None:
        title = _("Cabina di regia · %(date)s") % {"date": date_format(timezone.localdate(), "j F Y")}
        session = session_create(user=user, title=title)
    spec = QuestionSpec(
        kind=QuestionKind.SINGLE,
        text=proposal_question_text(update),
        options=(OptionSpec(_("Favorevole")), OptionSpec(_("Contrario")), OptionSpec(_("Astenuto"))),
        visibility=Visibility.ON_REVEAL,
    )
    return question_create(user=user, session=session, spec=spec)

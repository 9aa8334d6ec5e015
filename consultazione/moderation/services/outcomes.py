"""The official outcome (esito) of contributions, one at a time or as a thematic response."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultazione.contributions.models import Contribution, Outcome, Status
from consultazione.contributions.pagecache import pages_changed
from consultazione.core import pagecache
from consultazione.core.exceptions import InvalidInput
from consultazione.core.permissions import check_perm
from consultazione.notifications.services import outcome_recorded

from ..models import Decision, OutcomeRecord, ThematicResponse
from ..notifications import decision_notify
from ._common import lock_contributions

A = Decision.Action
ANSWERABLE = frozenset({Status.PUBLISHED, Status.HIDDEN})
MOTIVATION_MAX = 5000
NOT_ALLOWED = gettext_lazy("Solo lo staff dell'ente registra gli esiti.")


def _plan_links_checked(*, outcome: str, strategy, action) -> tuple:
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Scegli un esito dall'elenco.")]
    if action is not None and strategy is None:
        strategy = action.strategy
    if action is not None and action.strategy_id != strategy.pk:
        errors["action"] = [_("L'azione scelta non appartiene alla strategia indicata.")]
    if errors:
        raise ValidationError(errors)
    return strategy, action


def _record(*, actor, contribution: Contribution, outcome: str, motivation: str, strategy, action, thematic_response) -> Decision:
    """Write (or replace) the outcome of a locked contribution, mirror it and audit the change."""
    if contribution.status not in ANSWERABLE:
        raise InvalidInput(
            _("Il contributo %(ref)s è «%(state)s»: l'esito si registra sui contributi pubblicati o oscurati.")
            % {"ref": contribution.reference or contribution.pk, "state": contribution.get_status_display()},
            code="not_answerable",
        )
    now = timezone.now()
    previous = contribution.outcome
    record = OutcomeRecord.objects.filter(contribution=contribution).first() or OutcomeRecord(contribution=contribution)
    record.outcome = outcome
    record.motivation = motivation
    record.strategy = strategy
    record.action = action
    record.thematic_response = thematic_response
    record.recorded_by = actor
    record.recorded_at = now
    record.full_clean()
    record.save()
    Contribution.objects.filter(pk=contribution.pk).update(outcome=outcome, outcome_at=now)
    pages_changed(contribution, extra=(pagecache.MONITORING, pagecache.REPORTS))
    decision = Decision(
        actor=actor,
        action=A.OUTCOME,
        contribution=contribution,
        from_state=previous,
        to_state=outcome,
        reason_text=motivation,
        changes={
            "strategy": strategy.code if strategy else "",
            "action": action.code if action else "",
            "thematic_response": thematic_response.pk if thematic_response else None,
        },
    )
    decision.full_clean()
    decision.save()
    transaction.on_commit(lambda: decision_notify(decision.pk))  # the author
    outcome_recorded(contribution=contribution, actor=actor)  # its followers and supporters
    return decision


@transaction.atomic
def outcome_record(
    *, actor, contribution: Contribution, outcome: str, motivation: str, strategy=None, action=None
) -> OutcomeRecord:
    check_perm(actor, "moderation.record_outcome", contribution, message=str(NOT_ALLOWED))
    motivation = (motivation or "").strip()
    if not motivation:
        raise ValidationError({"motivation": [_("Scrivi la motivazione pubblica dell'esito.")]})
    if len(motivation) > MOTIVATION_MAX:
        raise ValidationError({"motivation": [_("La motivazione supera i %(n)s caratteri.") % {"n": MOTIVATION_MAX}]})
    strategy, action = _plan_links_checked(outcome=outcome, strategy=strategy, action=action)
    (locked,) = lock_contributions([contribution.pk])
    _record(
        actor=actor,
        contribution=locked,
        outcome=outcome,
        motivation=motivation,
        strategy=strategy,
        action=action,
        thematic_response=None,
    )
    return OutcomeRecord.objects.get(contribution=locked)


@transaction.atomic
def thematic_response_create(
    *, actor, process, title: str, text: str, outcome: str, contributions: list[Contribution], strategy=None, action=None
) -> ThematicResponse:
    """One answer applied to N contributions of the process in one transaction (all or none)."""
    check_perm(actor, "moderation.record_outcome", process, message=str(NOT_ALLOWED))
    strategy, action = _plan_links_checked(outcome=outcome, strategy=strategy, action=action)
    response = ThematicResponse(
        process=process,
        title=" ".join((title or "").split()),
        text=(text or "").strip(),
        outcome=outcome,
        strategy=strategy,
        action=action,
        created_by=actor,
    )
    response.full_clean()
    if not contributions:
        raise ValidationError({"contributions": [_("Scegli i contributi a cui si applica la risposta.")]})
    locked = lock_contributions({item.pk for item in contributions})
    foreign = [item for item in locked if item.process_id != process.pk]
    if foreign:
        raise ValidationError({"contributions": [_("Tutti i contributi devono appartenere al processo della risposta.")]})
    response.save()
    for contribution in locked:
        _record(
            actor=actor,
            contribution=contribution,
            outcome=outcome,
            motivation="",
            strategy=strategy,
            action=action,
            thematic_response=response,
        )
    return response

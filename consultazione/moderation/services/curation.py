"""Curation: re-tag a contribution (axis, strategy, action, zone, comune) and merge duplicates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from consultazione.contributions import lifecycle
from consultazione.contributions.models import Comment, Contribution
from consultazione.contributions.pagecache import pages_changed
from consultazione.contributions.selectors import plan_error
from consultazione.core.exceptions import InvalidInput
from consultazione.core.permissions import check_perm
from consultazione.notifications.services import follows_move
from consultazione.voting.services import supports_move

from ..models import Decision
from ..notifications import decision_notify
from ..reasons import ReasonCode
from ._common import OUT_OF_SCOPE, audit, lock_contributions, lock_item, reason_validate

A = Decision.Action
RETAG_FIELDS = ("axis", "strategy", "action", "zona", "comune")
MERGE, MODERATOR = lifecycle.Action.MERGE, lifecycle.Actor.MODERATOR


def _tag(value) -> dict:
    return {"id": value.pk, "label": str(value)} if value is not None else {"id": None, "label": ""}


@transaction.atomic
def contribution_retag(
    *, actor, contribution: Contribution, axis, strategy=None, action=None, zona=None, comune=None, reason_text: str = ""
) -> Decision:
    """Set the classification; the audit keeps every old value next to the new one. The axis
    must belong to a plan open to the contribution's kind (contributions.selectors.plans_open_to)."""
    locked = lock_item(contribution)
    check_perm(actor, "moderation.curate", locked, message=str(OUT_OF_SCOPE))
    reason_validate(reason_code="", reason_text=reason_text, required=False)
    if comune is not None and zona is None:
        zona = comune.zona
    if action is not None and strategy is None:
        strategy = action.strategy
    wanted = {"axis": axis, "strategy": strategy, "action": action, "zona": zona, "comune": comune}
    old_axis_id = locked.axis_id
    changes = {}
    for name, value in wanted.items():
        old = getattr(locked, name)
        if (old.pk if old else None) != (value.pk if value else None):
            changes[name] = {"from": _tag(old), "to": _tag(value)}
            setattr(locked, name, value)
    if not changes:
        raise InvalidInput(_("La classificazione è già questa: nessuna modifica."), code="no_changes")
    if axis is None:
        raise ValidationError({"axis": [_("Scegli l'asse del piano.")]})
    if message := plan_error(locked.process, locked.kind, axis):
        raise ValidationError({"axis": [message]})
    locked.clean()
    locked.save(update_fields=[*changes, "updated_at"])
    pages_changed(locked, axis_ids=(old_axis_id,))
    return audit(
        actor=actor,
        action=A.RETAG,
        item=locked,
        from_state=locked.status,
        to_state=locked.status,
        reason_text=reason_text,
        changes=changes,
    )


@transaction.atomic
def contributions_merge(*, actor, target: Contribution, sources: list[Contribution], reason_text: str = "") -> list[Decision]:
    """Merge duplicates into `target`: comments and supports follow, the sources become MERGED.

    A person who supported two of them keeps one support (voting.supports_move); the counters
    of every contribution involved are recomputed in the same transaction.
    """
    source_ids = {source.pk for source in sources}
    if not source_ids:
        raise InvalidInput(_("Scegli almeno un contributo da unire."), code="empty_selection")
    if target.pk in source_ids:
        raise InvalidInput(_("Un contributo non può essere unito a se stesso."), code="merge_into_self")
    reason_validate(reason_code=ReasonCode.DUPLICATE, reason_text=reason_text, required=True)
    locked = {item.pk: item for item in lock_contributions(source_ids | {target.pk})}
    target = locked[target.pk]
    sources = [locked[pk] for pk in sorted(source_ids)]
    for item in (target, *sources):
        check_perm(actor, "moderation.curate", item, message=str(OUT_OF_SCOPE))
    if any(source.process_id != target.process_id for source in sources):
        raise InvalidInput(_("Si possono unire solo contributi dello stesso processo."), code="different_process")
    not_mergeable = [item for item in (target, *sources) if not lifecycle.allows(item, MERGE, MODERATOR)]
    if not_mergeable:
        raise InvalidInput(
            _("Non si possono unire contributi ritirati, respinti o già uniti: %(refs)s.")
            % {"refs": ", ".join(item.reference or str(item.pk) for item in not_mergeable)},
            code="not_mergeable",
        )
    decisions = []
    for source in sources:
        moved_comments = Comment.objects.filter(contribution=source).update(contribution=target)
        # comment_count counts the published comments, which all moved with their contribution.
        Contribution.objects.filter(pk=target.pk).update(comment_count=F("comment_count") + source.comment_count)
        Contribution.objects.filter(pk=source.pk).update(comment_count=0)
        moved_supports = supports_move(source=source, target=target)
        follows_move(source=source, target=target)
        Contribution.objects.filter(merged_into=source).update(merged_into=target)
        from_state = source.status
        fields = lifecycle.apply(source, MERGE, MODERATOR)
        source.merged_into = target
        source.save(update_fields=[*fields, "merged_into", "updated_at"])
        pages_changed(source, target)
        decision = audit(
            actor=actor,
            action=A.MERGE,
            item=source,
            from_state=from_state,
            to_state=source.status,
            reason_code=ReasonCode.DUPLICATE,
            reason_text=reason_text,
            related_contribution=target,
            changes={"comments_moved": moved_comments, "supports_moved": moved_supports},
        )
        transaction.on_commit(lambda pk=decision.pk: decision_notify(pk))
        decisions.append(decision)
    return decisions

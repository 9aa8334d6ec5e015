"""Writes on an action's tracking record (status, progress, office, partners, budget, dates)."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from consultazione.core.permissions import check_perm
from consultazione.plan.models import Action, Plan
from consultazione.stakeholders.models import Organisation

from ..models import ActionTracking, TrackingStatus
from .audit import as_text, change_record, diff

# Fields a caller may set through tracking_update (the API and the spreadsheet import).
TRACKING_FIELDS = (
    "status",
    "progress",
    "merged_into",
    "responsible_office",
    "budget",
    "funding_source",
    "start_date",
    "end_date",
)


def _snapshot(tracking: ActionTracking | None, partner_names: Iterable[str]) -> dict[str, str]:
    if tracking is None:
        return {}
    values = {field: as_text(getattr(tracking, field)) for field in TRACKING_FIELDS if field != "merged_into"}
    values["merged_into"] = tracking.merged_into.code if tracking.merged_into_id else ""
    values["partners"] = "; ".join(sorted(partner_names))
    return values


def _partner_names(tracking: ActionTracking) -> list[str]:
    return list(tracking.partners.values_list("name", flat=True)) if tracking.pk else []


@transaction.atomic
def tracking_save(
    *, actor, tracking: ActionTracking, partners: Iterable[Organisation] | None = None, source: str
) -> ActionTracking:
    """Validate and save `tracking` (already modified in memory, e.g. by an admin form) and log the diff.

    A save that changes nothing writes nothing (re-importing an unchanged spreadsheet is cheap).
    """
    check_perm(actor, "monitoring.change_tracking", tracking.action)
    old = ActionTracking.objects.select_for_update().filter(pk=tracking.pk).first() if tracking.pk else None
    before_names = _partner_names(old) if old else []
    partners = list(partners) if partners is not None else None
    after_names = [partner.name for partner in partners] if partners is not None else before_names
    changes = diff(_snapshot(old, before_names), _snapshot(tracking, after_names))
    if old is not None and not changes:
        return tracking
    # Every CheckConstraint is mirrored in clean(): skip the one query per constraint of validation.
    tracking.full_clean(validate_constraints=False)
    tracking.save()
    if partners is not None:
        tracking.partners.set(partners)
    if old is None:
        change_record(
            tracking=tracking,
            actor=actor,
            source=source,
            summary=_("Monitoraggio avviato: %(status)s, %(progress)s%%")
            % {"status": tracking.get_status_display(), "progress": tracking.progress},
            changes=changes,
        )
    elif changes:
        change_record(
            tracking=tracking,
            actor=actor,
            source=source,
            summary=_("Modificati: %(fields)s") % {"fields": ", ".join(changes)},
            changes=changes,
        )
    return tracking


def tracking_for_update(action: Action) -> ActionTracking:
    """The action's tracking row locked for writing, or a new unsaved one ("not started")."""
    return ActionTracking.objects.select_for_update().filter(action=action).first() or ActionTracking(
        action=action, status=TrackingStatus.NOT_STARTED, progress=0
    )


@transaction.atomic
def tracking_update(*, actor, action: Action, data: Mapping[str, Any], source: str) -> ActionTracking:
    """Set the given fields (a subset of TRACKING_FIELDS, plus "partners") on the action's tracking."""
    check_perm(actor, "monitoring.change_tracking", action)
    tracking = tracking_for_update(action)
    for field in TRACKING_FIELDS:
        if field in data:
            setattr(tracking, field, data[field])
    return tracking_save(actor=actor, tracking=tracking, partners=data.get("partners"), source=source)


def tracking_ensure(*, actor, action: Action, source: str) -> ActionTracking:
    """The action's tracking row, created (and logged) when the action has none yet."""
    existing = ActionTracking.objects.filter(action=action).first()
    return existing or tracking_update(actor=actor, action=action, data={}, source=source)


@transaction.atomic
def trackings_start_for_plan(*, actor, plan: Plan, source: str) -> int:
    """Create the (logged) tracking row of every action of `plan` that has none; returns how many."""
    check_perm(actor, "monitoring.change_tracking", plan)
    missing = Action.objects.filter(strategy__axis__plan=plan, tracking__isnull=True).select_related("strategy__axis")
    count = 0
    for action in missing:
        tracking_update(actor=actor, action=action, data={}, source=source)
        count += 1
    return count

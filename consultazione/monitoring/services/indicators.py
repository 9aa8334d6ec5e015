"""Writes on indicators and their measured values; every write is logged on the action's tracking."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from consultazione.core.permissions import check_perm

from ..models import Indicator, IndicatorValue
from .audit import as_text, change_record, diff

INDICATOR_FIELDS = ("name", "description", "unit", "baseline", "baseline_date", "target", "target_date", "position")


def _indicator_snapshot(indicator: Indicator | None) -> dict[str, str]:
    if indicator is None:
        return {}
    return {f"indicatore:{field}": as_text(getattr(indicator, field)) for field in INDICATOR_FIELDS}


@transaction.atomic
def indicator_save(*, actor, indicator: Indicator, source: str) -> Indicator:
    check_perm(actor, "monitoring.change_tracking", indicator.tracking.action)
    old = Indicator.objects.filter(pk=indicator.pk).first() if indicator.pk else None
    changes = diff(_indicator_snapshot(old), _indicator_snapshot(indicator))
    if old is not None and not changes:
        return indicator
    indicator.full_clean()
    indicator.save()
    if changes:
        summary = _("Indicatore aggiunto: %(n)s") if old is None else _("Indicatore modificato: %(n)s")
        change_record(
            tracking=indicator.tracking, actor=actor, source=source, summary=summary % {"n": indicator.name}, changes=changes
        )
    return indicator


@transaction.atomic
def indicator_delete(*, actor, indicator: Indicator, source: str) -> None:
    check_perm(actor, "monitoring.change_tracking", indicator.tracking.action)
    change_record(
        tracking=indicator.tracking,
        actor=actor,
        source=source,
        summary=_("Indicatore eliminato: %(n)s (con %(v)d valori)") % {"n": indicator.name, "v": indicator.values.count()},
        changes=diff(_indicator_snapshot(indicator), {}),
    )
    indicator.delete()


@transaction.atomic
def indicator_value_save(*, actor, value: IndicatorValue, source: str) -> IndicatorValue:
    """Validate (unit equal to the indicator's, date not in the future…) and save one measurement."""
    indicator = value.indicator
    check_perm(actor, "monitoring.change_tracking", indicator.tracking.action)
    old = IndicatorValue.objects.filter(pk=value.pk).first() if value.pk else None
    if old is not None and (old.date, old.value, old.unit, old.note) == (value.date, value.value, value.unit, value.note):
        return value
    value.full_clean()
    value.save()
    key = f"valore:{indicator.name}:{value.date.isoformat()}"
    changes = diff({key: as_text(old.value)} if old else {}, {key: as_text(value.value)})
    if old and old.date != value.date:
        changes[f"valore:{indicator.name}:{old.date.isoformat()}"] = [as_text(old.value), ""]
    if changes:
        change_record(
            tracking=indicator.tracking,
            actor=actor,
            source=source,
            summary=_("Valore di «%(n)s» al %(d)s: %(v)s %(u)s")
            % {"n": indicator.name, "d": value.date.isoformat(), "v": value.value, "u": indicator.get_unit_display()},
            changes=changes,
        )
    return value


@transaction.atomic
def indicator_value_record(
    *, actor, indicator: Indicator, date: date, value: Decimal, unit: str, note: str = "", source: str
) -> IndicatorValue:
    """Record the value measured on `date` (replacing an earlier record for the same date)."""
    existing = IndicatorValue.objects.select_for_update().filter(indicator=indicator, date=date).first()
    if existing is not None and (existing.value, existing.unit, existing.note) == (value, unit, note):
        check_perm(actor, "monitoring.change_tracking", indicator.tracking.action)
        return existing
    measurement = existing or IndicatorValue(date=date)
    measurement.indicator = indicator  # the caller's instance, with its tracking and action already loaded
    measurement.value, measurement.unit, measurement.note = value, unit, note
    return indicator_value_save(actor=actor, value=measurement, source=source)


@transaction.atomic
def indicator_value_delete(*, actor, value: IndicatorValue, source: str) -> None:
    indicator = value.indicator
    check_perm(actor, "monitoring.change_tracking", indicator.tracking.action)
    change_record(
        tracking=indicator.tracking,
        actor=actor,
        source=source,
        summary=_("Valore di «%(n)s» al %(d)s eliminato") % {"n": indicator.name, "d": value.date.isoformat()},
        changes={f"valore:{indicator.name}:{value.date.isoformat()}": [as_text(value.value), ""]},
    )
    value.delete()

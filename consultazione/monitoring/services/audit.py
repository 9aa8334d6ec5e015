"""The one place that writes the append-only ActionTrackingChange log (called by the other services)."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..models import ActionTracking, ActionTrackingChange


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"  # 12.5000 and 12.5 are the same value
    return str(value)


def diff(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, list[str]]:
    keys = sorted(set(before) | set(after))
    return {key: [before.get(key, ""), after.get(key, "")] for key in keys if before.get(key, "") != after.get(key, "")}


def change_record(
    *, tracking: ActionTracking, actor, source: str, summary: str, changes: dict[str, list[str]] | None = None
) -> ActionTrackingChange:
    return ActionTrackingChange.objects.create(
        tracking=tracking,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        source=source,
        summary=summary[:300],
        changes=changes or {},
    )

"""Loading a plan from the project's JSON file: validated first, written in one transaction."""

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from consultazione.core.exceptions import InvalidInput

from .models import Action, Axis, Plan, Strategy

AXIS_COLOURS = {1: "#0066CC", 2: "#00804D", 3: "#7A4D00", 4: "#6B2C91", 5: "#B3003B", 6: "#00687A"}


class PlanFileError(InvalidInput):
    def __init__(self, path: Path | str, where: str, message: str):
        super().__init__(f"{path} [{where}]: {message}", code="data_file")


# Only these fields of the plan file are text for a public page (data/seed/README.md): titles,
# slogans, PNRR missions, the vision and the approving body. Every other field — `note_en`, `note`,
# `*_basis`, `source(s)`, `coverage_note`, `counts_*` — is a research note for the people who build
# the platform and is never loaded into a field that a page renders. Summaries of axes and
# strategies are written in Italian by staff.


def _title(item: dict[str, Any]) -> tuple[str, bool]:
    if item.get("title"):
        return item["title"], False
    if item.get("title_partial"):
        return item["title_partial"], True
    return "", False


def _validate(obj, path, where):
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise PlanFileError(path, where, "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc


def _load_tree(*, plan: Plan, axes: list[dict[str, Any]], path: Path, prefix: str) -> None:
    seen_axes: set[int] = set()
    for a_index, axis_data in enumerate(axes):
        where = f"{prefix}axes[{a_index}]"
        code = axis_data.get("code")
        if not isinstance(code, int) or code in seen_axes:
            raise PlanFileError(path, where, _("codice d'asse mancante o ripetuto: %(v)r") % {"v": code})
        seen_axes.add(code)
        axis = Axis.objects.filter(plan=plan, code=code).first() or Axis(plan=plan, code=code)
        axis.title = axis_data.get("slogan") or axis_data.get("title") or ""
        axis.name = axis_data.get("name", axis.name)
        axis.pnrr_mission = axis_data.get("pnrr_mission", axis.pnrr_mission)
        axis.colour = AXIS_COLOURS.get(code, axis.colour)
        _validate(axis, path, where)
        axis.save()
        seen_strategies: set[str] = set()
        for s_index, s_data in enumerate(axis_data.get("strategies", [])):
            s_where = f"{where}.strategies[{s_index}]"
            s_code = s_data.get("code", "")
            if s_code in seen_strategies:
                raise PlanFileError(path, s_where, _("codice di strategia ripetuto: %(v)s") % {"v": s_code})
            seen_strategies.add(s_code)
            strategy = Strategy.objects.filter(axis=axis, code=s_code).first() or Strategy(axis=axis, code=s_code)
            strategy.title, strategy.title_is_partial = _title(s_data)
            _validate(strategy, path, s_where)
            strategy.save()
            seen_actions: set[str] = set()
            for n_index, n_data in enumerate(s_data.get("actions", [])):
                n_where = f"{s_where}.actions[{n_index}]"
                n_code = n_data.get("code", "")
                if n_code in seen_actions:
                    raise PlanFileError(path, n_where, _("codice di azione ripetuto: %(v)s") % {"v": n_code})
                seen_actions.add(n_code)
                action = Action.objects.filter(strategy=strategy, code=n_code).first() or Action(strategy=strategy, code=n_code)
                action.title, action.title_is_partial = _title(n_data)
                _validate(action, path, n_where)
                action.save()


def _read(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PlanFileError(path, "-", _("file non trovato")) from exc
    except json.JSONDecodeError as exc:
        raise PlanFileError(path, f"riga {exc.lineno}", _("JSON non valido: %(e)s") % {"e": exc.msg}) from exc


@transaction.atomic
def plans_load(*, path: Path) -> dict[str, Plan]:
    """Load the PSM 2024-2026 and the reference PSM 2021-2023 from psm_2024_2026.json. Idempotent."""
    data = _read(path)
    if "plan" not in data or "axes" not in data:
        raise PlanFileError(path, "-", _("mancano le chiavi «plan» e «axes»"))
    info = data["plan"]
    approval = info.get("approval", {})
    current, _ = Plan.objects.update_or_create(
        slug="psm-2024-2026",
        defaults={
            "title": info.get("title", "Piano Strategico Metropolitano 2024-2026"),
            "short_name": info.get("short_name", "PSM 2024-2026"),
            "vision": info.get("vision", ""),
            "period_start": 2024,
            "period_end": 2026,
            "status": Plan.Status.IN_FORCE,
            "approval_date": date.fromisoformat(approval["date"]) if approval.get("date") else None,
            "approval_body": approval.get("body", "")[:200],
            "official_counts": info.get("counts_official", {}),
        },
    )
    _load_tree(plan=current, axes=data["axes"], path=path, prefix="")
    plans = {"current": current}
    reference = data.get("reference_2021_2023")
    if reference:
        ref_approval = reference.get("approval", {})
        previous, _ = Plan.objects.update_or_create(
            slug="psm-2021-2023",
            defaults={
                "title": "Piano Strategico Metropolitano 2021-2023 «Torino Metropoli Aumentata»",
                "short_name": "PSM 2021-2023",
                "period_start": 2021,
                "period_end": 2023,
                "status": Plan.Status.EXPIRED,
                "approval_date": date.fromisoformat(ref_approval["date"]) if ref_approval.get("date") else None,
                "approval_body": ref_approval.get("body", "")[:200],
                "official_counts": reference.get("counts_official", {}),
            },
        )
        _load_tree(plan=previous, axes=reference.get("axes", []), path=path, prefix="reference_2021_2023.")
        plans["previous"] = previous
    return plans

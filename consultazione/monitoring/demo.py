"""Demo tracking data (development only): clearly invented statuses, figures and updates for the
seeded actions of the PSM 2021-2023 and PSM 2024-2026, and a lineage table between their strategies.

Every figure here is made up for the demo; offices and sources carry "(demo)".
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from consultazione.accounts.models import User
from consultazione.plan.models import Action, Plan, Strategy
from consultazione.process.models import Process
from consultazione.stakeholders.models import Organisation

from .models import ActionUpdate, Indicator, TrackingStatus, UpdateKind
from .services import (
    action_update_save,
    indicator_save,
    indicator_value_record,
    lineage_set,
    tracking_ensure,
    tracking_update,
)

SOURCE = "demo"
NOTE = "Dato dimostrativo."

C, P, N, S, M = (
    TrackingStatus.COMPLETED,
    TrackingStatus.IN_PROGRESS,
    TrackingStatus.NOT_STARTED,
    TrackingStatus.SUSPENDED,
    TrackingStatus.MERGED,
)

# code: (status, progress, merged_into, office, budget, funding, start, end)
PREVIOUS = {
    "2.1.1": (C, 100, "", "Direzione Sistemi naturali (demo)", "1200000", "PNRR M2C4 (demo)", "2021-04-01", "2023-12-31"),
    "2.1.2": (M, 60, "2.1.1", "Direzione Sistemi naturali (demo)", "300000", "Fondi propri (demo)", "2021-06-01", "2022-12-31"),
    "2.1.3": (C, 100, "", "Direzione Sistemi naturali (demo)", "850000", "PNRR M2C4 (demo)", "2021-09-01", "2023-11-30"),
    "3.1.1": (S, 35, "", "Direzione Trasporti (demo)", "400000", "FESR 2014-2020 (demo)", "2022-01-10", "2023-12-31"),
    "3.1.2": (C, 100, "", "Direzione Trasporti (demo)", "2500000", "PNRR M3 (demo)", "2021-05-01", "2023-10-31"),
    "4.1.1": (P, 70, "", "Direzione Istruzione (demo)", "500000", "Fondi propri (demo)", "2022-02-01", "2023-12-31"),
    "5.1.1": (C, 100, "", "Direzione Attività produttive (demo)", "250000", "FSE+ (demo)", "2021-10-01", "2023-06-30"),
    "6.1.1": (P, 80, "", "Direzione Sanità e welfare (demo)", "600000", "PNRR M6C1 (demo)", "2022-03-01", "2023-12-31"),
    "6.1.2": (C, 100, "", "Direzione Sanità e welfare (demo)", "3000000", "PNRR M6C1 (demo)", "2021-07-01", "2023-12-31"),
    "6.1.3": (C, 100, "", "Direzione Sanità e welfare (demo)", "900000", "PNRR M6C1 (demo)", "2022-01-01", "2023-09-30"),
}
CURRENT = {
    "1.1.1": (P, 55, "", "Direzione Sistemi informativi (demo)", "4000000", "PNRR M1C1 (demo)", "2024-09-01", "2026-12-31"),
    "1.1.2": (P, 30, "", "Direzione Sistemi informativi (demo)", "750000", "PNRR M1C1 (demo)", "2024-11-01", "2026-06-30"),
    "1.1.3": (N, 0, "", "Direzione Sistemi informativi (demo)", None, "", "", ""),
    "2.1.1": (P, 40, "", "Direzione Sistemi naturali (demo)", "1800000", "PNRR M2C4 (demo)", "2024-10-01", "2026-12-31"),
    "2.1.2": (P, 20, "", "Direzione Protezione civile (demo)", "950000", "Fondi propri (demo)", "2025-01-15", "2026-12-31"),
    "3.1.1": (P, 25, "", "Direzione Trasporti (demo)", "1500000", "PNRR M3 (demo)", "2025-02-01", "2026-12-31"),
    "3.1.2": (S, 10, "", "Direzione Trasporti (demo)", "600000", "FESR 2021-2027 (demo)", "2025-03-01", "2026-06-30"),
    "4.1.1": (C, 100, "", "Direzione Istruzione (demo)", "200000", "Fondi propri (demo)", "2024-09-01", "2025-06-30"),
    "4.1.2": (P, 45, "", "Direzione Edilizia scolastica (demo)", "12000000", "PNRR M4C1 (demo)", "2024-07-01", "2026-12-31"),
    "6.1.1": (P, 60, "", "Direzione Sanità e welfare (demo)", "5000000", "PNRR M6C1 (demo)", "2024-09-01", "2026-06-30"),
    "6.1.2": (N, 0, "", "Direzione Sanità e welfare (demo)", None, "", "", ""),
}
# plan slug: {action code: [(name, unit, baseline, baseline date, target, target date, [(date, value)])]}
INDICATORS = {
    "psm-2021-2023": {
        "6.1.2": [
            (
                "Case della salute attive",
                "number",
                "4",
                "2020-12-31",
                "20",
                "2023-12-31",
                [("2021-12-31", "8"), ("2022-12-31", "14"), ("2023-12-31", "21")],
            )
        ],
        "2.1.1": [
            (
                "Corridoi ecologici mappati",
                "km",
                "0",
                "2020-12-31",
                "120",
                "2023-12-31",
                [("2022-06-30", "45"), ("2023-12-31", "128")],
            )
        ],
    },
    "psm-2024-2026": {
        "1.1.1": [
            (
                "Comuni coperti da banda ultra larga",
                "percent",
                "62",
                "2023-12-31",
                "100",
                "2026-12-31",
                [("2024-06-30", "66"), ("2024-12-31", "72"), ("2025-06-30", "79"), ("2025-12-31", "84")],
            )
        ],
        "2.1.1": [
            (
                "Superficie di aree protette",
                "ha",
                "83000",
                "2023-12-31",
                "95000",
                "2026-12-31",
                [("2024-12-31", "84200"), ("2025-12-31", "87900")],
            )
        ],
        "6.1.1": [
            (
                "Case della comunità attive",
                "number",
                "0",
                "2023-12-31",
                "30",
                "2026-06-30",
                [("2024-12-31", "6"), ("2025-06-30", "13"), ("2025-12-31", "19")],
            )
        ],
    },
}
# plan slug: {action code: [(date, kind, title, text)]}
UPDATES = {
    "psm-2021-2023": {
        "2.1.2": [
            (
                "2022-12-15",
                UpdateKind.PROGRESS,
                "Confluita nella rete delle infrastrutture verdi",
                "Le attività proseguono nell'azione 2.1.1.",
            )
        ],
        "3.1.1": [("2023-05-10", UpdateKind.PROGRESS, "Sospensione", "Sospesa in attesa della nuova programmazione dei fondi.")],
        "6.1.2": [("2023-12-20", UpdateKind.PROGRESS, "Obiettivo raggiunto", "Ventuno case della salute attive sul territorio.")],
    },
    "psm-2024-2026": {
        "1.1.1": [
            (
                "2024-10-05",
                UpdateKind.PROGRESS,
                "Avvio dei cantieri",
                "Firmata la convenzione con gli operatori; avviati i primi cantieri.",
            ),
            ("2025-07-01", UpdateKind.PROGRESS, "Copertura al 79%", "Completati i collegamenti nelle zone omogenee 5 e 6."),
        ],
        "3.1.2": [
            (
                "2025-09-12",
                UpdateKind.PROPOSAL,
                "Proposta: accorpare la 3.1.2 nella 3.1.1",
                "Lo staff propone di far confluire l'azione 3.1.2, sospesa, nella 3.1.1 (sistema integrato della mobilità).",
            )
        ],
        "6.1.1": [
            ("2025-07-15", UpdateKind.PROGRESS, "Tredici case della comunità attive", "Aperte le sedi di Pinerolo, Ivrea e Susa.")
        ],
    },
}
# (previous code, next code, relation, note)
LINEAGE = [
    ("1.1", "1.1", "merged", "La capacità 4.0 confluisce nella digitalizzazione diffusa del territorio."),
    ("1.4", "1.1", "merged", "La PA digitale è parte della digitalizzazione diffusa."),
    ("2.1", "2.1", "carried_over", "Strategia confermata con lo stesso titolo."),
    ("3.1", "3.1", "carried_over", "Confermata, con il riferimento esplicito al modello MaaS."),
    ("4.1", "4.1", "carried_over", "Riformulata: dall'innovazione didattica all'infrastruttura scolastica."),
    ("6.1", "6.1", "carried_over", "Dai centri sanitari decentrati all'equità di accesso alle cure."),
]


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _load_trackings(*, actor, plan: Plan, rows: dict, partners: list[Organisation]) -> int:
    actions = {a.code: a for a in Action.objects.filter(strategy__axis__plan=plan)}
    count = 0
    for code, (status, progress, merged, office, budget, funding, start, end) in rows.items():
        if code not in actions or (merged and merged not in actions):
            continue
        data = {
            "status": status,
            "progress": progress,
            "merged_into": actions.get(merged),
            "responsible_office": office,
            "budget": Decimal(budget) if budget else None,
            "funding_source": funding,
            "start_date": _day(start),
            "end_date": _day(end),
        }
        if partners and status != TrackingStatus.NOT_STARTED:
            data["partners"] = partners[: 1 + count % 2]
        tracking_update(actor=actor, action=actions[code], data=data, source=SOURCE)
        count += 1
    return count


def _load_indicators(*, actor, plan: Plan) -> int:
    today = timezone.localdate()
    count = 0
    for code, indicators in INDICATORS.get(plan.slug, {}).items():
        action = Action.objects.filter(strategy__axis__plan=plan, code=code).first()
        if action is None:
            continue
        tracking = tracking_ensure(actor=actor, action=action, source=SOURCE)
        for position, (name, unit, baseline, baseline_on, target, target_on, values) in enumerate(indicators):
            indicator = Indicator.objects.filter(tracking=tracking, name=name).first() or Indicator(tracking=tracking, name=name)
            indicator.unit, indicator.position, indicator.description = unit, position, NOTE
            indicator.baseline, indicator.baseline_date = Decimal(baseline), _day(baseline_on)
            indicator.target, indicator.target_date = Decimal(target), _day(target_on)
            indicator_save(actor=actor, indicator=indicator, source=SOURCE)
            for measured_on, value in values:
                if _day(measured_on) <= today:
                    indicator_value_record(
                        actor=actor,
                        indicator=indicator,
                        date=_day(measured_on),
                        value=Decimal(value),
                        unit=unit,
                        note=NOTE,
                        source=SOURCE,
                    )
                    count += 1
    return count


def _load_updates(*, actor, plan: Plan) -> int:
    count = 0
    for code, entries in UPDATES.get(plan.slug, {}).items():
        action = Action.objects.filter(strategy__axis__plan=plan, code=code).first()
        if action is None:
            continue
        tracking = tracking_ensure(actor=actor, action=action, source=SOURCE)
        for day, kind, title, text in entries:
            if _day(day) > timezone.localdate():
                continue
            if not ActionUpdate.objects.filter(tracking=tracking, title=title).exists():
                update = ActionUpdate(tracking=tracking, kind=kind, date=_day(day), title=title, text=f"{text} {NOTE}")
                action_update_save(actor=actor, update=update, source=SOURCE)
            count += 1
    return count


def _load_lineage(*, actor, previous: Plan, current: Plan) -> int:
    old = {s.code: s for s in Strategy.objects.filter(axis__plan=previous)}
    new = {s.code: s for s in Strategy.objects.filter(axis__plan=current)}
    count = 0
    for old_code, new_code, relation, note in LINEAGE:
        if old_code not in old or (new_code and new_code not in new):
            continue
        lineage_set(
            actor=actor,
            previous_strategy=old[old_code],
            next_strategy=new.get(new_code) if new_code else None,
            relation=relation,
            note=f"{note} ({NOTE.lower().rstrip('.')})" if note else NOTE,
        )
        count += 1
    return count


@transaction.atomic
def demo_load(*, process: Process, users: dict[str, User]) -> int:
    """Load the demo tracking data; returns how many items it holds (the same on every run). Idempotent."""
    actor = users.get("admin") or users.get("staff") or User.objects.filter(is_superuser=True).order_by("pk").first()
    previous, current = process.plan_revised, process.plan_produced
    partners = list(Organisation.objects.filter(verified=True).order_by("name")[:2])
    total = 0
    for plan, rows in ((previous, PREVIOUS), (current, CURRENT)):
        if plan is None:
            continue
        total += _load_trackings(actor=actor, plan=plan, rows=rows, partners=partners)
        total += _load_indicators(actor=actor, plan=plan)
        total += _load_updates(actor=actor, plan=plan)
    if previous and current:
        total += _load_lineage(actor=actor, previous=previous, current=current)
    return total

"""Fixtures of the monitoring tests: a small hand-made plan whose roll-up is computed by hand."""

from dataclasses import dataclass

import pytest

from consultazione.monitoring.services import tracking_update
from consultazione.plan.models import Action, Axis, Plan, Strategy


@dataclass
class MiniPlan:
    plan: Plan
    axes: dict[int, Axis]
    strategies: dict[str, Strategy]
    actions: dict[str, Action]


def build_plan(*, slug: str, start: int, tree: dict, status=Plan.Status.IN_FORCE, official_strategies=None) -> MiniPlan:
    """tree: {axis code: {strategy code: (title, [(action code, title), ...])}}"""
    plan = Plan.objects.create(
        slug=slug,
        title=f"Piano di prova {start}",
        short_name=f"Prova {start}",
        period_start=start,
        period_end=start + 2,
        status=status,
        official_counts={"strategies": official_strategies} if official_strategies else {},
    )
    axes, strategies, actions = {}, {}, {}
    for axis_code, axis_tree in tree.items():
        axes[axis_code] = Axis.objects.create(plan=plan, code=axis_code, title=f"Asse di prova {axis_code}")
        for strategy_code, (title, action_rows) in axis_tree.items():
            strategies[strategy_code] = Strategy.objects.create(axis=axes[axis_code], code=strategy_code, title=title)
            for action_code, action_title in action_rows:
                actions[action_code] = Action.objects.create(
                    strategy=strategies[strategy_code], code=action_code, title=action_title
                )
    return MiniPlan(plan, axes, strategies, actions)


MINI_TREE = {
    1: {
        "1.1": ("Digitalizzare i servizi", [("1.1.1", "Sportello unico"), ("1.1.2", "Dati aperti"), ("1.1.3", "Reti")]),
        "1.2": ("Innovare le imprese", [("1.2.1", "Incubatori"), ("1.2.2", "Voucher")]),
        "1.3": ("Strategia senza azioni", []),
    },
    2: {"2.1": ("Metropoli verde", [("2.1.1", "Boschi urbani")])},
    3: {},
}


@pytest.fixture
def mini(db, staff) -> MiniPlan:
    """1.1.1 completed 100, 1.1.2 in progress 50, 1.1.3 untracked (0), 1.2.1 in progress 20,
    1.2.2 merged into 1.2.1 (80, left out), 2.1.1 suspended 30; strategy 1.3 and axis 3 are empty."""
    mini = build_plan(slug="piano-prova", start=2030, tree=MINI_TREE)
    a = mini.actions
    tracking_update(actor=staff, action=a["1.1.1"], data={"status": "completed", "progress": 100}, source="admin")
    tracking_update(actor=staff, action=a["1.1.2"], data={"status": "in_progress", "progress": 50}, source="admin")
    tracking_update(actor=staff, action=a["1.2.1"], data={"status": "in_progress", "progress": 20}, source="admin")
    tracking_update(
        actor=staff, action=a["1.2.2"], data={"status": "merged", "progress": 80, "merged_into": a["1.2.1"]}, source="admin"
    )
    tracking_update(actor=staff, action=a["2.1.1"], data={"status": "suspended", "progress": 30}, source="admin")
    return mini

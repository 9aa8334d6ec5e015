"""Which plans a contribution may point at: the one rule, read by the services (validation), the
web forms (which axes to offer, and the JS through data attributes), the moderators' re-tag, the
list filters and the API. The data is KIND_RULES beside the ContributionKind enum; docs/contributions.md."""

from django.utils.translation import gettext as _

from consultazione.plan.models import Axis
from consultazione.process.models import PlanRole, Process

from ..models import KIND_RULES, ContributionKind


def plans_open_to(process, kind: str) -> dict[str, int]:
    """The ids of the process's plans that a contribution of `kind` may point at, by role, in the
    order forms offer them (the working plan first). Empty when the process has no plan."""
    return {role: plan_id for role in KIND_RULES[kind].plans if (plan_id := process.plan_id_for(role))}


def plans_open_to_any_kind(process) -> dict[str, int]:
    """The plans some kind may point at: what lists and filters of contributions offer."""
    roles = {role for rule in KIND_RULES.values() for role in rule.plans}
    return {role: plan_id for role in PlanRole if role in roles and (plan_id := process.plan_id_for(role))}


def contribution_plan_ids() -> set[int]:
    """Every plan some contribution of some process may point at: what moderators and live
    presenters, who work across processes, filter contributions by."""
    processes = Process.objects.only("plan_produced_id", "plan_revised_id")
    return {plan_id for process in processes for plan_id in plans_open_to_any_kind(process).values()}


def axes_open_to_contributions():
    """The axes of contribution_plan_ids(), plan joined (label them with the plan: codes repeat).
    Not the axes of the plan whose status is in force today, which after approval is the
    produced plan: moderators and live presenters filter what contributions point at."""
    return Axis.objects.filter(plan_id__in=contribution_plan_ids()).select_related("plan").order_by("plan__period_start", "code")


def plan_label(plan, process) -> str:
    """ "PSM 2021-2023, piano in vigore": a plan named with the part it plays in `process` (the
    PlanRole labels, the same words on every page and file); only its name when it plays none."""
    role = process.plan_role(plan.pk) if process is not None else None
    return f"{plan}, {str(role.label).lower()}" if role else str(plan)


def plan_roles_by_kind() -> dict[str, list[str]]:
    """{kind: [plan roles]}: the rule as the JS reads it (data-plan-roles-by-kind)."""
    return {str(kind): [str(role) for role in rule.plans] for kind, rule in KIND_RULES.items()}


def plan_error(process, kind: str, axis) -> str | None:
    """Why `axis` is refused for a contribution of `kind`, or None when it is allowed (an unknown
    kind is the kind field's error, reported by the model's validation)."""
    if kind not in KIND_RULES:
        return None
    allowed = plans_open_to(process, kind)
    if axis is None or not allowed or axis.plan_id in allowed.values():
        return None
    working = process.plan_for(PlanRole.WORKING)
    for role, plan_id in plans_open_to_any_kind(process).items():
        if plan_id == axis.plan_id:
            kinds = ", ".join(str(ContributionKind(k).label) for k, rule in KIND_RULES.items() if role in rule.plans)
            return _(
                "Il piano «%(plan)s» è aperto solo a: %(kinds)s. Per questo tipo di contributo scegli un asse di «%(working)s»."
            ) % {
                "plan": process.plan_for(role),
                "kinds": kinds,
                "working": working,
            }
    return _("L'asse scelto non appartiene al piano di questo processo.")


__all__ = [
    "plan_label",
    "axes_open_to_contributions",
    "contribution_plan_ids",
    "plan_error",
    "plan_roles_by_kind",
    "plans_open_to",
    "plans_open_to_any_kind",
]

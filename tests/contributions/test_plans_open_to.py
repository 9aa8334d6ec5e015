"""Which plans a contribution kind may point at, decided once (KIND_RULES, plans_open_to) and
read alike by the forms (what they offer, also through the JS data attributes) and the services
(what they accept): submit, edit and the moderators' re-tag."""

import json
import re

import pytest
from django.core.exceptions import ValidationError

from consultazione.contributions.forms import ContributionEditForm, ContributionForm
from consultazione.contributions.models import KIND_RULES, ContributionKind
from consultazione.contributions.selectors import plans_open_to
from consultazione.contributions.services import contribution_submit
from consultazione.moderation.forms import RetagForm
from consultazione.moderation.services import contribution_retag
from consultazione.plan.models import Axis, Plan
from consultazione.process.models import PlanRole, Process
from tests.conftest import make_user

from .conftest import fresh_process

W, R = PlanRole.WORKING, PlanRole.REVISED


def test_every_kind_has_its_rule():
    assert set(KIND_RULES) == set(ContributionKind.values)
    for kind, rule in KIND_RULES.items():
        assert rule.plans and rule.plans[0] == PlanRole.WORKING, kind  # every kind may point at the plan being built
        assert set(rule.plans) <= set(PlanRole.values), kind


# produced, revised -> the plans each kind may point at
EXPECTED = {
    (1, 2): {ContributionKind.IDEA: {W: 1}, ContributionKind.CRITICITA: {W: 1, R: 2}, ContributionKind.BISOGNO: {W: 1}},
    (1, None): {ContributionKind.IDEA: {W: 1}, ContributionKind.CRITICITA: {W: 1}, ContributionKind.BISOGNO: {W: 1}},
    (None, 2): {
        ContributionKind.IDEA: {W: 2},
        ContributionKind.CRITICITA: {W: 2},
        ContributionKind.BISOGNO: {W: 2},
    },  # revising in place: one plan
    (1, 1): {ContributionKind.IDEA: {W: 1}, ContributionKind.CRITICITA: {W: 1}, ContributionKind.BISOGNO: {W: 1}},
    (None, None): {
        ContributionKind.IDEA: {},
        ContributionKind.CRITICITA: {},
        ContributionKind.BISOGNO: {},
    },  # no plan: nothing to check against
}


@pytest.mark.parametrize("kind", ContributionKind.values)
@pytest.mark.parametrize(("produced", "revised"), list(EXPECTED))
def test_plans_open_to_every_kind(kind, produced, revised):
    process = Process(plan_produced_id=produced, plan_revised_id=revised)
    assert process.working_plan_id == (produced or revised)
    assert plans_open_to(process, kind) == EXPECTED[(produced, revised)][kind]
    assert list(plans_open_to(process, kind)) == [
        role for role in KIND_RULES[kind].plans if role in EXPECTED[(produced, revised)][kind]
    ]


def _axis_options(html: str) -> tuple[dict, set[int], dict[str, set[int]]]:
    """From a rendered axis select: the rule the JS reads, every axis offered, axes by plan role."""
    select = html[html.rindex("<select", 0, html.index('name="axis"')) :]
    select = select[: select.index("</select>")]
    rule = re.search(r'data-plan-roles-by-kind="([^"]*)"', select)
    rule = json.loads(rule.group(1).replace("&quot;", '"')) if rule else {}
    offered = {int(pk) for pk in re.findall(r'<option value="(\d+)"', select)}
    groups = {
        role: {int(pk) for pk in re.findall(r'<option value="(\d+)"', body)}
        for role, body in re.findall(r'<optgroup[^>]*data-plan-role="(\w+)"[^>]*>(.*?)</optgroup>', select)
    }
    return rule, offered, groups


@pytest.fixture
def foreign_axis(db):
    plan = Plan.objects.create(slug="altro-piano", title="Un altro piano", short_name="Altro", period_start=2030, period_end=2032)
    return Axis.objects.create(plan=plan, code=1, title="Asse di un altro piano")


@pytest.mark.parametrize("kind", ContributionKind.values)
def test_what_the_forms_offer_the_services_accept(kind, open_psm, foreign_axis, moderator):
    process = fresh_process(open_psm)
    author = make_user()
    axes = [open_psm.plan.axes.order_by("code").first(), open_psm.previous_plan.axes.order_by("code").first(), foreign_axis]

    # The submission form offers every plan; the JS narrows it by kind with the rule it renders.
    rule, offered_any, groups = _axis_options(ContributionForm(process=process, user=author).as_p())
    assert rule == {k: [str(r) for r in KIND_RULES[k].plans] for k in ContributionKind.values}
    offered_by_js = set().union(*(groups[role] for role in rule[kind])) if groups else offered_any
    # The edit and re-tag forms offer the kind's plans only.
    offered = {
        "edit": {axis.pk for axis in ContributionEditForm(process=process, kind=kind).fields["axis"].queryset},
        "retag": {axis.pk for axis in RetagForm(process=process, kind=kind).fields["axis"].queryset},
        "edit rendered": _axis_options(ContributionEditForm(process=process, kind=kind).as_p())[1],
    }
    expected = {axis.pk for axis in Axis.objects.filter(plan_id__in=plans_open_to(process, kind).values())}
    assert offered_by_js == expected and all(ids == expected for ids in offered.values()), offered

    filed = contribution_submit(
        author=author,
        process=process,
        kind=kind,
        title="Un titolo di prova",
        body="Un testo di prova abbastanza lungo.",
        axis=axes[0],
    )
    fields = {
        "author": author,
        "process": process,
        "kind": kind,
        "title": "Un titolo di prova",
        "body": "Un testo abbastanza lungo.",
    }
    for axis in axes:
        if axis.pk in expected:
            assert contribution_submit(**fields, axis=axis).axis == axis
            if axis != filed.axis:
                contribution_retag(actor=moderator, contribution=filed, axis=axis)
                filed.refresh_from_db()
                assert filed.axis == axis
            continue
        for service, kwargs in (
            (contribution_submit, {**fields, "axis": axis}),
            (contribution_retag, {"actor": moderator, "contribution": filed, "axis": axis}),
        ):
            with pytest.raises(ValidationError) as refused:
                service(**kwargs)
            message = " ".join(refused.value.message_dict["axis"])
            if axis == foreign_axis:
                assert "non appartiene al piano di questo processo" in message
            else:
                assert "è aperto solo a: Criticità" in message and str(open_psm.plan) in message

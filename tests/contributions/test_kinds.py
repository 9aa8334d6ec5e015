"""A contribution kind is described once, in KIND_RULES beside the ContributionKind enum: its reference code,
its badge class and the plans it may point at. Everything that varies by kind reads it, so a new
ContributionKind member without its entry fails here (and not as a KeyError, a 500, after its first save)."""

import pytest

from consultazione.contributions.models import KIND_RULES, Contribution, ContributionKind, Status
from consultazione.contributions.templatetags.contributions_tags import contribution_badges
from consultazione.reports.exports.tableschema import SCHEMAS


@pytest.mark.parametrize("kind", list(ContributionKind))
def test_every_kind_has_its_entry(kind):
    rule = KIND_RULES.get(kind)
    assert rule is not None, f"{kind!r}: add its KindRule to KIND_RULES"
    assert rule.code and rule.code.isalnum() and rule.code.isupper(), kind  # part of PSM-IDEA-2026-00001
    assert rule.badge_class.startswith("bg-"), kind
    assert rule.plans, kind


def test_kind_rules_describe_only_kinds_and_codes_are_unique():
    assert set(KIND_RULES) == set(ContributionKind.values)
    codes = [rule.code for rule in KIND_RULES.values()]
    assert len(codes) == len(set(codes)), codes  # two kinds with one code would share references


@pytest.mark.parametrize(
    ("kind", "badge"),
    [
        (ContributionKind.IDEA, '<span class="badge bg-primary">Idea / proposta</span>'),
        (ContributionKind.CRITICITA, '<span class="badge bg-warning">Criticità</span>'),
        (ContributionKind.BISOGNO, '<span class="badge bg-info">Bisogno</span>'),
    ],
)
def test_kind_badge_on_cards(kind, badge):
    contribution = Contribution(kind=kind, reference="PSM-X-2026-00001", status=Status.PUBLISHED)
    html = contribution_badges(contribution)
    assert html.startswith(badge + "\n"), html


def test_open_data_schema_lists_every_kind():
    """The published schema accepts every kind's code, in the enum's order, a new one included."""
    fields = {field["name"]: field for field in SCHEMAS["contributi"]["fields"]}
    assert fields["tipo"]["constraints"]["enum"] == list(ContributionKind.values)

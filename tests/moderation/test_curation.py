"""Curation: re-tagging keeps the old values in the audit; merging moves comments and supports
without double counts and refuses contributions of different processes."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from consultazione.contributions.models import Contribution
from consultazione.core.exceptions import InvalidInput, PermissionDenied
from consultazione.moderation.models import Decision
from consultazione.moderation.services import contribution_retag, contributions_merge
from consultazione.process.models import Process
from consultazione.voting.models import Support
from consultazione.voting.services import support_add


def test_retag_keeps_old_values_in_the_audit(submit, moderator, open_psm):
    item = submit(axis=1, zona=3)
    comune = open_psm.comune("Pinerolo")
    strategy = open_psm.axes[2].strategies.first()
    decision = contribution_retag(
        actor=moderator, contribution=item, axis=open_psm.axes[2], strategy=strategy, comune=comune, reason_text="Asse più adatto"
    )
    item.refresh_from_db()
    assert (item.axis, item.strategy, item.comune, item.zona) == (open_psm.axes[2], strategy, comune, comune.zona)
    assert decision.action == "retag" and decision.from_state == decision.to_state == "published"
    assert decision.changes["axis"]["from"]["id"] == open_psm.axes[1].pk
    assert decision.changes["axis"]["to"]["id"] == open_psm.axes[2].pk
    assert decision.changes["zona"]["from"]["id"] == open_psm.zones[3].pk
    assert decision.changes["strategy"]["from"] == {"id": None, "label": ""}
    assert set(decision.changes) == {"axis", "strategy", "zona", "comune"}


def test_retag_refuses_inconsistent_or_unchanged_tags(submit, moderator, open_psm):
    item = submit(axis=1)
    with pytest.raises(ValidationError) as exc:
        contribution_retag(
            actor=moderator, contribution=item, axis=open_psm.axes[1], strategy=open_psm.axes[2].strategies.first()
        )
    assert "strategy" in exc.value.message_dict
    with pytest.raises(InvalidInput):
        contribution_retag(actor=moderator, contribution=item, axis=open_psm.axes[1])
    with pytest.raises(ValidationError) as wrong_plan:
        contribution_retag(actor=moderator, contribution=item, axis=open_psm.previous_plan.axes.first())
    assert "axis" in wrong_plan.value.message_dict
    item.refresh_from_db()
    assert item.axis == open_psm.axes[1] and item.strategy is None
    assert not Decision.objects.exists()


def test_retag_outside_scope_is_refused(submit, scoped_moderator, open_psm):
    item = submit(axis=2, zona=3)
    with pytest.raises(PermissionDenied):
        contribution_retag(actor=scoped_moderator, contribution=item, axis=open_psm.axes[1])
    item.refresh_from_db()
    assert item.axis == open_psm.axes[2]


def test_merge_moves_comments_and_supports_without_double_counts(
    submit, comment_on, moderator, user_factory, django_capture_on_commit_callbacks
):
    target, first, second = submit(), submit(), submit()
    both, only_first, only_second, only_target = (user_factory() for _n in range(4))
    for person, items in (
        (both, [target, first, second]),
        (only_first, [first]),
        (only_second, [second]),
        (only_target, [target]),
    ):
        for item in items:
            support_add(user=person, contribution=item)
    parent = comment_on(first)
    comment_on(first, parent=parent)
    comment_on(second)
    comment_on(target)
    with django_capture_on_commit_callbacks(execute=True):
        decisions = contributions_merge(actor=moderator, target=target, sources=[first, second], reason_text="Stessa proposta")
    target.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert Support.objects.filter(contribution=target).count() == 4
    assert target.support_count == 4
    assert sorted(Support.objects.filter(contribution=target).values_list("user_id", flat=True)) == sorted(
        [both.pk, only_first.pk, only_second.pk, only_target.pk]
    )
    assert target.comment_count == 4 == target.comments.filter(status="published").count()
    for source in (first, second):
        assert (source.status, source.merged_into, source.support_count, source.comment_count) == ("merged", target, 0, 0)
    assert [(d.action, d.from_state, d.to_state, d.reason_code, d.related_contribution) for d in decisions] == [
        ("merge", "published", "merged", "duplicate", target),
        ("merge", "published", "merged", "duplicate", target),
    ]
    assert decisions[0].changes == {"comments_moved": 2, "supports_moved": 1}  # "both" kept one support
    assert len(mail.outbox) == 2
    assert target.reference in mail.outbox[0].body


def test_earlier_merges_follow_the_new_target(submit, moderator):
    first, second, third = submit(), submit(), submit()
    contributions_merge(actor=moderator, target=second, sources=[first])
    contributions_merge(actor=moderator, target=third, sources=[second])
    first.refresh_from_db()
    assert first.merged_into == third


def test_merge_refuses_different_processes(submit, moderator, open_psm):
    target, source = submit(), submit()
    other = Process.objects.create(slug="altro-processo", title="Altro processo", plan_produced=open_psm.plan)
    Contribution.objects.filter(pk=source.pk).update(process=other)
    source.refresh_from_db()
    with pytest.raises(InvalidInput) as exc:
        contributions_merge(actor=moderator, target=target, sources=[source])
    assert exc.value.code == "different_process"
    source.refresh_from_db()
    assert source.status == "published" and source.merged_into is None


@pytest.mark.parametrize("status", ["withdrawn", "merged", "rejected"])
def test_merge_refuses_closed_contributions(submit, moderator, status):
    target, source = submit(), submit()
    Contribution.objects.filter(pk=source.pk).update(status=status)
    with pytest.raises(InvalidInput):
        contributions_merge(actor=moderator, target=target, sources=[source])


def test_merge_into_itself_or_nothing_is_refused(submit, moderator):
    target = submit()
    with pytest.raises(InvalidInput):
        contributions_merge(actor=moderator, target=target, sources=[target])
    with pytest.raises(InvalidInput):
        contributions_merge(actor=moderator, target=target, sources=[])


def test_merge_needs_scope_on_every_contribution(submit, scoped_moderator):
    target, source = submit(axis=1, zona=3), submit(axis=2, zona=3)
    with pytest.raises(PermissionDenied):
        contributions_merge(actor=scoped_moderator, target=target, sources=[source])
    source.refresh_from_db()
    assert source.status == "published"

"""Decisions: the state machine, reasons, audit rows, emails, comment counters, bulk, stale forms."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from consultazione.contributions import lifecycle
from consultazione.core.exceptions import Conflict, InvalidInput, PermissionDenied
from consultazione.moderation.models import Decision, Report
from consultazione.moderation.services import DECISION_ACTIONS, item_decide, items_decide_bulk

A = Decision.Action
STATES = ["pending", "published", "hidden", "rejected", "withdrawn", "merged"]
CASES = [(action, state) for action in DECISION_ACTIONS for state in STATES]


def force_status(item, status):
    type(item).objects.filter(pk=item.pk).update(status=status)
    item.status = status


@pytest.mark.parametrize(("action", "state"), CASES)
def test_transition_matrix(submit, moderator, action, state):
    """item_decide follows the lifecycle (tests/contributions/test_lifecycle.py has every cell)."""
    item = submit()
    force_status(item, state)
    target = lifecycle.target(lifecycle.state_of(item), action, lifecycle.Actor.MODERATOR)
    reason = "off_topic" if action in (A.REJECT, A.HIDE) else ""
    if target is not None:
        decision = item_decide(actor=moderator, item=item, action=action, expected_state=state, reason_code=reason)
        item.refresh_from_db()
        assert lifecycle.state_of(item) == target
        assert (decision.from_state, decision.to_state, decision.result) == (state, item.status, "applied")
    else:
        with pytest.raises(InvalidInput):
            item_decide(actor=moderator, item=item, action=action, expected_state=state, reason_code=reason)
        item.refresh_from_db()
        assert item.status == state
        assert not Decision.objects.filter(contribution=item).exists()


def test_approve_publishes_a_pending_contribution_and_mails_the_author(submit, moderator, django_capture_on_commit_callbacks):
    item = submit(pre=True)
    assert item.status == "pending" and item.published_at is None
    with django_capture_on_commit_callbacks(execute=True):
        decision = item_decide(actor=moderator, item=item, action=A.APPROVE, expected_state="pending", reason_text="Conforme")
    item.refresh_from_db()
    assert item.status == "published" and item.published_at is not None
    assert decision.actor == moderator and decision.reason_text == "Conforme"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [item.author.email]
    assert "Pubblicato" in mail.outbox[0].subject


def test_reject_needs_a_reason_and_other_needs_text(submit, moderator):
    item = submit(pre=True)
    with pytest.raises(ValidationError) as missing:
        item_decide(actor=moderator, item=item, action=A.REJECT, expected_state="pending")
    assert "reason_code" in missing.value.message_dict
    with pytest.raises(ValidationError) as other:
        item_decide(actor=moderator, item=item, action=A.REJECT, expected_state="pending", reason_code="other")
    assert "reason_text" in other.value.message_dict
    with pytest.raises(ValidationError):
        item_decide(actor=moderator, item=item, action=A.REJECT, expected_state="pending", reason_code="nonsense")
    item.refresh_from_db()
    assert item.status == "pending"
    assert not Decision.objects.exists()


def test_reject_email_carries_reason_and_netiquette(submit, moderator, django_capture_on_commit_callbacks):
    item = submit(pre=True)
    with django_capture_on_commit_callbacks(execute=True):
        item_decide(
            actor=moderator, item=item, action=A.REJECT, expected_state="pending", reason_code="spam", reason_text="Pubblicità"
        )
    (message,) = mail.outbox
    assert "Non pubblicato" in message.subject
    assert "Spam" in message.body and "Pubblicità" in message.body
    assert "/netiquette/" in message.body and "/moderazione/motivi/" in message.body


def test_personal_data_reason_flags_the_item(submit, moderator):
    item = submit()
    item_decide(actor=moderator, item=item, action=A.HIDE, expected_state="published", reason_code="personal_data")
    item.refresh_from_db()
    assert item.contains_personal_data is True
    assert item.status == "hidden"


def test_stale_expected_state_is_a_conflict_recorded_in_the_audit(submit, moderator, staff):
    item = submit(pre=True)
    item_decide(actor=staff, item=item, action=A.APPROVE, expected_state="pending")
    with pytest.raises(Conflict) as exc:
        item_decide(actor=moderator, item=item, action=A.REJECT, expected_state="pending", reason_code="spam")
    assert exc.value.code == "already_decided"
    assert "Pubblicato" in exc.value.message
    item.refresh_from_db()
    assert item.status == "published"
    first, second = Decision.objects.filter(contribution=item).order_by("id")
    assert (first.actor, first.result, first.from_state, first.to_state) == (staff, "applied", "pending", "published")
    assert (second.actor, second.result, second.expected_state, second.from_state, second.to_state) == (
        moderator,
        "conflict",
        "pending",
        "published",
        "rejected",
    )


def test_hiding_upholds_open_reports_and_restoring_dismisses_them(submit, moderator, user_factory):
    from consultazione.moderation.services import report_create

    item = submit()
    report_create(reporter=user_factory(), item=item, reason_code="offensive")
    item.refresh_from_db()
    assert item.report_count == 1
    item_decide(actor=moderator, item=item, action=A.HIDE, expected_state="published", reason_code="offensive")
    item.refresh_from_db()
    assert item.report_count == 0
    assert Report.objects.get(contribution=item).resolution == "upheld"


def test_comment_decisions_move_the_counters(submit, comment_on, moderator):
    contribution = submit()
    parent = comment_on(contribution)
    reply = comment_on(contribution, parent=parent, pre=True)
    contribution.refresh_from_db()
    parent.refresh_from_db()
    assert (contribution.comment_count, parent.reply_count, reply.status) == (1, 0, "pending")
    item_decide(actor=moderator, item=reply, action=A.APPROVE, expected_state="pending")
    contribution.refresh_from_db()
    parent.refresh_from_db()
    assert (contribution.comment_count, parent.reply_count) == (2, 1)
    item_decide(actor=moderator, item=reply, action=A.HIDE, expected_state="published", reason_code="offensive")
    contribution.refresh_from_db()
    parent.refresh_from_db()
    assert (contribution.comment_count, parent.reply_count) == (1, 0)
    assert Decision.objects.filter(comment=reply).count() == 2


def test_bulk_applies_one_reason_and_skips_items_decided_meanwhile(submit, moderator):
    first, second, third = submit(pre=True), submit(pre=True), submit(pre=True)
    item_decide(actor=moderator, item=second, action=A.APPROVE, expected_state="pending")
    result = items_decide_bulk(
        actor=moderator,
        items=[(first, "pending"), (second, "pending"), (third, "pending")],
        action=A.REJECT,
        reason_code="off_topic",
    )
    assert [d.contribution_id for d in result.applied] == [first.pk, third.pk]
    assert [d.contribution_id for d in result.conflicts] == [second.pk]
    assert {d.reason_code for d in result.applied} == {"off_topic"}
    statuses = dict(type(first).objects.filter(pk__in=[first.pk, second.pk, third.pk]).values_list("pk", "status"))
    assert statuses == {first.pk: "rejected", second.pk: "published", third.pk: "rejected"}


def test_bulk_out_of_scope_changes_nothing(submit, scoped_moderator):
    inside = submit(pre=True, axis=1, zona=3)
    outside = submit(pre=True, axis=2, zona=3)
    with pytest.raises(PermissionDenied):
        items_decide_bulk(actor=scoped_moderator, items=[(inside, "pending"), (outside, "pending")], action=A.APPROVE)
    assert set(type(inside).objects.filter(pk__in=[inside.pk, outside.pk]).values_list("status", flat=True)) == {"pending"}
    assert not Decision.objects.exists()


def test_bulk_needs_a_selection(moderator):
    with pytest.raises(InvalidInput):
        items_decide_bulk(actor=moderator, items=[], action=A.APPROVE)

"""Blocking (staff, audited, content hidden, no posting), the append-only audit, personal data."""

import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from consultazione.accounts.services import user_delete_account, user_export_data
from consultazione.contributions.models import Contribution
from consultazione.contributions.services import contribution_submit
from consultazione.core import personal_data
from consultazione.core.audit import AppendOnlyError
from consultazione.core.exceptions import Conflict, PermissionDenied
from consultazione.moderation.models import Decision, Report
from consultazione.moderation.services import item_decide, report_create, user_block, user_unblock


def test_staff_blocks_and_unblocks_with_audit_and_email(submit, staff, citizen, open_psm, django_capture_on_commit_callbacks):
    item = submit(author=citizen)
    assert Contribution.objects.public().filter(pk=item.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        user_block(actor=staff, user=citizen, reason="Spam ripetuto", reason_code="spam")
    citizen.refresh_from_db()
    assert citizen.is_blocked and citizen.blocked_reason == "Spam ripetuto"
    assert not Contribution.objects.public().filter(pk=item.pk).exists()
    with pytest.raises(PermissionDenied):
        contribution_submit(
            author=citizen,
            process=open_psm.process,
            kind="idea",
            title="Ancora una proposta",
            body="Testo",
            axis=open_psm.axes[1],
        )
    with pytest.raises(Conflict):
        user_block(actor=staff, user=citizen, reason="di nuovo")
    with django_capture_on_commit_callbacks(execute=True):
        user_unblock(actor=staff, user=citizen, reason="Chiarito")
    citizen.refresh_from_db()
    assert not citizen.is_blocked
    assert list(Decision.objects.filter(subject_user=citizen).order_by("id").values_list("action", "from_state", "to_state")) == [
        ("block", "active", "blocked"),
        ("unblock", "blocked", "active"),
    ]
    assert [m.subject for m in mail.outbox] == ["Il tuo account è stato bloccato", "Il tuo account è stato sbloccato"]
    assert "Spam ripetuto" in mail.outbox[0].body


def test_only_staff_blocks_and_never_themselves(moderator, staff, citizen):
    with pytest.raises(PermissionDenied):
        user_block(actor=moderator, user=citizen, reason="x")
    with pytest.raises(PermissionDenied):
        user_block(actor=staff, user=staff, reason="x")
    with pytest.raises(ValidationError):
        user_block(actor=staff, user=citizen, reason=" ")
    citizen.refresh_from_db()
    assert not citizen.is_blocked and not Decision.objects.exists()


def test_a_blocked_moderator_cannot_moderate(submit, moderator, staff):
    item = submit(pre=True)
    user_block(actor=staff, user=moderator, reason="Account compromesso")
    moderator.refresh_from_db()
    with pytest.raises(PermissionDenied):
        item_decide(actor=moderator, item=item, action="approve", expected_state="pending")


def test_audit_rows_cannot_be_changed_or_deleted(submit, moderator):
    item = submit(pre=True)
    decision = item_decide(actor=moderator, item=item, action="approve", expected_state="pending")
    decision.reason_text = "riscritto"
    with pytest.raises(AppendOnlyError):
        decision.save()
    with pytest.raises(AppendOnlyError):
        decision.delete()
    with pytest.raises(AppendOnlyError):
        Decision.objects.filter(pk=decision.pk).update(reason_text="riscritto")
    with pytest.raises(AppendOnlyError):
        Decision.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        Decision.objects.bulk_update([decision], ["reason_text"])
    assert Decision.objects.get(pk=decision.pk).reason_text == ""


def test_audit_is_complete_for_a_life_cycle(submit, moderator, staff, user_factory, settings):
    settings.MODERATION_AUTO_HIDE_REPORTS = 1
    item = submit(pre=True)
    item_decide(actor=moderator, item=item, action="approve", expected_state="pending")
    report_create(reporter=user_factory(), item=item, reason_code="offensive")
    item_decide(actor=moderator, item=item, action="restore", expected_state="hidden")
    item_decide(actor=staff, item=item, action="hide", expected_state="published", reason_code="personal_data")
    rows = list(Decision.objects.filter(contribution=item).order_by("id"))
    assert [(r.action, r.from_state, r.to_state) for r in rows] == [
        ("approve", "pending", "published"),
        ("auto_hide", "published", "hidden"),
        ("restore", "hidden", "published"),
        ("hide", "published", "hidden"),
    ]
    assert [r.actor for r in rows] == [moderator, None, moderator, staff]
    assert all(r.created_at for r in rows)
    for previous, current in zip(rows, rows[1:], strict=False):
        assert previous.to_state == current.from_state


def test_profile_export_and_erasure(submit, citizen, user_factory, moderator):
    item = submit(author=citizen, pre=True)
    item_decide(
        actor=moderator,
        item=item,
        action="reject",
        expected_state="pending",
        reason_code="off_topic",
        reason_text="Non pertinente",
    )
    reporter = user_factory()
    other = submit()
    report_create(reporter=reporter, item=other, reason_code="other", text="Contiene il mio numero")
    (section,) = [s for s in personal_data.profile_sections_for(citizen) if s["template"].startswith("moderation/")]
    assert [d.reason_code for d in section["context"]["decisions"]] == ["off_topic"]
    exported = json.loads(user_export_data(actor=citizen, user=citizen))["moderation"]
    assert exported["decisions_about_me"][0]["reason_text"] == "Non pertinente"
    assert (
        json.loads(user_export_data(actor=reporter, user=reporter))["moderation"]["reports_made"][0]["text"]
        == "Contiene il mio numero"
    )
    user_delete_account(actor=reporter, user=reporter)
    assert Report.objects.get(reporter=reporter).text == ""

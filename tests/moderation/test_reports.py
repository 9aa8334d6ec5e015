"""Reports: once per person, auto-hide at the threshold (audited as "system"), dismissal."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from consultazione.core.exceptions import Conflict, InvalidInput, PermissionDenied
from consultazione.moderation.models import Decision, Report
from consultazione.moderation.services import item_decide, report_create, reports_dismiss


def test_a_second_report_by_the_same_person_is_refused(submit, citizen):
    item = submit()
    report_create(reporter=citizen, item=item, reason_code="spam")
    with pytest.raises(Conflict) as exc:
        report_create(reporter=citizen, item=item, reason_code="offensive")
    assert exc.value.code == "already_reported"
    item.refresh_from_db()
    assert item.report_count == 1
    assert Report.objects.filter(contribution=item).count() == 1


def test_reporting_needs_a_reason_and_other_needs_details(submit, citizen):
    item = submit()
    with pytest.raises(ValidationError):
        report_create(reporter=citizen, item=item, reason_code="")
    with pytest.raises(ValidationError) as exc:
        report_create(reporter=citizen, item=item, reason_code="other", text="  ")
    assert "reason_text" in exc.value.message_dict
    assert not Report.objects.exists()


def test_own_content_unverified_and_blocked_accounts_cannot_report(submit, citizen, unverified_user, user_factory):
    item = submit(author=citizen)
    blocked = user_factory()
    blocked.blocked_at = blocked.date_joined
    blocked.save()
    for person in (citizen, unverified_user, blocked):
        with pytest.raises(PermissionDenied):
            report_create(reporter=person, item=item, reason_code="spam")
    assert not Report.objects.exists()


def test_pending_content_cannot_be_reported(submit, citizen):
    item = submit(pre=True)
    with pytest.raises(InvalidInput):
        report_create(reporter=citizen, item=item, reason_code="spam")


@pytest.mark.parametrize("threshold", [1, 3])
def test_auto_hide_at_the_threshold(submit, user_factory, settings, threshold, django_capture_on_commit_callbacks):
    settings.MODERATION_AUTO_HIDE_REPORTS = threshold
    item = submit()
    for n in range(1, threshold + 1):
        with django_capture_on_commit_callbacks(execute=True):
            report_create(reporter=user_factory(), item=item, reason_code="offensive")
        item.refresh_from_db()
        assert item.report_count == n
        assert item.status == ("hidden" if n == threshold else "published")
    (auto,) = Decision.objects.filter(contribution=item)
    assert (auto.actor, auto.action, auto.from_state, auto.to_state) == (None, "auto_hide", "published", "hidden")
    assert auto.changes == {"reports": threshold}
    (message,) = mail.outbox
    assert "in attesa di verifica" in message.subject
    assert "automaticamente" in message.body


def test_dismissing_restores_an_auto_hidden_item(submit, user_factory, moderator, settings):
    settings.MODERATION_AUTO_HIDE_REPORTS = 2
    item = submit()
    for _n in range(2):
        report_create(reporter=user_factory(), item=item, reason_code="spam")
    decision = reports_dismiss(actor=moderator, item=item, reason_text="Contenuto in regola")
    item.refresh_from_db()
    assert (item.status, item.report_count) == ("published", 0)
    assert (decision.action, decision.from_state, decision.to_state, decision.changes) == (
        "dismiss_reports",
        "hidden",
        "published",
        {"reports": 2},
    )
    assert set(Report.objects.filter(contribution=item).values_list("resolution", flat=True)) == {"dismissed"}
    with pytest.raises(Conflict):
        reports_dismiss(actor=moderator, item=item)


def test_dismissing_does_not_restore_an_item_hidden_by_a_person(submit, user_factory, moderator):
    item = submit()
    report_create(reporter=user_factory(), item=item, reason_code="spam")
    item_decide(actor=moderator, item=item, action="hide", expected_state="published", reason_code="spam")
    with pytest.raises(Conflict):
        reports_dismiss(actor=moderator, item=item)
    item.refresh_from_db()
    assert item.status == "hidden"


def test_reports_on_comments_count_and_auto_hide(submit, comment_on, user_factory, settings):
    settings.MODERATION_AUTO_HIDE_REPORTS = 2
    contribution = submit()
    comment = comment_on(contribution)
    for _n in range(2):
        report_create(reporter=user_factory(), item=comment, reason_code="offensive")
    comment.refresh_from_db()
    contribution.refresh_from_db()
    assert (comment.status, comment.report_count, contribution.comment_count) == ("hidden", 2, 0)
    assert Decision.objects.get(comment=comment).action == "auto_hide"


def test_scoped_moderator_cannot_dismiss_outside_scope(submit, user_factory, scoped_moderator):
    item = submit(axis=2, zona=3)
    report_create(reporter=user_factory(), item=item, reason_code="spam")
    with pytest.raises(PermissionDenied):
        reports_dismiss(actor=scoped_moderator, item=item)
    item.refresh_from_db()
    assert item.report_count == 1

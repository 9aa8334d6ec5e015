"""Who is told, and who never is: the actor, people who stopped following, anyone about content
that is not public."""

import pytest
from django.core import mail

from consultazione.moderation.services import item_decide, outcome_record
from consultazione.notifications.models import Follow, Notification
from consultazione.notifications.services import follow_set, preferences_update
from consultazione.voting.services import support_add, support_remove
from tests.conftest import make_user

from .conftest import digest, mails_to

pytestmark = pytest.mark.django_db


def test_the_author_follows_and_hears_of_a_comment_on_their_contribution(submit, comment_on, committing):
    author = make_user()
    contribution = submit(author=author)
    assert Follow.objects.filter(user=author, contribution=contribution, active=True).exists()
    mail.outbox.clear()
    with committing():
        comment_on(contribution)
    (message,) = mails_to(author)
    assert message.subject == f"Nuovo commento su {contribution.reference}"


def test_the_actor_is_never_told_of_their_own_action(submit, comment_on, committing, staff):
    author = make_user()
    contribution = submit(author=author)
    follow_set(user=staff, contribution=contribution, following=True)
    mail.outbox.clear()
    with committing():
        own = comment_on(contribution, author=author)  # on their own contribution
        comment_on(contribution, author=author, parent=own)  # a reply to their own comment
        outcome_record(actor=staff, contribution=contribution, outcome="accolto", motivation="Entra nel piano.")
    # only the moderation app's own outcome email to the author, no notification
    assert [m.subject.split(":")[0] for m in mails_to(author)] == ["Esito del tuo contributo"]
    # staff follows it: told of the author's comments, not of the outcome staff recorded
    assert sorted(m.subject for m in mails_to(staff)) == [f"Nuovo commento su {contribution.reference}"] * 2
    assert not Notification.objects.filter(recipient=author).exists()
    assert not Notification.objects.filter(recipient=staff, kind="outcome").exists()


def test_the_author_gets_the_moderation_outcome_email_once(submit, committing, staff):
    author = make_user()
    contribution = submit(author=author)
    mail.outbox.clear()
    with committing():
        outcome_record(actor=staff, contribution=contribution, outcome="accolto", motivation="Entra nel piano.")
    (message,) = mails_to(author)
    assert message.subject.startswith("Esito del tuo contributo")


def test_unfollowing_stops_the_emails_and_supporting_again_does_not_follow_again(submit, comment_on, committing):
    contribution = submit()
    supporter = make_user()
    support_add(user=supporter, contribution=contribution)
    follow_set(user=supporter, contribution=contribution, following=False)
    support_remove(user=supporter, contribution=contribution)
    support_add(user=supporter, contribution=contribution)
    mail.outbox.clear()
    with committing():
        comment_on(contribution)
    assert mails_to(supporter) == []


def test_a_pending_comment_tells_nobody_until_a_moderator_publishes_it(submit, comment_on, committing, moderator):
    author = make_user()
    contribution = submit(author=author)
    mail.outbox.clear()
    with committing():
        comment = comment_on(contribution, pre=True)
    assert mails_to(author) == []
    with committing():
        item_decide(actor=moderator, item=comment, action="approve", expected_state="pending")
    (message,) = mails_to(author)
    assert f"#commento-{comment.pk}" in message.body


def test_an_outcome_on_a_hidden_contribution_tells_no_follower(submit, committing, moderator, staff):
    contribution = submit()
    follower = make_user()
    follow_set(user=follower, contribution=contribution, following=True)
    item_decide(actor=moderator, item=contribution, action="hide", expected_state="published", reason_code="spam")
    mail.outbox.clear()
    with committing():
        outcome_record(actor=staff, contribution=contribution, outcome="non_accolto", motivation="Fuori tema.")
    assert mails_to(follower) == []


def test_the_digest_leaves_out_a_comment_hidden_since(submit, comment_on, committing, moderator):
    contribution = submit()
    follower = make_user()
    follow_set(user=follower, contribution=contribution, following=True)
    preferences_update(actor=follower, user=follower, changes={"contribution_comment": "digest"})
    with committing():
        comment = comment_on(contribution)
    item_decide(actor=moderator, item=comment, action="hide", expected_state="published", reason_code="spam")
    mail.outbox.clear()
    digest()
    assert mails_to(follower) == []
    assert Notification.objects.get(recipient=follower).state == "skipped"


def test_an_unverified_or_deleted_follower_gets_nothing(submit, comment_on, committing):
    from consultazione.accounts.services import user_delete_account

    contribution = submit()
    unverified = make_user(verified=False)
    leaving = make_user()
    for person in (unverified, leaving):
        follow_set(user=person, contribution=contribution, following=True)
    user_delete_account(actor=leaving, user=leaving)
    mail.outbox.clear()
    with committing():
        comment_on(contribution)
    assert mails_to(unverified) == [] and not Notification.objects.filter(recipient__in=[unverified, leaving]).exists()
    assert not Follow.objects.filter(user=leaving).exists()  # erased with the account


def test_nobody_may_follow_a_contribution_they_cannot_read(submit):
    from consultazione.core.exceptions import PermissionDenied

    pending = submit(pre=True)
    with pytest.raises(PermissionDenied):
        follow_set(user=make_user(), contribution=pending, following=True)
    assert not Follow.objects.filter(contribution=pending).exclude(user=pending.author).exists()


def test_followers_of_a_merged_contribution_follow_the_kept_one(submit, comment_on, committing, moderator):
    from consultazione.moderation.services import contributions_merge

    source, target = submit(), submit()
    follower = make_user()
    follow_set(user=follower, contribution=source, following=True)
    contributions_merge(actor=moderator, target=target, sources=[source])
    assert Follow.objects.filter(user=follower, contribution=target, active=True).exists()

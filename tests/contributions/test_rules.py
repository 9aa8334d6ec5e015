"""Role × phase matrix: every cell of submit, facilitated submit, edit, withdraw, comment, edit
comment and delete comment is asserted through the rules, and submit/comment through the services."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from consultazione.accounts.roles import Role
from consultazione.contributions.models import Comment, CommentStatus, Contribution, Status
from consultazione.contributions.services import comment_create, contribution_submit
from consultazione.core.exceptions import PermissionDenied
from consultazione.process.services import phase_force_active

from .conftest import fresh_process

ROLES = ["anonymous", "unverified", "citizen", "blocked", "moderator", "facilitator", "staff", "steering"]
PHASES = ["analisi", "ascolto", "co_pianificazione", "approvazione", None]
SUBMIT_PHASES = {"ascolto", "co_pianificazione"}
COMMENT_PHASES = {"ascolto", "co_pianificazione", "approvazione"}
ACTIVE = {"citizen", "moderator", "facilitator", "staff", "steering"}  # verified and not blocked


def _user(role, user_factory):
    if role == "anonymous":
        return AnonymousUser()
    roles = {"moderator": [Role.MODERATOR], "facilitator": [Role.FACILITATOR], "staff": [Role.STAFF], "steering": [Role.STEERING]}
    user = user_factory(roles=roles.get(role, []), verified=role != "unverified")
    if role == "blocked":
        user.blocked_at = timezone.now()
        user.save(update_fields=["blocked_at"])
    return user


def _contribution(psm, author, **fields) -> Contribution:
    values = {
        "process": psm.process,
        "phase": psm.process.phases.get(kind="ascolto"),
        "kind": "idea",
        "title": "Un contributo di prova",
        "body": "Testo",
        "axis": psm.axes[1],
        "author": author,
        "status": Status.PUBLISHED,
        "published_at": timezone.now(),
        "reference": None,
    }
    values.update(fields)
    return Contribution.objects.create(**values)


def _succeeds(call) -> bool:
    try:
        with transaction.atomic():
            call()
    except PermissionDenied:
        return False
    return True


@pytest.mark.parametrize("phase", PHASES, ids=lambda p: p or "nessuna-fase")
@pytest.mark.parametrize("role", ROLES)
def test_matrix(psm, user_factory, role, phase):
    user = _user(role, user_factory)
    owner = None if role == "anonymous" else user
    others = user_factory()
    own = _contribution(psm, owner)
    someone_elses = _contribution(psm, others)
    own_comment = Comment.objects.create(contribution=someone_elses, author=owner, body="Mio", status=CommentStatus.PUBLISHED)
    if phase is None:
        phase_force_active(process=psm.process, kind=None)  # the real calendar ended in 2024: no phase is active
    else:
        psm.set_phase(phase)
    process = fresh_process(psm)
    for item in (own, someone_elses):
        item.process = process
    own_comment.contribution = someone_elses

    can_act = role in ACTIVE
    expected = {
        "add_contribution": can_act and phase in SUBMIT_PHASES,
        "add_facilitated_contribution": role in {"facilitator", "staff"},
        "change_contribution (own)": can_act and phase in SUBMIT_PHASES,
        "change_contribution (other's)": False,
        "withdraw_contribution (own)": role != "anonymous",
        "withdraw_contribution (other's)": False,
        "add_comment": can_act and phase in COMMENT_PHASES,
        "change_comment (own)": can_act and phase in COMMENT_PHASES,
        "delete_comment (own)": role != "anonymous",
        "view_contribution (private, other's)": role in {"moderator", "staff"},
    }
    private = _contribution(psm, others, is_private=True, status=Status.PENDING, published_at=None)
    actual = {
        "add_contribution": user.has_perm("contributions.add_contribution", process),
        "add_facilitated_contribution": user.has_perm("contributions.add_facilitated_contribution", process),
        "change_contribution (own)": user.has_perm("contributions.change_contribution", own),
        "change_contribution (other's)": user.has_perm("contributions.change_contribution", someone_elses),
        "withdraw_contribution (own)": user.has_perm("contributions.withdraw_contribution", own),
        "withdraw_contribution (other's)": user.has_perm("contributions.withdraw_contribution", someone_elses),
        "add_comment": user.has_perm("contributions.add_comment", someone_elses),
        "change_comment (own)": user.has_perm("contributions.change_comment", own_comment),
        "delete_comment (own)": user.has_perm("contributions.delete_comment", own_comment),
        "view_contribution (private, other's)": user.has_perm("contributions.view_contribution", private),
    }
    assert actual == expected

    submitted = _succeeds(
        lambda: contribution_submit(
            author=user, process=process, kind="bisogno", title="Un bisogno del territorio", body="Testo", axis=psm.axes[1]
        )
    )
    commented = _succeeds(lambda: comment_create(author=user, contribution=someone_elses, body="Commento", alignment=1))
    assert (submitted, commented) == (expected["add_contribution"], expected["add_comment"])


@pytest.mark.parametrize("status", [Status.PENDING, Status.HIDDEN, Status.REJECTED, Status.WITHDRAWN, Status.MERGED])
def test_status_gates(psm, citizen, moderator, status):
    """Edit only pending/published; withdraw pending/published/hidden/rejected (hidden and rejected
    stay so: tests/contributions/test_lifecycle.py); comment only published."""
    psm.set_phase("ascolto")
    contribution = _contribution(psm, citizen, status=status)
    contribution.process = fresh_process(psm)
    assert citizen.has_perm("contributions.change_contribution", contribution) is (status == Status.PENDING)
    assert citizen.has_perm("contributions.withdraw_contribution", contribution) is (
        status in {Status.PENDING, Status.HIDDEN, Status.REJECTED}
    )
    assert moderator.has_perm("contributions.add_comment", contribution) is False


def test_public_visibility(psm, citizen, user_factory):
    stranger = user_factory()
    published = _contribution(psm, citizen)
    withdrawn_after_publication = _contribution(psm, citizen, status=Status.WITHDRAWN)
    withdrawn_before_publication = _contribution(psm, citizen, status=Status.WITHDRAWN, published_at=None)
    assert stranger.has_perm("contributions.view_contribution", published)
    assert AnonymousUser().has_perm("contributions.view_contribution", withdrawn_after_publication)
    assert not stranger.has_perm("contributions.view_contribution", withdrawn_before_publication)
    assert citizen.has_perm("contributions.view_contribution", withdrawn_before_publication)
    citizen.blocked_at = timezone.now()
    citizen.save()
    published.author.refresh_from_db()
    assert not stranger.has_perm("contributions.view_contribution", published)


def test_facilitator_edits_what_they_entered(psm, facilitator, user_factory):
    psm.set_phase("approvazione")
    entered = _contribution(psm, None, channel="tavolo", entered_by=facilitator, source="Tavolo")
    entered.process = fresh_process(psm)
    assert facilitator.has_perm("contributions.change_contribution", entered)
    assert facilitator.has_perm("contributions.withdraw_contribution", entered)
    other_facilitator = user_factory(roles=[Role.FACILITATOR])
    assert not other_facilitator.has_perm("contributions.change_contribution", entered)

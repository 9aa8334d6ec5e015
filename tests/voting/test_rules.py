"""Role × phase × action: every cell of the voting permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from consultazione.accounts.models import User
from consultazione.voting.models import ResultsVisibility
from consultazione.voting.services import exercise_close
from tests.conftest import make_user

PHASES = ["analisi", "ascolto", "co_pianificazione", "approvazione"]
ROLES = ["anonymous", "unverified", "citizen", "blocked", "moderator", "staff"]

# action -> role -> phases in which the permission is granted
EXPECTED = {
    "voting.add_support": {
        "anonymous": set(),
        "unverified": set(),
        "citizen": {"ascolto", "co_pianificazione"},
        "blocked": set(),
        "moderator": {"ascolto", "co_pianificazione"},
        "staff": {"ascolto", "co_pianificazione"},
    },
    "voting.delete_support": {
        "anonymous": set(),
        "unverified": set(),
        "citizen": {"ascolto", "co_pianificazione"},
        "blocked": set(),
        "moderator": {"ascolto", "co_pianificazione"},
        "staff": {"ascolto", "co_pianificazione"},
    },
    "voting.cast_ballot": {
        "anonymous": set(),
        "unverified": set(),
        "citizen": {"co_pianificazione"},
        "blocked": set(),
        "moderator": {"co_pianificazione"},
        "staff": {"co_pianificazione"},
    },
    "voting.add_priorityexercise": {
        "anonymous": set(),
        "unverified": set(),
        "citizen": set(),
        "blocked": set(),
        "moderator": set(),
        "staff": set(PHASES),
    },
    # open exercise whose results are published after closing
    "voting.view_results": {
        "anonymous": set(),
        "unverified": set(),
        "citizen": set(),
        "blocked": set(),
        "moderator": set(),
        "staff": set(PHASES),
    },
}


def _user(role: str):
    if role == "anonymous":
        return AnonymousUser()
    if role == "unverified":
        return make_user(verified=False)
    if role == "blocked":
        user = make_user()
        User.objects.filter(pk=user.pk).update(blocked_at=timezone.now(), blocked_reason="spam")
        user.refresh_from_db()
        return user
    roles = {"moderator": ["moderator"], "staff": ["staff"]}.get(role, [])
    return make_user(roles=roles)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", PHASES)
def test_permission_matrix(psm, idea, exercise_factory, role, phase):
    exercise = exercise_factory(results_visibility=ResultsVisibility.AFTER_CLOSE)
    psm.set_phase(phase)
    user = _user(role)
    targets = {
        "voting.add_support": idea,
        "voting.delete_support": idea,
        "voting.cast_ballot": exercise,
        "voting.add_priorityexercise": None,
        "voting.view_results": exercise,
    }
    for perm, obj in targets.items():
        expected = phase in EXPECTED[perm][role]
        assert user.has_perm(perm, obj) is expected, (perm, role, phase)


@pytest.mark.parametrize(
    ("visibility", "closed", "citizen_sees"),
    [
        (ResultsVisibility.LIVE, False, True),
        (ResultsVisibility.LIVE, True, True),
        (ResultsVisibility.AFTER_CLOSE, False, False),
        (ResultsVisibility.AFTER_CLOSE, True, True),
    ],
)
def test_results_visibility(psm, citizen, staff, exercise_factory, visibility, closed, citizen_sees):
    exercise = exercise_factory(results_visibility=visibility)
    if closed:
        exercise_close(actor=staff, exercise=exercise)
    assert citizen.has_perm("voting.view_results", exercise) is citizen_sees
    assert AnonymousUser().has_perm("voting.view_results", exercise) is citizen_sees
    assert staff.has_perm("voting.view_results", exercise) is True


def test_draft_exercise_is_staff_only(psm, citizen, staff, exercise_factory):
    draft = exercise_factory(open_now=False, results_visibility=ResultsVisibility.LIVE)
    assert not citizen.has_perm("voting.view_priorityexercise", draft)
    assert not citizen.has_perm("voting.view_results", draft)
    assert staff.has_perm("voting.view_priorityexercise", draft)
    psm.set_phase("co_pianificazione")
    assert not citizen.has_perm("voting.cast_ballot", draft)


@pytest.mark.parametrize("status", ["pending", "hidden", "rejected", "withdrawn", "merged"])
def test_only_public_contributions_can_be_supported(psm, citizen, contribution_factory, status):
    psm.set_phase("ascolto")
    assert not citizen.has_perm("voting.add_support", contribution_factory(status=status))
    assert citizen.has_perm("voting.add_support", contribution_factory())
    assert not citizen.has_perm("voting.add_support", contribution_factory(is_private=True))


def test_contribution_of_blocked_author_cannot_be_supported(psm, citizen, contribution_factory):
    psm.set_phase("ascolto")
    author = make_user()
    contribution = contribution_factory(author=author)
    User.objects.filter(pk=author.pk).update(blocked_at=timezone.now())
    contribution.author.refresh_from_db()
    assert not citizen.has_perm("voting.add_support", contribution)


def test_exercise_bound_to_a_phase(psm, citizen, exercise_factory):
    phase = psm.process.phases.get(kind="co_pianificazione")
    exercise = exercise_factory(phase=phase)
    psm.set_phase("co_pianificazione")
    assert citizen.has_perm("voting.cast_ballot", exercise)
    other = psm.process.phases.get(kind="ascolto")
    exercise.phase = other
    assert not citizen.has_perm("voting.cast_ballot", exercise)

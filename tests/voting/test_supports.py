"""Supports through the services: once per person, withdraw, per-process limit, merge."""

import pytest
from django.utils import timezone

from consultazione.core.exceptions import Conflict, InvalidInput, NotAllowedInPhase, PermissionDenied
from consultazione.voting.models import Support
from consultazione.voting.services import support_add, support_remove, supports_move
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def listening(psm):
    psm.set_phase("ascolto")


def test_support_counts_once_and_withdraw(citizen, idea):
    assert support_add(user=citizen, contribution=idea).support_count == 1
    with pytest.raises(Conflict) as error:
        support_add(user=citizen, contribution=idea)
    assert error.value.code == "already_supported"
    idea.refresh_from_db()
    assert idea.support_count == 1
    assert Support.objects.filter(contribution=idea).count() == 1

    assert support_remove(user=citizen, contribution=idea).support_count == 0
    assert not Support.objects.filter(contribution=idea).exists()
    with pytest.raises(Conflict) as error:
        support_remove(user=citizen, contribution=idea)
    assert error.value.code == "not_supported"
    idea.refresh_from_db()
    assert idea.support_count == 0


def test_several_people(idea):
    for _ in range(3):
        support_add(user=make_user(), contribution=idea)
    idea.refresh_from_db()
    assert idea.support_count == 3


@pytest.mark.parametrize(
    ("phase", "error"),
    [("analisi", NotAllowedInPhase), ("approvazione", NotAllowedInPhase), ("co_pianificazione", None)],
)
def test_phase_rules(psm, citizen, idea, phase, error):
    psm.set_phase(phase)
    if error:
        with pytest.raises(error) as raised:
            support_add(user=citizen, contribution=idea)
        assert "fase" in raised.value.message
        assert not Support.objects.exists()
    else:
        assert support_add(user=citizen, contribution=idea).support_count == 1


def test_withdraw_refused_once_the_phase_is_over(psm, citizen, idea):
    support_add(user=citizen, contribution=idea)
    psm.set_phase("approvazione")
    with pytest.raises(NotAllowedInPhase):
        support_remove(user=citizen, contribution=idea)
    assert Support.objects.filter(contribution=idea).count() == 1


def test_refusals_explain_why(unverified_user, citizen, contribution_factory):
    with pytest.raises(PermissionDenied) as error:
        support_add(user=unverified_user, contribution=contribution_factory())
    assert error.value.code == "not_verified"
    with pytest.raises(PermissionDenied) as error:
        support_add(user=citizen, contribution=contribution_factory(status="pending"))
    assert error.value.code == "not_public"
    assert not Support.objects.exists()


def test_blocked_person_cannot_support(citizen, idea):
    citizen.blocked_at = timezone.now()
    citizen.save(update_fields=["blocked_at"])
    with pytest.raises(PermissionDenied) as error:
        support_add(user=citizen, contribution=idea)
    assert error.value.code == "blocked"


def test_limit_per_process(psm, citizen, contribution_factory):
    psm.process.supports_per_user = 2
    psm.process.save(update_fields=["supports_per_user"])
    first, second, third = (contribution_factory() for _ in range(3))
    support_add(user=citizen, contribution=first)
    support_add(user=citizen, contribution=second)
    with pytest.raises(Conflict) as error:
        support_add(user=citizen, contribution=third)
    assert error.value.code == "support_limit"
    assert "2" in error.value.message
    third.refresh_from_db()
    assert third.support_count == 0
    support_remove(user=citizen, contribution=first)
    assert support_add(user=citizen, contribution=third).support_count == 1


def test_supports_move_deduplicates_and_recounts(psm, contribution_factory):
    source, target = contribution_factory(), contribution_factory()
    both, only_source, only_target = make_user(), make_user(), make_user()
    for user in (both, only_source):
        support_add(user=user, contribution=source)
    for user in (both, only_target):
        support_add(user=user, contribution=target)

    moved = supports_move(source=source, target=target)

    assert moved == 1
    assert source.support_count == 0
    assert target.support_count == 3
    assert set(Support.objects.filter(contribution=target).values_list("user_id", flat=True)) == {
        both.pk,
        only_source.pk,
        only_target.pk,
    }
    assert not Support.objects.filter(contribution=source).exists()


def test_supports_move_repairs_a_drifted_counter(contribution_factory):
    source, target = contribution_factory(), contribution_factory()
    support_add(user=make_user(), contribution=source)
    type(target).objects.filter(pk=target.pk).update(support_count=99)
    supports_move(source=source, target=target)
    assert target.support_count == 1


def test_supports_move_refuses_self(idea):
    with pytest.raises(InvalidInput):
        supports_move(source=idea, target=idea)

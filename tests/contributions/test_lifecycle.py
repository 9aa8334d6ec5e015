"""The contribution lifecycle (consultazione/contributions/lifecycle.py), every cell.

`EXPECTED` restates the state table of docs/moderation.md: for each state, the actions allowed,
who may do them and where they lead. `test_every_cell_of_the_table` checks every
(state, action, actor) cell of the machine against it, allowed or refused, with the resulting
state and whether it is public. `test_every_cell_through_the_services` then drives each
(state, action) pair through the real service of the actor who would do it (submit, edit,
decide, report, dismiss reports, withdraw, merge) and asserts what the database and an anonymous
visitor end up with.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultazione.contributions import lifecycle
from consultazione.contributions.models import Contribution, Status
from consultazione.contributions.services import contribution_update, contribution_withdraw
from consultazione.core.exceptions import DomainError
from consultazione.moderation.models import Decision
from consultazione.moderation.services import contributions_merge, item_decide, report_create, reports_dismiss
from tests.conftest import make_user, submit_contribution

S, A = lifecycle.State, lifecycle.Action

# state                action            actor      resulting state   ("-": nothing allowed)
EXPECTED_TABLE = """
new                   submit            author     pending
new                   submit_published  author     published
pending               edit              author     pending
pending               approve           moderator  published
pending               reject            moderator  rejected
pending               withdraw          author     withdrawn_unpublished
pending               merge             moderator  merged_unpublished
published             edit              author     published
published             hide              moderator  hidden
published             auto_hide         system     hidden
published             withdraw          author     withdrawn
published             merge             moderator  merged
hidden                reject            moderator  rejected
hidden                restore           moderator  published
hidden                unhide            moderator  published
hidden                withdraw          author     hidden_withdrawn
hidden                merge             moderator  merged_unpublished
rejected              restore           moderator  published
rejected              withdraw          author     rejected_withdrawn
withdrawn             hide              moderator  hidden_withdrawn
withdrawn_unpublished   -
hidden_withdrawn      reject            moderator  rejected_withdrawn
hidden_withdrawn      restore           moderator  withdrawn
hidden_withdrawn      unhide            moderator  withdrawn
rejected_withdrawn      -
merged                  -
merged_unpublished      -
"""
PUBLIC_STATES = {S.PUBLISHED, S.WITHDRAWN, S.MERGED}


def _expected() -> dict[tuple[str, str], tuple[str, str]]:
    table = {}
    for line in EXPECTED_TABLE.strip().splitlines():
        state, *cell = line.split()
        if cell != ["-"]:
            action, actor, result = cell
            table[(state, action)] = (actor, result)
    return table


EXPECTED = _expected()
CELLS = [(state, action, actor) for state in lifecycle.STATES for action in lifecycle.ACTIONS for actor in lifecycle.ACTORS]


def test_the_table_names_every_state():
    assert {line.split()[0] for line in EXPECTED_TABLE.strip().splitlines()} == set(lifecycle.STATES)
    assert set(lifecycle.STORED) == set(lifecycle.STATES) - {S.NEW}


@pytest.mark.parametrize(("state", "action", "actor"), CELLS)
def test_every_cell_of_the_table(state, action, actor):
    wanted_actor, wanted_result = EXPECTED.get((state, action), (None, None))
    result = lifecycle.target(state, action, actor)
    if actor == wanted_actor:
        assert result == wanted_result
        assert lifecycle.is_public_state(result) is (wanted_result in PUBLIC_STATES)
    else:
        assert result is None


# --- through the services -------------------------------------------------------------------

SETUP = {
    S.PENDING: {"status": Status.PENDING, "published_at": None},
    S.PUBLISHED: {},
    S.HIDDEN: {"status": Status.HIDDEN},
    S.REJECTED: {"status": Status.REJECTED},
    S.WITHDRAWN: {"status": Status.WITHDRAWN, "withdrawn_at": "now"},
    S.WITHDRAWN_UNPUBLISHED: {"status": Status.WITHDRAWN, "published_at": None, "withdrawn_at": "now"},
    S.HIDDEN_WITHDRAWN: {"status": Status.HIDDEN, "withdrawn_at": "now"},
    S.REJECTED_WITHDRAWN: {"status": Status.REJECTED, "withdrawn_at": "now"},
    S.MERGED: {"status": Status.MERGED, "merged_after_publication": True},
    S.MERGED_UNPUBLISHED: {"status": Status.MERGED},
}
SERVICE_CELLS = [
    (state, action) for state in SETUP for action in lifecycle.ACTIONS if action not in (A.SUBMIT, A.SUBMIT_PUBLISHED)
]


@pytest.fixture
def world(psm, settings):
    psm.set_phase("ascolto")
    settings.MODERATION_AUTO_HIDE_REPORTS = 1
    return psm


def _in_state(psm, author, state) -> Contribution:
    contribution = submit_contribution(psm, author, title="Un contributo per provare il ciclo di vita")
    fields = {name: (timezone.now() if value == "now" else value) for name, value in SETUP[state].items()}
    if fields:
        Contribution.objects.filter(pk=contribution.pk).update(**fields)
    contribution = Contribution.objects.select_related("process", "author").get(pk=contribution.pk)
    assert lifecycle.state_of(contribution) == state
    return contribution


def _act(action, contribution, *, author, moderator, psm):
    if action == A.EDIT:
        contribution_update(actor=author, contribution=contribution, title="Un titolo corretto dall'autrice")
    elif action in (A.APPROVE, A.REJECT, A.HIDE, A.RESTORE):
        reason = "off_topic" if action in (A.REJECT, A.HIDE) else ""
        item_decide(actor=moderator, item=contribution, action=action, expected_state=contribution.status, reason_code=reason)
    elif action == A.AUTO_HIDE:
        report_create(reporter=make_user(), item=contribution, reason_code="spam")
    elif action == A.UNHIDE:
        # The last state change was the system's automatic hide: dismissing the reports undoes it.
        Decision.objects.create(
            action=Decision.Action.AUTO_HIDE, contribution=contribution, from_state="published", to_state="hidden"
        )
        reports_dismiss(actor=moderator, item=contribution)
    elif action == A.WITHDRAW:
        contribution_withdraw(actor=author, contribution=contribution)
    elif action == A.MERGE:
        target = submit_contribution(psm, make_user(), title="Il contributo che resta dopo l'unione")
        contributions_merge(actor=moderator, target=target, sources=[contribution], reason_text="Doppione")


def _publicly_readable(contribution) -> bool:
    contribution = Contribution.objects.select_related("author").get(pk=contribution.pk)
    by_rule = AnonymousUser().has_perm("contributions.view_contribution", contribution)
    by_queryset = Contribution.objects.readable_by_anyone().filter(pk=contribution.pk).exists()
    assert by_rule is by_queryset
    return by_rule


@pytest.mark.parametrize(("state", "action"), SERVICE_CELLS)
def test_every_cell_through_the_services(world, moderator, state, action):
    author = make_user()
    contribution = _in_state(world, author, state)
    if action == A.EDIT:
        # Inside the edit window, so that only the state decides.
        Contribution.objects.filter(pk=contribution.pk).update(created_at=timezone.now() - timedelta(minutes=1))
        contribution.refresh_from_db()
    _actor, wanted = EXPECTED.get((state, action), (None, None))
    try:
        _act(action, contribution, author=author, moderator=moderator, psm=world)
    except (DomainError, ValidationError):
        refused = True
    else:
        refused = False
    contribution = Contribution.objects.get(pk=contribution.pk)
    if wanted is None:
        # Refused: either the service says so, or (dismissing reports) nothing changes.
        assert refused or action == A.UNHIDE
        assert lifecycle.state_of(contribution) == state
    else:
        assert not refused
        assert lifecycle.state_of(contribution) == wanted
    assert _publicly_readable(contribution) is (lifecycle.state_of(contribution) in PUBLIC_STATES)


@pytest.mark.parametrize("pre", [True, False])
def test_submit_cells_through_the_service(world, pre):
    world.process.contribution_moderation = "pre" if pre else "post"
    world.process.save(update_fields=["contribution_moderation"])
    contribution = submit_contribution(world, make_user())
    assert lifecycle.state_of(contribution) == EXPECTED[(S.NEW, A.SUBMIT if pre else A.SUBMIT_PUBLISHED)][1]
    assert _publicly_readable(contribution) is (not pre)


@pytest.mark.parametrize("action", [A.APPROVE, A.REJECT, A.HIDE, A.RESTORE, A.MERGE])
def test_an_author_cannot_take_moderation_actions(world, action):
    """The actor column: the author's own contribution, every moderator action refused (403)."""
    author = make_user()
    state = S.PENDING if action in (A.APPROVE, A.REJECT) else S.HIDDEN if action == A.RESTORE else S.PUBLISHED
    contribution = _in_state(world, author, state)
    with pytest.raises(DomainError):
        _act(action, contribution, author=author, moderator=author, psm=world)
    assert lifecycle.state_of(Contribution.objects.get(pk=contribution.pk)) == state


def test_a_moderator_cannot_withdraw_someone_elses_contribution(world, moderator):
    contribution = _in_state(world, make_user(), S.PUBLISHED)
    with pytest.raises(DomainError):
        contribution_withdraw(actor=moderator, contribution=contribution)
    assert lifecycle.state_of(Contribution.objects.get(pk=contribution.pk)) == S.PUBLISHED

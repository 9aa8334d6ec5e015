"""The rule matrix: role × scope × permission, every cell asserted."""

import pytest
from django.contrib.auth.models import AnonymousUser

from consultazione.accounts.roles import Role
from consultazione.moderation.models import ModeratorScope
from tests.conftest import make_user

PERMS = ["view_queue", "decide", "dismiss_reports", "curate", "record_outcome", "block_user", "report"]
T, F = True, False

# role: {perm: (on the item inside the scoped moderator's scope, on the item outside it)}
MATRIX = {
    "anonymous": dict.fromkeys(PERMS, (F, F)),
    "unverified": dict.fromkeys(PERMS, (F, F)),
    "citizen": {**dict.fromkeys(PERMS, (F, F)), "report": (T, T)},
    "author": dict.fromkeys(PERMS, (F, F)),
    "blocked_citizen": dict.fromkeys(PERMS, (F, F)),
    "facilitator": {**dict.fromkeys(PERMS, (F, F)), "report": (T, T)},
    "steering": {**dict.fromkeys(PERMS, (F, F)), "report": (T, T)},
    "moderator": {
        "view_queue": (T, T),
        "decide": (T, T),
        "dismiss_reports": (T, T),
        "curate": (T, T),
        "record_outcome": (F, F),
        "block_user": (F, F),
        "report": (T, T),
    },
    "scoped_moderator": {
        "view_queue": (T, T),
        "decide": (T, F),
        "dismiss_reports": (T, F),
        "curate": (T, F),
        "record_outcome": (F, F),
        "block_user": (F, F),
        "report": (T, T),
    },
    "blocked_moderator": dict.fromkeys(PERMS, (F, F)),
    "staff": dict.fromkeys(PERMS, (T, T)),
}
CELLS = [(role, perm) for role in MATRIX for perm in PERMS]


@pytest.fixture
def world(submit, open_psm):
    author = make_user()
    people = {
        "anonymous": AnonymousUser(),
        "unverified": make_user(verified=False),
        "citizen": make_user(),
        "author": author,
        "blocked_citizen": make_user(),
        "facilitator": make_user(roles=[Role.FACILITATOR]),
        "steering": make_user(roles=[Role.STEERING]),
        "moderator": make_user(roles=[Role.MODERATOR]),
        "scoped_moderator": make_user(roles=[Role.MODERATOR]),
        "blocked_moderator": make_user(roles=[Role.MODERATOR]),
        "staff": make_user(roles=[Role.STAFF]),
    }
    for key in ("blocked_citizen", "blocked_moderator"):
        people[key].blocked_at = people[key].date_joined
        people[key].save(update_fields=["blocked_at"])
    ModeratorScope.objects.create(user=people["scoped_moderator"], axis=open_psm.axes[1])
    ModeratorScope.objects.create(user=people["scoped_moderator"], zona=open_psm.zones[3])
    items = (submit(author=author, axis=1, zona=3), submit(author=author, axis=1, zona=4))
    return people, items, author


def target_for(perm, item, author):
    return author if perm == "block_user" else item


@pytest.mark.parametrize(("role", "perm"), CELLS)
def test_rule_matrix(world, role, perm):
    people, items, author = world
    user = people[role]
    got = tuple(user.has_perm(f"moderation.{perm}", target_for(perm, item, author)) for item in items)
    assert got == MATRIX[role][perm], f"{role} / {perm}"


def test_scope_applies_to_comments_through_their_contribution(world, comment_on):
    people, (inside, outside), _author = world
    moderator = people["scoped_moderator"]
    assert moderator.has_perm("moderation.decide", comment_on(inside))
    assert not moderator.has_perm("moderation.decide", comment_on(outside))


def test_a_zone_limited_moderator_does_not_see_metropolitan_items(submit, open_psm):
    moderator = make_user(roles=[Role.MODERATOR])
    ModeratorScope.objects.create(user=moderator, zona=open_psm.zones[3])
    assert moderator.has_perm("moderation.decide", submit(zona=3))
    assert not moderator.has_perm("moderation.decide", submit(zona=None))
    assert not moderator.has_perm("moderation.decide", None)

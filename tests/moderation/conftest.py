"""Fixtures of the moderation tests: contributions and comments made through the contributions
services (pre- or post-moderated as the process says), scoped moderators."""

import itertools

import pytest

from consultazione.accounts.roles import Role
from consultazione.contributions.services import comment_create, contribution_submit
from consultazione.moderation.models import ModeratorScope
from tests.conftest import make_user

_titles = itertools.count(1)


@pytest.fixture
def open_psm(psm):
    """The PSM process in its listening phase (submit, comment, support allowed), post-moderated."""
    psm.set_phase("ascolto")
    return psm


@pytest.fixture
def submit(open_psm):
    """submit(author=None, axis=1, zona=None, pre=False, **fields) -> Contribution."""

    def make(*, author=None, axis: int = 1, zona: int | None = None, pre: bool = False, **fields):
        process = open_psm.process
        wanted = "pre" if pre else "post"
        if process.contribution_moderation != wanted:
            process.contribution_moderation = wanted
            process.save(update_fields=["contribution_moderation"])
        n = next(_titles)
        return contribution_submit(
            author=author or make_user(),
            process=process,
            kind=fields.pop("kind", "idea"),
            title=fields.pop("title", f"Proposta di prova numero {n}"),
            body=fields.pop("body", f"Testo della proposta di prova numero {n}, abbastanza lungo."),
            axis=open_psm.axes[axis],
            zona=open_psm.zones[zona] if zona else None,
            **fields,
        )

    return make


@pytest.fixture
def comment_on(open_psm):
    """comment_on(contribution, author=None, pre=False, parent=None) -> Comment."""

    def make(contribution, *, author=None, pre: bool = False, parent=None, body="Un commento di prova sul contributo."):
        process = open_psm.process
        wanted = "pre" if pre else "post"
        if process.comment_moderation != wanted:
            process.comment_moderation = wanted
            process.save(update_fields=["comment_moderation"])
        contribution.process = process
        return comment_create(author=author or make_user(), contribution=contribution, body=body, parent=parent)

    return make


@pytest.fixture
def scoped_moderator(open_psm):
    """A moderator limited to axis 1 and zone 3."""
    user = make_user(roles=[Role.MODERATOR])
    ModeratorScope.objects.create(user=user, axis=open_psm.axes[1])
    ModeratorScope.objects.create(user=user, zona=open_psm.zones[3])
    return user

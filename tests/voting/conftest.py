"""Fixtures of the voting tests: published contributions, exercises, representatives."""

import itertools

import pytest
from django.utils import timezone

from consultazione.accounts.roles import Role
from consultazione.contributions.models import Contribution, Status
from consultazione.process.models import Phase
from consultazione.stakeholders.models import Category, Membership, Organisation
from consultazione.voting.models import Method, Scope
from consultazione.voting.services import exercise_create
from tests.conftest import make_user

_refs = itertools.count(1)


def make_contribution(psm, *, author=None, title=None, status=Status.PUBLISHED, axis=1, **fields) -> Contribution:
    """A contribution straight through the ORM (these tests exercise supports, not submission)."""
    n = next(_refs)
    author = author or make_user()
    return Contribution.objects.create(
        reference=f"PSM-T-{n}",
        process=psm.process,
        phase=Phase.objects.get(process=psm.process, kind="ascolto"),
        kind="idea",
        title=title or f"Idea numero {n}",
        body="Testo del contributo.",
        axis=psm.axes[axis],
        author=author,
        status=status,
        published_at=timezone.now() if status == Status.PUBLISHED else None,
        **fields,
    )


@pytest.fixture
def contribution_factory(psm):
    return lambda **fields: make_contribution(psm, **fields)


@pytest.fixture
def idea(psm):
    return make_contribution(psm, title="Più treni per le valli")


@pytest.fixture
def exercise_factory(psm):
    staff_user = make_user(roles=[Role.STAFF])

    def build(**fields):
        fields.setdefault("title", "Priorità di prova")
        fields.setdefault("method", Method.DOTS)
        fields.setdefault("scope", Scope.PLAN)
        fields.setdefault("open_now", True)
        return exercise_create(actor=staff_user, process=psm.process, **fields)

    return build


@pytest.fixture
def representative_factory(db):
    def build(category_code: str, *, name: str | None = None, verified: bool = True):
        user = make_user()
        category = Category.objects.get(code=category_code)
        organisation = Organisation.objects.create(name=name or f"Organizzazione {user.pk}", category=category, verified=True)
        Membership.objects.create(
            user=user,
            organisation=organisation,
            status=Membership.Status.VERIFIED if verified else Membership.Status.PENDING,
        )
        return user

    return build

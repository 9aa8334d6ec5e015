"""Fixtures of the voting tests: published contributions, exercises, representatives."""

import itertools

import pytest

from consultazione.accounts.roles import Role
from consultazione.contributions.models import Contribution, Status
from consultazione.contributions.services import contribution_submit
from consultazione.process.services import phase_force_active
from consultazione.stakeholders.models import Category, Membership, Organisation
from consultazione.voting.models import Method, Scope
from consultazione.voting.services import exercise_create
from tests.conftest import make_user

_refs = itertools.count(1)


def make_contribution(psm, *, author=None, title=None, status=Status.PUBLISHED, axis=1, **fields) -> Contribution:
    """A contribution through the real submission service (in a phase that accepts it, then the
    phase is put back); a status other than published is then set directly, as moderation would."""
    forced = psm.process.phases.filter(force_active=True).values_list("kind", flat=True).first()
    phase_force_active(process=psm.process, kind="ascolto")
    contribution = contribution_submit(
        author=author or make_user(),
        process=psm.process,
        kind="idea",
        title=title or f"Idea numero {next(_refs)} per il territorio",
        body="Una proposta concreta per la zona, con i dettagli necessari a valutarla.",
        axis=psm.axes[axis],
        **fields,
    )
    phase_force_active(process=psm.process, kind=forced)
    psm.process.refresh_from_db()
    if status != contribution.status:
        Contribution.objects.filter(pk=contribution.pk).update(status=status)
        contribution.refresh_from_db()
    return contribution


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

"""Shared fixtures: a seeded database (plan, territory, process, site tree), users per role,
and a helper that puts the process into a given phase."""

import itertools
from dataclasses import dataclass

import pytest
from django.core.management import call_command

from consultazione.accounts.models import User
from consultazione.accounts.roles import Role
from consultazione.accounts.services import user_create
from consultazione.plan.models import Axis, Plan
from consultazione.process.models import Process
from consultazione.process.services import phase_force_active
from consultazione.territory.models import Comune, ZonaOmogenea

_counter = itertools.count(1)


def seed_database() -> None:
    if not Process.objects.filter(slug="psm-2024-2026").exists():
        call_command("seed", verbosity=0)


@pytest.fixture(autouse=True)
def _isolate_test():
    """Rate limits, cached figures and the active language never leak from one test into the next."""
    from django.conf import settings
    from django.core.cache import caches
    from django.utils import translation

    for alias in settings.CACHES:  # the default cache and the page cache's two stores
        caches[alias].clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def _api_responses_match_the_schema():
    """Every /api/v1/ response of the test clients is validated against the OpenAPI document
    (tests/api_contract.py): a drift between the API and its schema fails the test that sees it."""
    from tests import api_contract

    with pytest.MonkeyPatch.context() as monkeypatch:
        api_contract.install(monkeypatch)
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_database()


@dataclass
class Psm:
    process: Process
    plan: Plan
    previous_plan: Plan
    axes: dict[int, Axis]
    zones: dict[int, ZonaOmogenea]

    def comune(self, name: str) -> Comune:
        return Comune.objects.get(name=name)

    def set_phase(self, kind: str | None) -> None:
        """Force the active phase ("ascolto", "co_pianificazione", …) or None for no phase."""
        if kind is None:
            phase_force_active(process=self.process, kind="analisi")
        else:
            phase_force_active(process=self.process, kind=kind)
        self.process.refresh_from_db()


@pytest.fixture
def psm(db) -> Psm:
    seed_database()
    process = Process.objects.get(slug="psm-2024-2026")
    plan = Plan.objects.get(slug="psm-2024-2026")
    return Psm(
        process=process,
        plan=plan,
        previous_plan=Plan.objects.get(slug="psm-2021-2023"),
        axes={axis.code: axis for axis in plan.axes.all()},
        zones={zone.number: zone for zone in ZonaOmogenea.objects.all()},
    )


def submit_contribution(psm: Psm, author, **overrides):
    """A contribution through the real service, with the process loaded as views load it (phases
    prefetched) and sensible defaults; keywords override them."""
    from consultazione.contributions.services import contribution_submit

    fields = {
        "process": Process.objects.prefetch_related("phases").get(pk=psm.process.pk),
        "kind": "idea",
        "title": "Più treni tra Pinerolo e Torino nelle ore di punta",
        "body": "Servono corse ogni 15 minuti sulla linea SFM2 al mattino e alla sera.",
        "axis": psm.axes[3],
    }
    fields.update(overrides)
    return contribution_submit(author=author, **fields)


def make_meeting_row(psm: Psm, *, slug: str, title: str, kind: str, days: float = 0, hours: float = 2, **fields):
    """A meeting written straight to its table (no service, no agenda), starting in `days` (negative:
    held) and lasting `hours` — for tests about something else than meetings."""
    from datetime import timedelta

    from django.utils import timezone

    from consultazione.meetings.models import Meeting

    start = timezone.now() + timedelta(days=days)
    return Meeting.objects.create(
        process=psm.process, slug=slug, title=title, kind=kind, starts_at=start, ends_at=start + timedelta(hours=hours), **fields
    )


def make_user(*, roles=(), verified=True, password="pw-test-12345", **fields) -> User:
    n = next(_counter)
    email = fields.pop("email", f"user{n}@example.org")
    pseudonym = fields.pop("pseudonym", f"utente-{n}")
    return user_create(email=email, password=password, pseudonym=pseudonym, verified=verified, roles=roles)


@pytest.fixture
def user_factory(db):
    return make_user


@pytest.fixture
def citizen(db) -> User:
    return make_user()


@pytest.fixture
def unverified_user(db) -> User:
    return make_user(verified=False)


@pytest.fixture
def moderator(db) -> User:
    return make_user(roles=[Role.MODERATOR])


@pytest.fixture
def facilitator(db) -> User:
    return make_user(roles=[Role.FACILITATOR])


@pytest.fixture
def staff(db) -> User:
    return make_user(roles=[Role.STAFF])


@pytest.fixture
def steering_member(db) -> User:
    return make_user(roles=[Role.STEERING])

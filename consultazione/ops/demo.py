"""Demo content for the embedded default. Never used by production settings."""

from django.conf import settings
from django.db import transaction

from consultazione.accounts.models import User
from consultazione.accounts.roles import Role
from consultazione.accounts.services import user_create
from consultazione.contributions.demo import demo_load as contributions_demo_load
from consultazione.meetings.demo import demo_load as meetings_demo_load
from consultazione.moderation.demo import demo_load as moderation_demo_load
from consultazione.monitoring.demo import demo_load as monitoring_demo_load
from consultazione.process.features import PhaseKind
from consultazione.process.models import Process
from consultazione.process.services import phase_force_active
from consultazione.reports.demo import demo_load as reports_demo_load
from consultazione.voting.demo import demo_load as voting_demo_load

DEMO_ADMIN_EMAIL = "admin@example.org"
DEMO_ADMIN_PASSWORD = "consultazione-demo"  # noqa: S105 - documented demo credential, dev only
DEMO_PASSWORD = "demo-password"  # noqa: S105


@transaction.atomic
def demo_admin_ensure() -> User:
    if not settings.CREATE_DEMO_ADMIN:
        raise RuntimeError("The demo admin is only created with development settings.")
    user = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
    if user is None:
        user = user_create(
            email=DEMO_ADMIN_EMAIL, password=DEMO_ADMIN_PASSWORD, pseudonym="amministrazione", verified=True, roles=[Role.STAFF]
        )
        user.is_staff = True
        user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


def demo_users_ensure() -> dict[str, User]:
    """A few verified demo accounts, one per role (pseudonyms only, no real persons)."""
    wanted = {
        "citizen": ("cittadina@example.org", "cittadina-torino", []),
        "moderator": ("moderatore@example.org", "moderazione-psm", [Role.MODERATOR]),
        "facilitator": ("facilitatrice@example.org", "facilitazione-tavoli", [Role.FACILITATOR]),
        "steering": ("cabina@example.org", "cabina-di-regia", [Role.STEERING]),
    }
    users = {}
    for key, (email, pseudonym, roles) in wanted.items():
        users[key] = User.objects.filter(email=email).first() or user_create(
            email=email, password=DEMO_PASSWORD, pseudonym=pseudonym, verified=True, roles=roles
        )
    return users


def demo_load(*, process: Process) -> dict:
    """Open the co-planning phase for the demo (the real calendar is in the past) and fill the site."""
    demo_admin_ensure()
    users = demo_users_ensure()
    phase_force_active(process=process, kind=PhaseKind.CO_PIANIFICAZIONE)
    return {
        "users": len(users) + 1,
        "meetings": meetings_demo_load(process=process, users=users),
        "contributions": contributions_demo_load(process=process, users=users),
        "voting": voting_demo_load(process=process, users=users),
        "moderation": moderation_demo_load(process=process, users=users),
        "monitoring": monitoring_demo_load(process=process, users=users),
        "reports": reports_demo_load(process=process, users=users),
    }

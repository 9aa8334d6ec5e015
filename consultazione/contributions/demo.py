"""Demo contributions and comments, written through the real services (development only)."""

import json
import random
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from consultazione.accounts.models import User
from consultazione.accounts.services import user_create
from consultazione.process.selectors import processes_with_phases
from consultazione.stakeholders.models import Category, Membership, Organisation
from consultazione.territory.models import Comune, ZonaOmogenea

from .models import Contribution
from .services import comment_create, contribution_submit

DEMO_PASSWORD = "demo-password"  # noqa: S105 - documented demo credential, dev only


@cache
def _data() -> dict:
    """The demo texts (data/demo/contributions.json: invented, no real persons)."""
    with open(settings.BASE_DIR / "data" / "demo" / "contributions.json", encoding="utf-8") as handle:
        return json.load(handle)


def _authors() -> list[User]:
    authors = []
    for email, pseudonym in _data()["authors"]:
        authors.append(
            User.objects.filter(email=email).first()
            or user_create(email=email, password=DEMO_PASSWORD, pseudonym=pseudonym, verified=True)
        )
    return authors


def _organisations(authors: list[User]) -> list[Organisation]:
    organisations = []
    for (name, category, comune), representative in zip(_data()["organisations"], authors, strict=False):
        organisation, _created = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "category": Category.objects.get(code=category),
                "comune": Comune.objects.get(name=comune),
                "verified": True,
            },
        )
        Membership.objects.update_or_create(
            user=representative,
            organisation=organisation,
            defaults={"status": Membership.Status.VERIFIED, "verified_at": timezone.now(), "role_title": "Referente"},
        )
        organisations.append(organisation)
    return organisations


def _place(comune_name, zone_number) -> dict:
    if comune_name:
        return {"comune": Comune.objects.select_related("zona").get(name=comune_name)}
    if zone_number:
        return {"zona": ZonaOmogenea.objects.get(number=zone_number)}
    return {}


def _strategy_for(axis, rng: random.Random):
    strategies = list(axis.strategies.all())
    return rng.choice(strategies) if strategies and rng.random() < 0.5 else None


@transaction.atomic
def demo_load(*, process, users: dict) -> int:
    """About 50 contributions over axes, zones and kinds, some from round tables and some on behalf
    of organisations, plus comments. Idempotent: does nothing if the demo authors already wrote."""
    authors = _authors()
    if Contribution.objects.filter(author__in=authors).exists():
        return 0
    process = processes_with_phases().get(pk=process.pk)
    plan = process.working_plan
    axes = {axis.code: axis for axis in plan.axes.prefetch_related("strategies")}
    organisations = _organisations(authors)
    rng = random.Random(2024)  # reproducible demo data
    created: list[Contribution] = []

    for n, (kind, axis_code, title, body, comune, zone) in enumerate(_data()["contributions"]):
        axis = axes[axis_code]
        created.append(
            contribution_submit(
                author=authors[n % len(authors)],
                process=process,
                kind=kind,
                title=title,
                body=body,
                axis=axis,
                strategy=_strategy_for(axis, rng),
                **_place(comune, zone),
            )
        )
    for channel, source, kind, axis_code, title, body, comune in _data()["facilitated"]:
        created.append(
            contribution_submit(
                author=None,
                entered_by=users["facilitator"],
                channel=channel,
                source=source,
                process=process,
                kind=kind,
                title=title,
                body=body,
                axis=axes[axis_code],
                **_place(comune, None),
            )
        )
    for index, kind, axis_code, title, body, comune in _data()["on_behalf"]:
        created.append(
            contribution_submit(
                author=authors[index],
                organisation=organisations[index],
                process=process,
                kind=kind,
                title=title,
                body=body,
                axis=axes[axis_code],
                **_place(comune, None),
            )
        )

    commenters = [*authors, users["citizen"]]
    for contribution in created[::3]:
        thread = []
        for alignment, body in rng.sample(_data()["comments"], k=rng.randint(1, 3)):
            parent = thread[-1] if thread and rng.random() < 0.3 else None
            author = rng.choice([u for u in commenters if u.pk != contribution.author_id])
            thread.append(comment_create(author=author, contribution=contribution, body=body, alignment=alignment, parent=parent))

    # Spread publication dates over the last two months so that "newest" means something.
    now = timezone.now()
    for contribution in created:
        moment = now - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 600))
        Contribution.objects.filter(pk=contribution.pk).update(created_at=moment, published_at=moment)
    return len(created)

"""Demo moderation on the demo contributions, through the real services (development only).

Runs after the contributions demo. Leaves something in every corner of the moderator UI:
reported items, one hidden automatically, a hidden one with personal data, a merge, a re-tag,
outcomes (one with a plan action), a thematic response, pending comments (the demo process
pre-moderates comments and post-moderates contributions) and a zone-limited moderator.
"""

from django.db import transaction

from consultazione.accounts.models import User
from consultazione.accounts.roles import Role
from consultazione.accounts.services import user_create
from consultazione.contributions.models import Contribution
from consultazione.contributions.services import comment_create
from consultazione.territory.models import ZonaOmogenea

from .models import Decision, ModeratorScope
from .services import (
    contribution_retag,
    contributions_merge,
    item_decide,
    outcome_record,
    report_create,
    thematic_response_create,
)
from .services.reports import auto_hide_threshold

DEMO_PASSWORD = "demo-password"  # noqa: S105 - documented demo credential, dev only
SCOPED_MODERATOR = ("moderazione-pinerolese@example.org", "moderazione-pinerolese")


def _reporters(contribution, people):
    return [person for person in people if person.pk != contribution.author_id]


def _scoped_moderator() -> User:
    email, pseudonym = SCOPED_MODERATOR
    user = User.objects.filter(email=email).first() or user_create(
        email=email, password=DEMO_PASSWORD, pseudonym=pseudonym, verified=True, roles=[Role.MODERATOR]
    )
    ModeratorScope.objects.get_or_create(user=user, zona=ZonaOmogenea.objects.get(number=5))
    return user


@transaction.atomic
def demo_load(*, process, users: dict) -> int:
    """Returns how many audit rows it wrote (0 when the demo moderation already ran)."""
    moderator = users["moderator"]
    if Decision.objects.filter(actor=moderator).exists():
        return 0
    staff = User.objects.filter(groups__name=Role.STAFF).order_by("pk").first()
    _scoped_moderator()
    public = list(Contribution.objects.public().for_process(process).filter(author__isnull=False).order_by("pk"))
    if len(public) < 12 or staff is None:
        return 0
    people = list(User.objects.filter(contributions__process=process).distinct().order_by("pk")[:8])
    before = Decision.objects.count()

    reported, auto_hidden, personal, *rest = public
    for person, reason in zip(_reporters(reported, people)[:2], ("spam", "offensive"), strict=False):
        report_create(reporter=person, item=reported, reason_code=reason)
    for person in _reporters(auto_hidden, people)[: auto_hide_threshold()]:
        report_create(
            reporter=person, item=auto_hidden, reason_code="offensive", text="Tono aggressivo verso altri partecipanti."
        )
    item_decide(
        actor=moderator,
        item=personal,
        action=Decision.Action.HIDE,
        expected_state="published",
        reason_code="personal_data",
        reason_text="Il testo riporta il numero di telefono di una persona.",
    )

    by_axis: dict[int, list[Contribution]] = {}
    for contribution in rest:
        by_axis.setdefault(contribution.axis_id, []).append(contribution)
    pairs = [group for group in by_axis.values() if len(group) >= 2]
    target, duplicate = pairs[0][0], pairs[0][1]
    contributions_merge(actor=moderator, target=target, sources=[duplicate], reason_text="Stessa proposta: ne teniamo una.")
    retagged = pairs[-1][-1]
    if retagged.zona_id is None:
        contribution_retag(
            actor=moderator,
            contribution=retagged,
            axis=retagged.axis,
            strategy=retagged.strategy,
            zona=ZonaOmogenea.objects.get(number=1),
            reason_text="Riguarda la città di Torino.",
        )

    answered = [item for item in rest if item.pk not in {duplicate.pk, target.pk}]
    action = target.axis.strategies.first().actions.first() if target.axis.strategies.exists() else None
    outcome_record(
        actor=staff,
        contribution=target,
        outcome="accolto",
        motivation="La proposta entra nel Piano: vedi l'azione indicata.",
        action=action,
    )
    outcome_record(actor=staff, contribution=answered[1], outcome="gia_previsto", motivation="Il Piano in vigore lo prevede già.")
    outcome_record(
        actor=staff, contribution=answered[2], outcome="fuori_ambito", motivation="Competenza della Regione, non del Piano."
    )
    thematic = [item for item in answered[3:] if item.axis_id == answered[3].axis_id][:3] or answered[3:6]
    thematic_response_create(
        actor=staff,
        process=process,
        title="Risposta ai contributi su " + str(thematic[0].axis.title),
        text="Abbiamo letto insieme questi contributi: le idee comuni sono confluite nelle strategie dell'asse, "
        "con le modifiche discusse ai tavoli territoriali.",
        outcome="parziale",
        contributions=thematic,
        strategy=thematic[0].axis.strategies.first(),
    )

    process.comment_moderation = "pre"
    process.save(update_fields=["comment_moderation"])
    commented = answered[-1]
    commented.process = process
    for person in _reporters(commented, people)[:2]:
        comment_create(author=person, contribution=commented, body="Sono d'accordo, ma servono tempi certi.", alignment=1)
    return Decision.objects.count() - before

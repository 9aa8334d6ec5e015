"""Supports: one per person and contribution, counted with F() in the same transaction."""

import rules
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from consultazione.accounts.models import User
from consultazione.accounts.rules import is_not_blocked, is_verified
from consultazione.contributions.models import Contribution
from consultazione.contributions.pagecache import pages_changed
from consultazione.core.exceptions import Conflict, InvalidInput, NotAllowedInPhase, PermissionDenied
from consultazione.notifications.services import follow_auto

from ..checks import require
from ..models import Support
from ..rules import is_public_contribution, phase_allows_support


def _reasons(*, public: bool):
    reasons = [
        (rules.is_authenticated, lambda: PermissionDenied(_("Accedi per sostenere i contributi."), code="login_required")),
        (
            is_verified,
            lambda: PermissionDenied(_("Conferma il tuo indirizzo email per sostenere i contributi."), code="not_verified"),
        ),
        (is_not_blocked, lambda: PermissionDenied(_("Il tuo account è sospeso: non puoi sostenere contributi."), code="blocked")),
        (phase_allows_support, lambda: NotAllowedInPhase(_("In questa fase del processo i sostegni sono chiusi."))),
    ]
    if public:
        reasons.append(
            (
                is_public_contribution,
                lambda: PermissionDenied(_("Questo contributo non è pubblico: non si può sostenere."), code="not_public"),
            )
        )
    return reasons


def _lock_person(user) -> None:
    """Serialise one person's supports (limit check + insert) without blocking anyone else."""
    User.objects.select_for_update(no_key=True).filter(pk=user.pk).values_list("pk", flat=True).get()


@transaction.atomic
def support_add(*, user, contribution: Contribution) -> Contribution:
    """Support a public contribution; returns it with the fresh `support_count`."""
    require(user, "voting.add_support", contribution, _reasons(public=True))
    _lock_person(user)
    if Support.objects.filter(user=user, contribution=contribution).exists():
        raise Conflict(_("Hai già sostenuto questo contributo."), code="already_supported")
    limit = contribution.process.supports_per_user
    if limit is not None:
        used = Support.objects.filter(user=user, contribution__process_id=contribution.process_id).count()
        if used >= limit:
            raise Conflict(
                _("Hai già dato tutti i tuoi %(n)s sostegni in questo processo: ritirane uno per sostenere questo contributo.")
                % {"n": limit},
                code="support_limit",
            )
    Support.objects.create(user=user, contribution=contribution)
    follow_auto(user=user, contribution=contribution)  # supporters hear about its comments and outcome
    Contribution.objects.filter(pk=contribution.pk).update(support_count=F("support_count") + 1)
    contribution.refresh_from_db(fields=["support_count"])
    pages_changed(contribution, added=True)
    return contribution


@transaction.atomic
def support_remove(*, user, contribution: Contribution) -> Contribution:
    """Withdraw one's support; returns the contribution with the fresh `support_count`."""
    require(user, "voting.delete_support", contribution, _reasons(public=False))
    _lock_person(user)
    deleted, _detail = Support.objects.filter(user=user, contribution=contribution).delete()
    if not deleted:
        raise Conflict(_("Non avevi sostenuto questo contributo."), code="not_supported")
    Contribution.objects.filter(pk=contribution.pk).update(support_count=F("support_count") - 1)
    contribution.refresh_from_db(fields=["support_count"])
    pages_changed(contribution)
    return contribution


@transaction.atomic
def supports_move(*, source: Contribution, target: Contribution) -> int:
    """Move the supports of `source` onto `target` (merge). A person who supported both keeps one.

    Both counters are recomputed from the rows in one UPDATE. Returns how many supports moved.
    The caller (the merge service) checks its own permission.
    """
    if source.pk == target.pk:
        raise InvalidInput(_("Un contributo non può essere unito a se stesso."))
    ids = sorted([source.pk, target.pk])
    list(Contribution.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    on_target = Support.objects.filter(contribution=target, user__isnull=False).values("user")
    Support.objects.filter(contribution=source, user__in=on_target).delete()
    moved = Support.objects.filter(contribution=source).update(contribution=target)
    rows = (
        Support.objects.filter(contribution=OuterRef("pk")).order_by().values("contribution").annotate(n=Count("pk")).values("n")
    )
    Contribution.objects.filter(pk__in=ids).update(support_count=Coalesce(Subquery(rows), 0))
    source.refresh_from_db(fields=["support_count"])
    target.refresh_from_db(fields=["support_count"])
    return moved

"""Following a contribution: the "Segui" button, and the automatic follows of authors and supporters."""

from django.db import transaction
from django.utils.translation import gettext as _

from consultazione.core.exceptions import PermissionDenied
from consultazione.core.permissions import check_perm

from ..models import Follow


@transaction.atomic
def follow_set(*, user, contribution, following: bool) -> Follow:
    """Follow or stop following. Following asks the contributions app's rule (signed in, and the
    contribution readable by this person); stopping is always allowed to whoever is signed in."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Accedi per seguire i contributi."), code="login_required")
    if following:
        check_perm(
            user,
            "contributions.follow_contribution",
            contribution,
            message=_("Non puoi seguire questo contributo."),
        )
    follow, _created = Follow.objects.update_or_create(user=user, contribution=contribution, defaults={"active": following})
    return follow


def follow_auto(*, user, contribution) -> None:
    """The author of a contribution and its supporters follow it, unless they once stopped following it."""
    if user is None or not getattr(user, "is_authenticated", False) or contribution is None:
        return
    Follow.objects.get_or_create(user=user, contribution=contribution)


def follows_move(*, source, target) -> int:
    """After a merge, whoever followed the source follows the kept contribution (an explicit
    "stop following" of the target is kept)."""
    users = Follow.objects.filter(contribution=source, active=True).values_list("user_id", flat=True)
    rows = [Follow(user_id=user_id, contribution=target) for user_id in users]
    return len(Follow.objects.bulk_create(rows, ignore_conflicts=True))

"""What the voting app holds about a person: the JSON download, the erasure, the profile box.

On account deletion supports and ballots stay (they are counted in published results) and
belong to the anonymised account; the ballot history and the declared comune, which results
do not need, are erased.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Ballot, BallotRevision, Support
from .selectors import ballots_of, supports_of


def voting_export(user) -> dict:
    return {
        "supports": [
            {
                "contribution": support.contribution.reference or support.contribution_id,
                "title": support.contribution.title,
                "created_at": support.created_at,
            }
            for support in supports_of(user)
        ],
        "ballots": [
            {
                "exercise": ballot.exercise.title,
                "zona": ballot.zona.number,
                "comune": ballot.comune.name if ballot.comune else None,
                "organisation": ballot.organisation.name if ballot.organisation else None,
                "updated_at": ballot.updated_at,
                "choices": [
                    {"item": allocation.item.label, "points": allocation.points, "rank": allocation.rank}
                    for allocation in ballot.allocations.all()
                ],
            }
            for ballot in ballots_of(user)
        ],
    }


def ballots_erase(user) -> None:
    BallotRevision.objects.filter(ballot__user=user).delete()
    Ballot.objects.filter(user=user).update(comune=None)


def profile_section(user) -> dict | None:
    supports = Support.objects.filter(user=user).count()
    ballots = list(Ballot.objects.filter(user=user).select_related("exercise").order_by("-updated_at"))
    if not supports and not ballots:
        return None
    return {
        "title": _("Sostegni e priorità"),
        "template": "voting/profile_section.html",
        "context": {
            "supports_count": supports,
            "ballots": [(ballot, reverse("voting:exercise_detail", args=[ballot.exercise_id])) for ballot in ballots],
        },
    }

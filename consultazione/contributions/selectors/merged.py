"""Merged contributions: where a merged source points, for the page, the API and the email.

A source merged after publication stays readable (lifecycle.State.MERGED); what its notice may say
about the kept contribution depends on whether the viewer may read that one (the same view rule as
its own page): a kept contribution that is not public is named to nobody but those who may read it.
"""

from dataclasses import dataclass

from django.urls import reverse

from .. import lifecycle
from ..models import Contribution, Status
from .search import looks_like_reference


@dataclass(frozen=True)
class MergedInto:
    """The kept contribution as the viewer may see it: `readable` False means reference, title and
    url are empty (it exists, but it is not public)."""

    readable: bool
    reference: str = ""
    title: str = ""
    url: str = ""


def merged_into_for(contribution: Contribution, user) -> MergedInto | None:
    """None when `contribution` is not a merged source; else the kept one as `user` may see it."""
    if contribution.status != Status.MERGED or contribution.merged_into_id is None:
        return None
    kept = contribution.merged_into
    if not user.has_perm("contributions.view_contribution", kept):
        return MergedInto(readable=False)
    return MergedInto(
        readable=True,
        reference=kept.reference,
        title=kept.title,
        url=reverse("contributions:detail", kwargs={"reference": kept.reference}),
    )


def merged_source_by_reference(query: str) -> Contribution | None:
    """The public merged source whose reference is exactly `query` (for the list's search notice)."""
    query = " ".join((query or "").split())
    if not looks_like_reference(query):
        return None
    return (
        Contribution.objects.readable_by_anyone({lifecycle.State.MERGED})
        .filter(reference__iexact=query, merged_into__isnull=False)
        .select_related("merged_into__author", "merged_into__process")
        .first()
    )

"""Helpers shared by the moderator views: lookups, permission checks, domain errors to HTTP."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from consultazione.contributions.models import Comment, Contribution
from consultazione.core.exceptions import DomainError, http_status

from ..items import ItemType
from ..models import Decision
from ..services import DECISION_ACTIONS, EDIT_ACTIONS


def contribution_or_404(pk: int) -> Contribution:
    return get_object_or_404(
        Contribution.objects.select_related("process", "phase", "axis", "strategy", "action", "zona", "comune", "author"), pk=pk
    )


def comment_or_404(pk: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("contribution", "contribution__process", "author", "parent"), pk=pk)


def item_or_none(content: str, pk: int):
    queryset = Comment.objects.select_related("contribution") if content == ItemType.COMMENT else Contribution.objects.all()
    return queryset.filter(pk=pk).first()


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise HttpForbidden(perm)


def action_choices(actions) -> list[tuple[str, str]]:
    return [(action, Decision.Action(action).label) for action in actions]


ALL_DECISIONS = action_choices(DECISION_ACTIONS)  # bulk: state decisions only
REVIEW_DECISIONS = action_choices((*DECISION_ACTIONS, *EDIT_ACTIONS))


def handle_domain_error(request, exc: Exception, form=None) -> int:
    """Show a service error on the form or as a message; return the HTTP status to answer with."""
    if isinstance(exc, ValidationError):
        if form is not None:
            form.add_service_errors(exc)
        else:
            messages.error(request, " ".join(exc.messages))
        return 400
    assert isinstance(exc, DomainError)
    messages.error(request, exc.message)
    return http_status(exc)

"""The steering committee's restricted workspace (Cabina di regia): dashboard, comments, proposals."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError
from consultazione.live.models import LiveSession

from ..forms import SteeringCommentForm
from ..models import ActionUpdate, SteeringComment, TrackingStatus, UpdateKind
from ..selectors import actions_with_tracking, plan_in_force, plan_progress, tracking_of
from ..services import proposal_poll_create, steering_comment_create

STEERING_UPDATES = 20


def perm_required(perm: str):
    """Anonymous visitors go to the login page; signed-in people without the permission get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise HttpForbidden(_("Area riservata alla Cabina di regia."))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _updates(plan, kind: str) -> list[ActionUpdate]:
    comments = SteeringComment.objects.select_related("author").order_by("created_at", "id")
    return list(
        ActionUpdate.objects.filter(tracking__action__strategy__axis__plan=plan, kind=kind)
        .select_related("tracking__action")
        .prefetch_related("documents", Prefetch("comments", queryset=comments))
        .order_by("-date", "-id")[:STEERING_UPDATES]
    )


def _needs_attention(plan) -> list[dict]:
    """Suspended actions and actions past their end date that are not completed."""
    today = timezone.localdate()
    actions = actions_with_tracking(plan=plan).filter(
        Q(tracking__status=TrackingStatus.SUSPENDED)
        | Q(tracking__end_date__lt=today, tracking__status__in=[TrackingStatus.IN_PROGRESS, TrackingStatus.NOT_STARTED])
    )
    return [{"action": action, "tracking": tracking_of(action)} for action in actions]


def _own_live_sessions(user) -> list[LiveSession]:
    """Live sessions this person runs and that have not ended (to add the poll to one of them)."""
    if not user.has_perm("live.add_livesession"):
        return []
    return list(LiveSession.objects.filter(created_by=user, ended_at__isnull=True).order_by("-created_at")[:10])


@perm_required("monitoring.view_steering")
def dashboard(request):
    plan = plan_in_force()
    if plan is None:
        raise Http404(_("Nessun piano approvato da monitorare."))
    return render(
        request,
        "monitoring/steering.html",
        {
            "plan": plan,
            "rollup": plan_progress(plan=plan),
            "attention": _needs_attention(plan),
            "proposals": _updates(plan, UpdateKind.PROPOSAL),
            "updates": _updates(plan, UpdateKind.PROGRESS),
            "can_comment": request.user.has_perm("monitoring.comment_update"),
            "can_create_poll": request.user.has_perm("live.add_livesession"),
            "live_sessions": _own_live_sessions(request.user),
        },
    )


@require_POST
@perm_required("monitoring.comment_update")
def comment_create(request, pk: int):
    update = get_object_or_404(ActionUpdate, pk=pk)
    form = SteeringCommentForm(request.POST)
    if form.is_valid():
        try:
            steering_comment_create(author=request.user, update=update, body=form.cleaned_data["body"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Commento pubblicato nell'area della Cabina di regia."))
    else:
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return redirect(f"{reverse('monitoring:steering')}#aggiornamento-{update.pk}")


@require_POST
@perm_required("monitoring.view_steering")
def proposal_poll(request, pk: int):
    """Put a proposed change to the vote: a question in a live session, then the presenter page."""
    update = get_object_or_404(ActionUpdate.objects.select_related("tracking__action"), pk=pk)
    back = f"{reverse('monitoring:steering')}#aggiornamento-{update.pk}"
    code = request.POST.get("session", "")
    session = None
    if code:
        session = next((item for item in _own_live_sessions(request.user) if item.code == code), None)
        if session is None:
            messages.error(request, _("Sessione live non trovata tra quelle che gestisci."))
            return redirect(back)
    try:
        question = proposal_poll_create(user=request.user, update=update, session=session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Domanda creata: aprila dalla regia quando la Cabina è pronta a votare."))
        return redirect("live:presenter", code=question.session.code)
    return redirect(back)

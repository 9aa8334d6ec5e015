"""Public monitoring pages: overview of a plan, axis, action list and detail, exports."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from consultazione.core import pagecache
from consultazione.core.params import renamed
from consultazione.plan.models import Axis, Plan

from ..forms import ActionFilterForm
from ..models import TrackingStatus
from ..selectors import (
    action_detail,
    actions_with_tracking,
    contributions_for_action,
    indicator_view,
    meetings_for_action,
    monitored_plans,
    plan_comparison,
    plan_in_force,
    plan_progress,
    recent_updates,
    tracking_export_csv,
    tracking_export_xlsx,
    tracking_of,
)
from ..tabular import SHEETS

ACTIONS_PER_PAGE = 25


def _plan(slug: str) -> Plan:
    return get_object_or_404(monitored_plans(), slug=slug)


def _rows(actions) -> list[dict]:
    return [{"action": action, "tracking": tracking_of(action)} for action in actions]


def _status_filter(request) -> str | None:
    status = renamed(request.GET, ActionFilterForm.old_names).get("status") or None
    return status if status in TrackingStatus.values else None


@pagecache.page(pagecache.MONITORING, signed_in=True)
def plan_overview(request, slug: str | None = None):
    # What the page shows, read once per version of the monitoring and of the site (the page's own
    # scopes): another address of it, a signed-in person's rendering and the next worker read no row.
    context = pagecache.memo("monitoring-overview", [pagecache.SITE, pagecache.MONITORING], lambda: _overview(slug), slug or "")
    return render(request, "monitoring/plan.html", context)


def _overview(slug: str | None) -> dict:
    plan = _plan(slug) if slug else plan_in_force()
    if plan is None:
        raise Http404(_("Nessun piano approvato da monitorare."))
    plans = list(monitored_plans())
    return {
        "plan": plan,
        "plans": plans,
        "rollup": plan_progress(plan=plan),
        "updates": list(recent_updates(plan=plan, limit=5)),
        "can_compare": len(plans) > 1,
    }


@pagecache.page(pagecache.MONITORING)
def axis_detail(request, slug: str, code: int):
    plan = _plan(slug)
    axis = get_object_or_404(Axis, plan=plan, code=code)
    status = _status_filter(request)
    rollup = plan_progress(plan=plan, axis=axis).axes[0]
    actions = _rows(actions_with_tracking(plan=plan, axis_code=code, status=status))
    by_strategy: dict[int, list[dict]] = {}
    for row in actions:
        by_strategy.setdefault(row["action"].strategy_id, []).append(row)
    strategies = [{"progress": item, "actions": by_strategy.get(item.strategy.pk, [])} for item in rollup.strategies]
    return render(
        request,
        "monitoring/axis.html",
        {
            "plan": plan,
            "axis": axis,
            "rollup": rollup,
            "strategies": strategies,
            "status": status,
            "filter_form": ActionFilterForm(request.GET or None),
            "updates": recent_updates(plan=plan, axis=axis, limit=10),
        },
    )


@pagecache.page(pagecache.MONITORING)
def action_list(request, slug: str):
    plan = _plan(slug)
    axes = list(Axis.objects.filter(plan=plan).order_by("code"))
    form = ActionFilterForm(request.GET or None, axes=axes)
    status, axis_code = None, None
    if form.is_valid():
        status = form.cleaned_data["status"] or None
        axis_code = form.cleaned_data["axis"]
    page = Paginator(actions_with_tracking(plan=plan, status=status, axis_code=axis_code), ACTIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "monitoring/action_list.html",
        {
            "plan": plan,
            "filter_form": form,
            "page_obj": page,
            "rows": _rows(page.object_list),
            "querystring": query.urlencode(),
            "status": status,
        },
    )


@pagecache.page(pagecache.MONITORING)
def action_page(request, slug: str, code: str):
    plan = _plan(slug)
    action = action_detail(plan=plan, code=code)
    if action is None:
        raise Http404(_("Azione non trovata."))
    tracking = tracking_of(action)
    return render(
        request,
        "monitoring/action_detail.html",
        {
            "plan": plan,
            "action": action,
            "tracking": tracking,
            "indicators": [indicator_view(indicator) for indicator in tracking.indicators.all()] if tracking else [],
            "updates": list(tracking.updates.all()) if tracking else [],
            "absorbed": [item.action for item in action.absorbed_trackings.all()],
            "contributions": list(contributions_for_action(action)),
            "meetings": meetings_for_action(action),
        },
    )


def export(request, slug: str, fmt: str):
    plan = _plan(slug)
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("Formato sconosciuto."))
    if fmt == "xlsx":
        content = tracking_export_xlsx(plan=plan)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        filename = f"monitoraggio-{plan.slug}.xlsx"
    else:
        sheet = request.GET.get("foglio", SHEETS[0])
        if sheet not in SHEETS:
            raise Http404(_("Tabella sconosciuta."))
        content = tracking_export_csv(plan=plan, sheet=sheet)
        content_type = "text/csv; charset=utf-8"
        filename = f"monitoraggio-{plan.slug}-{sheet}.csv"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@pagecache.page(pagecache.MONITORING)
def comparison(request):
    """Two plans side by side (default: the newest plan and the one before it)."""
    plans = list(Plan.objects.order_by("period_start"))
    if len(plans) < 2:
        raise Http404(_("Serve almeno due piani per un confronto."))
    by_slug = {plan.slug: plan for plan in plans}
    previous = by_slug.get(request.GET.get("da", ""), plans[-2])
    following = by_slug.get(request.GET.get("a", ""), plans[-1])
    error = ""
    if previous.period_start >= following.period_start:
        error = _("Scegli come primo piano quello più vecchio: mostro il confronto predefinito.")
        previous, following = plans[-2], plans[-1]
    return render(
        request,
        "monitoring/comparison.html",
        {
            "comparison": plan_comparison(previous=previous, following=following),
            "plans": plans,
            "error": error,
        },
    )

"""The public dashboard of a process: figures, charts with their data tables, GET filters."""

import hashlib

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from consultazione.core import pagecache
from consultazione.process.models import Process
from consultazione.process.selectors import process_current

from ..forms import DashboardFilterForm
from ..selectors import cached_dashboard, dashboard_key, definitions
from ..selectors.dashboard import DASHBOARD_SCOPES
from ..selectors.published import published_report
from .charts import bar_chart, doughnut_chart, stacked_chart


def _charts(figures) -> dict[str, str]:
    c = figures.contributions
    return {
        "kind": doughnut_chart(c.by_kind, label=_("Contributi per tipo")),
        "axis": stacked_chart(c.kind_by_axis),
        "zone": bar_chart(c.by_zone, label=_("Contributi"), horizontal=True),
        "macro": bar_chart(c.by_macro_area, label=_("Contributi"), horizontal=True),  # every name on a phone too
        "phase": bar_chart(c.by_phase, label=_("Contributi")),
        "channel": bar_chart(c.by_channel, label=_("Contributi")),
        "outcomes": stacked_chart(figures.outcomes.by_axis),
        "attendance": bar_chart(figures.meetings.attendance_by_category, label=_("Presenze"), horizontal=True),
    }


def _stable_keys(request, process: Process, form, filters) -> dict[str, str]:
    """The keys of the sections a new support or comment does not change (the filters' form, the
    figures by contribution, territory and outcome, priorities, meetings): rendered again only when
    something else changes. Their links name the page's path."""
    if form.errors:  # a form with errors is this request's own
        return {}
    path = hashlib.blake2b(request.path.encode(), digest_size=8).hexdigest()
    key = f"{dashboard_key(process=process, stable=True, **filters)}:{path}"
    return {name: f"{key}:{name}" for name in ("form", "figures", "more")}


def _render(request, process: Process):
    form = DashboardFilterForm(request.GET or None, process=process)
    filters = form.filters()
    figures = cached_dashboard(process=process, **filters)
    context = {
        # the filters and figures as rendered for everyone (not with a form's errors)
        "figures_key": "" if form.errors else dashboard_key(process=process, **filters),
        "stable_keys": _stable_keys(request, process, form, filters),
        "process": process,
        "processes": list(Process.objects.order_by("-created_at").only("pk", "slug", "title")),
        "form": form,
        "axis": filters["axis"],
        "zona": filters["zona"],
        "phase": filters["phase"],
        "category": filters["category"],
        "filtered": any(value is not None for value in filters.values()),
        "f": figures,
        "charts": SimpleLazyObject(lambda: _charts(figures)),  # drawn only for a section not kept
        "definitions": definitions(),
        "final_report": published_report(process=process),
    }
    return render(request, "reports/dashboard.html", context, status=400 if form.errors else 200)


@pagecache.page(*DASHBOARD_SCOPES, signed_in=True)
def current_dashboard(request):
    process = process_current()
    if process is None:
        raise Http404(_("Nessun processo di partecipazione."))
    return _render(request, process)


@pagecache.page(*DASHBOARD_SCOPES, signed_in=True)
def process_dashboard(request, slug: str):
    return _render(request, get_object_or_404(Process, slug=slug))

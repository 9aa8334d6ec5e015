"""Admin pages to import the tracking spreadsheets and to start tracking a whole plan."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultazione.core.exceptions import DomainError

from ..forms import TrackingImportForm
from ..selectors import monitored_plans
from ..services import ImportRefused, tracking_import, trackings_start_for_plan
from ..tabular import read_upload


class AdminImportForm(TrackingImportForm):
    plan = forms.ModelChoiceField(label=gettext_lazy("Piano"), queryset=monitored_plans(), empty_label=None)

    field_order = ["plan", "file", "sheet"]


class PlanChoiceForm(forms.Form):
    plan = forms.ModelChoiceField(label=gettext_lazy("Piano"), queryset=monitored_plans(), empty_label=None)


class TrackingExchangeMixin:
    def get_urls(self):
        return [
            path("importa/", self.admin_site.admin_view(self.import_view), name="monitoring_actiontracking_import"),
            path("avvia-piano/", self.admin_site.admin_view(self.start_plan_view), name="monitoring_actiontracking_start"),
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "monitored_plans": list(monitored_plans())}
        return super().changelist_view(request, extra_context=extra_context)

    def import_view(self, request):
        if not request.user.has_perm("monitoring.import_tracking"):
            raise HttpForbidden
        form = AdminImportForm(request.POST or None, request.FILES or None)
        refused: list[tuple[str, int, str]] = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                sheets = read_upload(upload, filename=upload.name, sheet=form.cleaned_data["sheet"])
                report = tracking_import(actor=request.user, plan=form.cleaned_data["plan"], sheets=sheets)
            except ImportRefused as exc:
                messages.error(request, exc.message)
                refused = exc.rows
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    _("Importazione completata: %(a)d azioni, %(i)d indicatori, %(v)d valori; %(c)d modifiche registrate.")
                    % {"a": report.actions, "i": report.indicators, "v": report.values, "c": report.changes},
                )
                return redirect("admin:monitoring_actiontracking_changelist")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "refused": refused,
            "title": _("Importa il monitoraggio da CSV o XLSX"),
            "opts": self.model._meta,
        }
        return render(request, "monitoring/admin/import.html", context)

    def start_plan_view(self, request):
        if not request.user.has_perm("monitoring.change_tracking"):
            raise HttpForbidden
        form = PlanChoiceForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            created = trackings_start_for_plan(actor=request.user, plan=form.cleaned_data["plan"], source="admin")
            messages.success(request, _("%(n)d schede di monitoraggio create.") % {"n": created})
        return redirect("admin:monitoring_actiontracking_changelist")

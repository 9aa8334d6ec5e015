"""Django admin for staff: every save goes through the services, so each change is audited."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import ActionTracking, ActionUpdate, Indicator, IndicatorValue
from ..services import (
    action_update_delete,
    action_update_save,
    indicator_delete,
    indicator_save,
    indicator_value_delete,
    indicator_value_save,
    tracking_save,
)
from .base import RulesAdminMixin, RulesInlineMixin
from .exchange import TrackingExchangeMixin

SOURCE = "admin"


class IndicatorInline(RulesInlineMixin, admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ("name", "unit", "baseline", "baseline_date", "target", "target_date", "position")
    show_change_link = True


class ActionUpdateInline(RulesInlineMixin, admin.StackedInline):
    model = ActionUpdate
    extra = 0
    fields = ("kind", "date", "title", "text", "documents")


class IndicatorValueInline(RulesInlineMixin, admin.TabularInline):
    model = IndicatorValue
    extra = 1
    fields = ("date", "value", "unit", "note")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            formset.form.base_fields["unit"].initial = obj.unit
        return formset


def _save_formset_through_services(request, formset) -> None:
    forms_by_instance = {id(form.instance): form for form in formset.forms}
    instances = formset.save(commit=False)
    for obj in formset.deleted_objects:
        if isinstance(obj, Indicator):
            indicator_delete(actor=request.user, indicator=obj, source=SOURCE)
        elif isinstance(obj, ActionUpdate):
            action_update_delete(actor=request.user, update=obj, source=SOURCE)
        elif isinstance(obj, IndicatorValue):
            indicator_value_delete(actor=request.user, value=obj, source=SOURCE)
    for obj in instances:
        form = forms_by_instance.get(id(obj))
        if isinstance(obj, Indicator):
            indicator_save(actor=request.user, indicator=obj, source=SOURCE)
        elif isinstance(obj, ActionUpdate):
            documents = form.cleaned_data.get("documents") if form is not None else None
            action_update_save(actor=request.user, update=obj, documents=documents, source=SOURCE)
        elif isinstance(obj, IndicatorValue):
            indicator_value_save(actor=request.user, value=obj, source=SOURCE)


@admin.register(ActionTracking)
class ActionTrackingAdmin(TrackingExchangeMixin, RulesAdminMixin, admin.ModelAdmin):
    list_display = ("action", "plan", "status", "progress", "responsible_office", "end_date", "updated_at")
    list_filter = ("action__strategy__axis__plan", "status", "action__strategy__axis__code")
    search_fields = ("action__code", "action__title", "responsible_office", "funding_source")
    list_select_related = ("action__strategy__axis__plan",)
    ordering = ("-action__strategy__axis__plan__period_start", "action__code")
    autocomplete_fields = ("action", "merged_into")
    filter_horizontal = ("partners",)
    inlines = [IndicatorInline, ActionUpdateInline]
    change_list_template = "monitoring/admin/change_list.html"
    fieldsets = (
        (None, {"fields": ("action", "status", "progress", "merged_into")}),
        (_("Chi e con chi"), {"fields": ("responsible_office", "partners")}),
        (_("Risorse e tempi"), {"fields": ("budget", "funding_source", "start_date", "end_date")}),
    )

    @admin.display(description=_("piano"), ordering="action__strategy__axis__plan__period_start")
    def plan(self, obj):
        return obj.action.strategy.axis.plan

    def get_readonly_fields(self, request, obj=None):
        return ("action",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        tracking_save(actor=request.user, tracking=obj, partners=form.cleaned_data.get("partners"), source=SOURCE)

    def save_related(self, request, form, formsets, change):
        # Partners were set by tracking_save; only the inlines are left.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        _save_formset_through_services(request, formset)

    def has_delete_permission(self, request, obj=None):
        return False  # the audit log keeps the row; set the status instead


@admin.register(Indicator)
class IndicatorAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ("name", "tracking", "unit", "baseline", "target")
    list_filter = ("unit", "tracking__action__strategy__axis__plan")
    search_fields = ("name", "tracking__action__code")
    autocomplete_fields = ("tracking",)
    inlines = [IndicatorValueInline]

    def save_model(self, request, obj, form, change):
        indicator_save(actor=request.user, indicator=obj, source=SOURCE)

    def save_formset(self, request, form, formset, change):
        _save_formset_through_services(request, formset)

    def delete_model(self, request, obj):
        indicator_delete(actor=request.user, indicator=obj, source=SOURCE)

    def delete_queryset(self, request, queryset):
        for indicator in queryset.select_related("tracking__action"):
            indicator_delete(actor=request.user, indicator=indicator, source=SOURCE)

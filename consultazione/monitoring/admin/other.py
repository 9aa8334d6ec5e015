"""Admin for the lineage table, the audit log (read only) and the steering comments."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import ActionTrackingChange, SteeringComment, StrategyLineage
from ..services import lineage_delete, lineage_save
from .base import RulesAdminMixin


@admin.register(StrategyLineage)
class StrategyLineageAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ("previous_strategy", "relation", "next_strategy", "previous_plan", "next_plan")
    list_filter = ("relation", "previous_strategy__axis__plan", "next_strategy__axis__plan")
    search_fields = ("previous_strategy__code", "previous_strategy__title", "next_strategy__code", "next_strategy__title")
    autocomplete_fields = ("previous_strategy", "next_strategy")
    list_select_related = ("previous_strategy__axis__plan", "next_strategy__axis__plan")

    @admin.display(description=_("piano precedente"))
    def previous_plan(self, obj):
        return obj.previous_strategy.axis.plan if obj.previous_strategy_id else "—"

    @admin.display(description=_("piano successivo"))
    def next_plan(self, obj):
        return obj.next_strategy.axis.plan if obj.next_strategy_id else "—"

    def save_model(self, request, obj, form, change):
        lineage_save(actor=request.user, lineage=obj)

    def delete_model(self, request, obj):
        lineage_delete(actor=request.user, lineage=obj)

    def delete_queryset(self, request, queryset):
        for lineage in queryset:
            lineage_delete(actor=request.user, lineage=lineage)


@admin.register(ActionTrackingChange)
class ActionTrackingChangeAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ("at", "tracking", "actor", "source", "summary")
    list_filter = ("source", "tracking__action__strategy__axis__plan")
    search_fields = ("tracking__action__code", "summary")
    list_select_related = ("tracking__action", "actor")
    readonly_fields = ("at", "tracking", "actor", "source", "summary", "changes")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SteeringComment)
class SteeringCommentAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "author", "update", "body")
    list_select_related = ("author", "update")
    readonly_fields = ("update", "author", "body", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

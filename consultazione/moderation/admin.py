"""Django admin: the audit log and reports are read-only (decisions go through the moderator UI
and its services); moderator scopes are managed here by staff."""

from django.contrib import admin

from .models import Decision, ModeratorScope, OutcomeRecord, Report, ThematicResponse


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "actor",
        "action",
        "result",
        "contribution",
        "comment",
        "subject_user",
        "from_state",
        "to_state",
    )
    list_filter = ("action", "result", "reason_code")
    list_select_related = ("actor", "contribution", "comment", "subject_user")
    search_fields = ("contribution__reference", "reason_text")
    date_hierarchy = "created_at"


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "reason_code", "contribution", "comment", "resolution", "resolved_at")
    list_filter = ("reason_code", "resolution")
    list_select_related = ("contribution", "comment")


@admin.register(OutcomeRecord)
class OutcomeRecordAdmin(ReadOnlyAdmin):
    list_display = ("contribution", "outcome", "recorded_at", "thematic_response")
    list_filter = ("outcome",)
    list_select_related = ("contribution", "thematic_response")


@admin.register(ThematicResponse)
class ThematicResponseAdmin(ReadOnlyAdmin):
    list_display = ("title", "process", "outcome", "created_at")
    list_filter = ("outcome", "process")


@admin.register(ModeratorScope)
class ModeratorScopeAdmin(admin.ModelAdmin):
    list_display = ("user", "axis", "zona")
    list_select_related = ("user", "axis", "zona")
    autocomplete_fields = ("user",)
    search_fields = ("user__pseudonym", "user__email")

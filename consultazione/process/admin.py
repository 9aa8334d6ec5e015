from django.contrib import admin

from .models import Phase, Process


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ("position", "kind", "title", "planned_start", "planned_end", "actual_start", "actual_end", "force_active")


@admin.register(Process)
class ProcessAdmin(admin.ModelAdmin):
    list_display = ("title", "plan_revised", "plan_produced", "contribution_moderation", "comment_moderation")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [PhaseInline]

"""Staff create and edit meetings (with agenda and tables) in the Django admin. Registrations,
attendance and reports are personal or generated data: they are managed from the meeting's
staff pages (/incontri/<slug>/gestione/ and /dati/restituzione/<slug>/), not here."""

from django.contrib import admin
from django.db import models

from .models import AgendaItem, Meeting, MeetingTable
from .services import promote_waiting


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "title", "duration_minutes", "in_tables", "description"]
    extra = 0


class MeetingTableInline(admin.TabularInline):
    model = MeetingTable
    fields = ["position", "title", "axis", "macro_area", "facilitator"]
    raw_id_fields = ["facilitator"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "format", "venue_comune", "capacity", "confirmed_count"]
    list_filter = ["kind", "format", "process", "registration_mode"]
    search_fields = ["title", "slug"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ["venue_comune", "phase", "macro_area"]
    filter_horizontal = ["axes", "zones"]
    readonly_fields = ["confirmed_count", "cancelled_at", "cancellation_reason"]
    inlines = [AgendaItemInline, MeetingTableInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            promote_waiting(obj)

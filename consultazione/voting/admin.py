"""Django admin: inspect exercises and open/close them (through the services).

Exercises are created from the staff page /priorita/nuovo/, which calls `exercise_create`
and builds the items; the admin does not add or edit them, so no rule is bypassed.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from consultazione.core.exceptions import DomainError

from .models import ExerciseItem, PriorityExercise
from .services import exercise_close, exercise_open


class ExerciseItemInline(admin.TabularInline):
    model = ExerciseItem
    fields = ("position", "strategy", "contribution")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PriorityExercise)
class PriorityExerciseAdmin(admin.ModelAdmin):
    list_display = ("title", "process", "method", "scope", "zona", "macro_area", "status", "closes_at", "results_visibility")
    list_filter = ("status", "method", "scope", "process")
    search_fields = ("title",)
    readonly_fields = [field.name for field in PriorityExercise._meta.fields]
    inlines = [ExerciseItemInline]
    actions = ["open_selected", "close_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("voting.change_priorityexercise") and obj is None

    def _run(self, request, queryset, service):
        for exercise in queryset:
            try:
                service(actor=request.user, exercise=exercise)
            except DomainError as error:
                self.message_user(request, f"{exercise}: {error.message}", messages.WARNING)

    @admin.action(description=_("Apri alla partecipazione"))
    def open_selected(self, request, queryset):
        self._run(request, queryset, exercise_open)

    @admin.action(description=_("Chiudi"))
    def close_selected(self, request, queryset):
        self._run(request, queryset, exercise_close)

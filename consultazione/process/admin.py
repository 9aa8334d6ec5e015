from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _

from .models import Phase, Process


class PhaseFormSet(BaseInlineFormSet):
    """At most one phase forced active: a form error, not the database's IntegrityError."""

    def clean(self):
        super().clean()
        forced = [
            form.cleaned_data.get("kind")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("force_active")
        ]
        if len(forced) > 1:
            raise ValidationError(
                _("Una sola fase per processo può essere attiva d'ufficio: ne hai indicate %(n)d.") % {"n": len(forced)}
            )


class PhaseInline(admin.TabularInline):
    model = Phase
    formset = PhaseFormSet
    extra = 0
    fields = ("position", "kind", "title", "planned_start", "planned_end", "actual_start", "actual_end", "force_active")


@admin.register(Process)
class ProcessAdmin(admin.ModelAdmin):
    list_display = ("title", "plan_revised", "plan_produced", "contribution_moderation", "comment_moderation")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [PhaseInline]

    def save_formset(self, request, form, formset, change):
        """Phases that stop being forced are saved before the one that starts, so that moving the
        active phase back (untick *approvazione*, tick *co-pianificazione*) never holds two forced
        phases at once (the partial unique constraint would answer IntegrityError)."""
        if formset.model is not Phase:
            return super().save_formset(request, form, formset, change)
        phases = formset.save(commit=False)
        for phase in formset.deleted_objects:
            phase.delete()
        for phase in sorted(phases, key=lambda p: p.force_active):
            phase.save()
        formset.save_m2m()

import csv
import io

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from consultazione.core.exceptions import DomainError

from .models import Comune, MacroArea, ZonaOmogenea
from .services import comuni_import_zone_mapping


class ZoneMappingImportForm(forms.Form):
    file = forms.FileField(label=_("CSV con colonne istat_code, zona_number"))


@admin.register(Comune)
class ComuneAdmin(admin.ModelAdmin):
    list_display = ("name", "istat_code", "zona")
    list_filter = ("zona",)
    search_fields = ("name", "istat_code")
    list_editable = ("zona",)
    change_list_template = "admin/territory/comune/change_list.html"

    def get_urls(self):
        return [
            path("import-zone/", self.admin_site.admin_view(self.import_zones), name="territory_comune_import")
        ] + super().get_urls()

    def import_zones(self, request):
        form = ZoneMappingImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            text = form.cleaned_data["file"].read().decode("utf-8-sig", errors="replace")
            try:
                count = comuni_import_zone_mapping(
                    rows=csv.DictReader(io.StringIO(text)), source_name=form.cleaned_data["file"].name
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("%(n)d comuni aggiornati.") % {"n": count})
                return redirect("admin:territory_comune_changelist")
        return render(
            request, "admin/territory/comune/import.html", {"form": form, "title": _("Importa assegnazione comuni → zone")}
        )


@admin.register(ZonaOmogenea)
class ZonaAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "macro_area")


@admin.register(MacroArea)
class MacroAreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "venue_comune")

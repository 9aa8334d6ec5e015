from django import forms
from django.utils.translation import gettext_lazy as _

from consultazione.core.params import RenamedParamsForm
from consultazione.plan.models import Axis
from consultazione.process.models import Phase, Process
from consultazione.stakeholders.models import Category
from consultazione.territory.models import ZonaOmogenea

from .exports.datasets import DATASETS
from .models import ExportKind
from .services.exports import STAFF_KINDS


class AxisChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code}. {obj.title}"


class DashboardFilterForm(RenamedParamsForm):
    """GET filters of the dashboard: axis by its number, zone by its number, phase by its kind,
    stakeholder category by its code (readable, stable URLs)."""

    old_names = {"asse": "axis", "fase": "phase", "categoria": "category"}

    axis = AxisChoiceField(
        label=_("Asse"), queryset=Axis.objects.none(), to_field_name="code", required=False, empty_label=_("Tutti gli assi")
    )
    zona = forms.ModelChoiceField(
        label=_("Zona omogenea"),
        queryset=ZonaOmogenea.objects.order_by("number"),
        to_field_name="number",
        required=False,
        empty_label=_("Tutte le zone"),
    )
    phase = forms.ModelChoiceField(
        label=_("Fase"), queryset=Phase.objects.none(), to_field_name="kind", required=False, empty_label=_("Tutte le fasi")
    )
    category = forms.ModelChoiceField(
        label=_("Categoria di portatori di interesse"),
        queryset=Category.objects.order_by("position", "code"),
        to_field_name="code",
        required=False,
        empty_label=_("Tutte le categorie"),
    )

    def __init__(self, *args, process: Process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = Axis.objects.filter(plan_id=process.working_plan_id).order_by("code")
        self.fields["phase"].queryset = process.phases.order_by("position")

    def filters(self) -> dict:
        """The valid filters as selector keywords (axis, zona, phase, category); none when invalid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "axis": data.get("axis"),
            "zona": data.get("zona"),
            "phase": data.get("phase"),
            "category": data.get("category"),
        }


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Formato"), choices=[(k.value, k.label) for k in ExportKind if k in STAFF_KINDS])
    dataset = forms.ChoiceField(
        label=_("Dati (per CSV e JSON)"), required=False, choices=[("", "—")] + [(d.key, d.label) for d in DATASETS.values()]
    )
    personal_data = forms.BooleanField(
        label=_("Includi i dati personali (email degli autori, nomi degli iscritti)"),
        required=False,
        help_text=_("Solo con l'autorizzazione specifica. Ogni esportazione è registrata."),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") in (ExportKind.CSV, ExportKind.JSON) and not data.get("dataset"):
            self.add_error("dataset", _("Scegli il tipo di dati da esportare in CSV o JSON."))
        return data

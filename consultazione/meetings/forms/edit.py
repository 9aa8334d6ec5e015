"""Staff forms to create, edit and cancel a meeting in the site (not the Django admin).

The meeting form is a ModelForm, so the model's own `clean()` (end after start, venue or link
for the format, capacity not below the confirmed registrations) shows its errors on the right
field; the service validates again under lock. Agenda and tables are formsets whose rows can be
added (blank rows and "Aggiungi righe"), removed (a tick) and reordered (a number)."""

import contextlib

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consultazione.accounts.roles import Role
from consultazione.plan.models import Axis
from consultazione.territory.models import Comune, MacroArea, ZonaOmogenea

from ..models import Meeting
from ..services import AgendaSpec, TableSpec

MORE_ROWS = 2  # blank rows added by "Aggiungi righe"


class DateTimeParts(forms.SplitDateTimeWidget):
    """Date and time side by side, each with its own label (a MultiWidget has no single label target)."""

    template_name = "meetings/widgets/split_datetime.html"

    def __init__(self, label):
        super().__init__(
            date_attrs={"type": "date", "class": "form-control"},
            time_attrs={"type": "time", "class": "form-control"},
            date_format="%Y-%m-%d",
            time_format="%H:%M",
        )
        self.label = label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["label"] = self.label
        return context


def _date_time_field(label, required=True):
    return forms.SplitDateTimeField(
        label=label, required=required, widget=DateTimeParts(label), help_text=_("Data e ora di Roma.")
    )


class MeetingForm(forms.ModelForm):
    starts_at = _date_time_field(_("Inizio"))
    ends_at = _date_time_field(_("Fine"))
    online_url = forms.URLField(label=_("Collegamento online"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = [
            "kind", "title", "description", "objectives", "starts_at", "ends_at", "format",
            "venue_comune", "venue_name", "venue_address", "online_url",
            "capacity", "registration_mode", "axes", "zones",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "axes": forms.CheckboxSelectMultiple,
            "zones": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, process=None, **kwargs):
        super().__init__(*args, **kwargs)
        if process is not None:
            self.instance.process = process
        self.fields["venue_comune"].queryset = Comune.objects.order_by("name")
        self.fields["venue_comune"].empty_label = _("— scegli il comune —")
        self.fields["venue_comune"].help_text = _("Obbligatorio per un incontro in presenza o ibrido.")
        self.fields["online_url"].help_text = _("Obbligatorio per un incontro online o ibrido.")
        self.fields["axes"].queryset = axes_queryset()
        self.fields["axes"].label_from_instance = axis_label
        self.fields["zones"].queryset = ZonaOmogenea.objects.order_by("number")
        for name, field in self.fields.items():
            if name in {"axes", "zones", "starts_at", "ends_at"}:
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        if self.instance.is_cancelled:
            for field in self.fields.values():
                field.disabled = True


def axes_queryset():
    return Axis.objects.select_related("plan").order_by("-plan__period_start", "code")


def axis_label(axis) -> str:
    return f"{axis.plan.short_name} · {axis.code}. {axis.title}"


class _Row(forms.Form):
    """A row without a title is a blank row: it is skipped, whatever its other fields say
    (a blank agenda row still shows its default 15 minutes)."""

    def has_changed(self) -> bool:
        return bool((self.data.get(self.add_prefix("title")) or "").strip())


class AgendaRowForm(_Row):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Punto"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"}))
    duration_minutes = forms.IntegerField(
        label=_("Minuti"), min_value=1, max_value=600, initial=15, widget=forms.NumberInput(attrs={"class": "form-control"})
    )
    in_tables = forms.BooleanField(label=_("Nei tavoli"), required=False)
    description = forms.CharField(label=_("Descrizione"), required=False, widget=forms.TextInput(attrs={"class": "form-control"}))


def _facilitators():
    roles = [Role.FACILITATOR.value, Role.STAFF.value]
    return get_user_model().objects.filter(Q(groups__name__in=roles)).distinct().order_by("pseudonym")


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class TableRowForm(_Row):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Tavolo"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"}))
    axis = forms.ModelChoiceField(
        label=_("Asse"), queryset=Axis.objects.all(), required=False, empty_label=_("— nessuno —"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )  # fmt: skip
    macro_area = forms.ModelChoiceField(
        label=_("Zona (macro-area)"), queryset=MacroArea.objects.all(), required=False, empty_label=_("— nessuna —"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )  # fmt: skip
    facilitator = UserChoice(
        label=_("Facilitatore"), queryset=_facilitators(), required=False, empty_label=_("— da assegnare —"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = axes_queryset()
        self.fields["axis"].label_from_instance = axis_label
        self.fields["facilitator"].queryset = _facilitators()


class RowsFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].widget.attrs.update({"class": "form-control", "min": 1})


AgendaFormSet = forms.formset_factory(AgendaRowForm, RowsFormSet, extra=MORE_ROWS, can_delete=True, can_order=True)
TableFormSet = forms.formset_factory(TableRowForm, RowsFormSet, extra=MORE_ROWS, can_delete=True, can_order=True)


def _ordered(formset):
    return [form.cleaned_data for form in formset.ordered_forms]


def agenda_specs(formset) -> list[AgendaSpec]:
    return [
        AgendaSpec(
            title=row["title"],
            duration_minutes=row["duration_minutes"],
            description=row["description"],
            in_tables=row["in_tables"],
            pk=row.get("pk"),
        )  # fmt: skip
        for row in _ordered(formset)
    ]


def table_specs(formset) -> list[TableSpec]:
    return [
        TableSpec(
            title=row["title"],
            axis=row["axis"],
            macro_area=row["macro_area"],
            facilitator=row["facilitator"],
            pk=row.get("pk"),
        )  # fmt: skip
        for row in _ordered(formset)
    ]


def agenda_initial(meeting) -> list[dict]:
    return [
        {"pk": i.pk, "title": i.title, "duration_minutes": i.duration_minutes, "description": i.description,
         "in_tables": i.in_tables, "ORDER": i.position}
        for i in meeting.agenda.all()
    ]  # fmt: skip


def tables_initial(meeting) -> list[dict]:
    return [
        {"pk": t.pk, "title": t.title, "axis": t.axis_id, "macro_area": t.macro_area_id, "facilitator": t.facilitator_id,
         "ORDER": t.position}
        for t in meeting.tables.all()
    ]  # fmt: skip


def with_more_rows(data, prefix: str):
    """A copy of the posted data asking for MORE_ROWS more blank rows in the formset `prefix`."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    with contextlib.suppress(ValueError):
        data[key] = str(int(data.get(key, 0)) + MORE_ROWS)
    return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo dell'annullamento"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        help_text=_("Lo leggono gli iscritti nell'email e chiunque apra la pagina dell'incontro."),
        error_messages={"required": _("Scrivi il motivo dell'annullamento: lo leggeranno gli iscritti.")},
    )

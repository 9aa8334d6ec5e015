"""Forms of the facilitator's table page."""

from django import forms
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from consultazione.contributions.models import ContributionKind
from consultazione.contributions.selectors import plans_open_to_any_kind
from consultazione.plan.models import Action, Axis, Strategy
from consultazione.territory.models import Comune, ZonaOmogenea


def _plan_of(table):
    process = table.meeting.process
    return process.working_plan_id


class TableOutputForm(forms.Form):
    summary = forms.CharField(
        label=_("Che cosa è emerso"), widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}), max_length=5000
    )
    positions = forms.CharField(
        label=_("Posizioni espresse"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        required=False,
        max_length=5000,
    )
    decisions = forms.CharField(
        label=_("Decisioni e indicazioni"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        required=False,
        max_length=5000,
    )
    strategies = forms.ModelMultipleChoiceField(
        label=_("Strategie del piano collegate"), queryset=Strategy.objects.none(), required=False
    )
    actions = forms.ModelMultipleChoiceField(
        label=_("Azioni del piano collegate"), queryset=Action.objects.none(), required=False
    )

    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        strategies = Strategy.objects.filter(axis__plan_id=_plan_of(table)).select_related("axis")
        actions = Action.objects.filter(strategy__axis__plan_id=_plan_of(table))
        if table.axis_id:
            strategies = strategies.filter(axis_id=table.axis_id)
            actions = actions.filter(strategy__axis_id=table.axis_id)
        self.fields["strategies"].queryset = strategies
        self.fields["actions"].queryset = actions
        for name in ("strategies", "actions"):
            self.fields[name].widget.attrs["size"] = 6


class TableSummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Sintesi del tavolo"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        max_length=5000,
        help_text=_("Poche righe che compariranno nella restituzione."),
    )


class TableContributionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tipo"), choices=ContributionKind.choices)
    title = forms.CharField(label=_("Titolo"), max_length=150)
    body = forms.CharField(label=_("Descrizione"), widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}))
    axis = forms.ModelChoiceField(label=_("Asse"), queryset=Axis.objects.none())
    agenda_item = forms.TypedChoiceField(label=_("Punto dell'ordine del giorno"), required=False, coerce=int, empty_value=None)
    zona = forms.ModelChoiceField(label=_("Zona omogenea"), queryset=ZonaOmogenea.objects.all(), required=False)
    comune = forms.ModelChoiceField(label=_("Comune"), queryset=Comune.objects.all(), required=False)

    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        # The plans open to some kind (contributions.selectors.plans_open_to); the service refuses
        # an axis the chosen kind may not use, with the reason, on the form.
        plan_ids = list(plans_open_to_any_kind(table.meeting.process).values())
        self.fields["axis"].queryset = (
            Axis.objects.filter(plan_id__in=plan_ids)
            .select_related("plan")
            .order_by(Case(When(plan_id=plan_ids[0] if plan_ids else None, then=0), default=1), "code")
        )
        if len(plan_ids) > 1:
            self.fields["axis"].label_from_instance = lambda axis: f"{axis.plan} · {axis}"
        self.fields["axis"].initial = table.axis_id
        items = list(table.meeting.agenda.all())
        self.fields["agenda_item"].choices = [("", _("— nessuno in particolare —"))] + [(i.pk, str(i)) for i in items]
        self.agenda_items = {item.pk: item for item in items}
        self.fields["title"].widget.attrs["class"] = "form-control"

    def clean_agenda_item(self):
        value = self.cleaned_data.get("agenda_item")
        return self.agenda_items.get(value) if value else None

"""Forms of curation and outcomes: re-tag, merge, outcome, thematic response."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultazione.contributions.forms.contribution import ClassificationFields
from consultazione.contributions.models import Contribution, Outcome
from consultazione.core.forms import ServiceErrorsMixin
from consultazione.plan.models import Action, Strategy

from .decisions import OwnIds


def fit_selects(form: forms.Form) -> None:
    """Long plan titles must not widen the narrow review column: selects take the column width."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.Select):
            field.widget.attrs["class"] = "w-100"


class RetagForm(OwnIds, ServiceErrorsMixin, ClassificationFields):
    ids = "retag_%s"
    reason_text = forms.CharField(label=_("Nota per il registro (facoltativa)"), required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fit_selects(self)


class MergeForm(ServiceErrorsMixin, forms.Form):
    target = forms.ModelChoiceField(
        label=_("Contributo che resta"), queryset=Contribution.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    sources = forms.ModelMultipleChoiceField(queryset=Contribution.objects.none(), widget=forms.MultipleHiddenInput)
    reason_text = forms.CharField(
        label=_("Nota per gli autori (facoltativa)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = candidates
        self.fields["sources"].queryset = candidates


class DuplicateOfForm(OwnIds, ServiceErrorsMixin, forms.Form):
    ids = "duplicate_%s"
    target_reference = forms.CharField(
        label=_("Codice del contributo originale"), max_length=40, help_text=_("Per esempio PSM-IDEA-2026-00012.")
    )
    reason_text = forms.CharField(label=_("Nota per l'autore (facoltativa)"), required=False, max_length=2000)


class PlanLinkFields(ServiceErrorsMixin, forms.Form):
    # No default: an outcome is a public answer, so the moderator picks it (issue 16 item 9c).
    outcome = forms.ChoiceField(
        label=_("Esito"),
        choices=[("", _("Scegli l'esito")), *Outcome.choices],
        error_messages={"required": _("Scegli l'esito da comunicare: nessuno è preselezionato.")},
    )
    strategy = forms.ModelChoiceField(
        label=_("Strategia del piano in cui è confluito (facoltativa)"),
        queryset=Strategy.objects.none(),
        required=False,
        empty_label=_("Nessuna"),
    )
    action = forms.ModelChoiceField(
        label=_("Azione del piano in cui è confluito (facoltativa)"),
        queryset=Action.objects.none(),
        required=False,
        empty_label=_("Nessuna"),
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        plan_id = process.working_plan_id
        self.fields["strategy"].queryset = Strategy.objects.filter(axis__plan_id=plan_id).order_by("axis__code", "code")
        self.fields["action"].queryset = Action.objects.filter(strategy__axis__plan_id=plan_id).order_by("code")
        fit_selects(self)


class OutcomeForm(OwnIds, PlanLinkFields):
    ids = "outcome_%s"
    motivation = forms.CharField(label=_("Motivazione pubblica"), widget=forms.Textarea(attrs={"rows": 4}))

    field_order = ["outcome", "motivation", "strategy", "action"]


class ThematicResponseForm(PlanLinkFields):
    title = forms.CharField(label=_("Titolo della risposta"), max_length=200)
    text = forms.CharField(label=_("Risposta pubblica"), widget=forms.Textarea(attrs={"rows": 6}))
    contributions = forms.ModelMultipleChoiceField(
        label=_("Contributi a cui si applica"), queryset=Contribution.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    field_order = ["title", "text", "outcome", "strategy", "action", "contributions"]

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contributions"].queryset = candidates
        self.fields["contributions"].label_from_instance = lambda c: f"{c.reference or c.pk} · {c.title}"

"""Forms of a question built from the consultation: the source (step 1), then its options as an
editable list (step 2: rename, drop, reorder, tell equal titles apart) before anything is created.

The options come from `services.options_from_source` (the API calls it too); the rules on the
options (how many, equal titles, links) are the service's: these forms only carry the input.
"""

from django import forms
from django.db.models import Count
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consultazione.contributions.selectors import axes_open_to_contributions
from consultazione.plan.models import Axis
from consultazione.process.selectors import working_plan_ids
from consultazione.territory.models import ZonaOmogenea
from consultazione.voting.models import PriorityExercise

from .forms import _QuestionBase
from .kinds import KINDS
from .services import OptionSpec, QuestionSpec, Source, SourceRequest
from .services.questions import LABEL_LENGTH
from .services.sources import SOURCE_LIMIT, AxisLevel


class _SourceForm(forms.Form):
    source = ""
    title = ""

    def request(self) -> SourceRequest:
        data = self.cleaned_data
        return SourceRequest(
            source=self.source,
            limit=data.get("limit") or 5,
            axis=data.get("axis"),
            zona=data.get("zona"),
            exercise=data.get("exercise"),
            level=data.get("level") or AxisLevel.AUTO,
        )


class ContributionsSourceForm(_SourceForm):
    source = Source.CONTRIBUTIONS
    title = _("Domanda dai contributi più sostenuti")

    limit = forms.IntegerField(label=_("Quanti contributi (i più sostenuti)"), min_value=2, max_value=SOURCE_LIMIT, initial=5)
    axis = forms.ModelChoiceField(label=_("Solo l'asse"), queryset=Axis.objects.none(), required=False)
    zona = forms.ModelChoiceField(label=_("Solo la zona omogenea"), queryset=ZonaOmogenea.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The axes contributions point at (not the plan whose status is in force today).
        self.fields["axis"].queryset = axes_open_to_contributions()
        self.fields["axis"].label_from_instance = lambda axis: f"{axis.plan} · {axis}"  # codes repeat across plans
        self.fields["zona"].queryset = ZonaOmogenea.objects.order_by("number")


def _axis_with_counts(axis) -> str:
    strategies = ngettext("%(n)d strategia", "%(n)d strategie", axis.n_strategies) % {"n": axis.n_strategies}
    actions = ngettext("%(n)d azione", "%(n)d azioni", axis.n_actions) % {"n": axis.n_actions}
    return f"{axis} ({strategies}, {actions})"


class AxisSourceForm(_SourceForm):
    source = Source.AXIS
    title = _("Domanda dalle strategie di un asse")

    axis = forms.ModelChoiceField(label=_("Asse"), queryset=Axis.objects.none())
    level = forms.ChoiceField(
        label=_("Opzioni"),
        choices=[
            (AxisLevel.AUTO, _("Le strategie (le azioni se l'asse ha una sola strategia)")),
            (AxisLevel.STRATEGIES, _("Le strategie")),
            (AxisLevel.ACTIONS, _("Le azioni delle strategie")),
        ],
        required=False,
        initial=AxisLevel.AUTO,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The strategies a plenary prioritises are those of the plans being built; the counts say
        # before the preview how many options an axis gives.
        axes = Axis.objects.filter(plan_id__in=working_plan_ids()).order_by("code")
        self.fields["axis"].queryset = axes.annotate(
            n_strategies=Count("strategies", distinct=True), n_actions=Count("strategies__actions", distinct=True)
        )
        self.fields["axis"].label_from_instance = _axis_with_counts


class ExerciseSourceForm(_SourceForm):
    source = Source.EXERCISE
    title = _("Domanda da un esercizio di priorità")

    exercise = forms.ModelChoiceField(label=_("Esercizio di priorità"), queryset=PriorityExercise.objects.none())
    limit = forms.IntegerField(label=_("Quante voci (le prime in classifica)"), min_value=2, max_value=SOURCE_LIMIT, initial=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise"].queryset = PriorityExercise.objects.order_by("-created_at")


SOURCE_FORMS = {form.source: form for form in (ContributionsSourceForm, AxisSourceForm, ExerciseSourceForm)}


def _kinds_with_preset_options():
    return [(spec.code, spec.label) for spec in KINDS.values() if spec.from_sources]


class SourceQuestionForm(_QuestionBase):
    kind = forms.ChoiceField(label=_("Tipo di domanda"), choices=_kinds_with_preset_options)
    max_choices = forms.IntegerField(label=_("Scelte massime (scelta multipla)"), min_value=1, max_value=20, initial=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["class"] = "form-control"

    def spec(self, options: tuple[OptionSpec, ...]) -> QuestionSpec:
        max_choices = min(self.cleaned_data["max_choices"], max(len(options), 1))
        return QuestionSpec(kind=self.cleaned_data["kind"], options=options, max_choices=max_choices, **self.common())


class OptionRowForm(forms.Form):
    label = forms.CharField(
        label=_("Testo dell'opzione"),
        max_length=LABEL_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )
    contribution_id = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)
    strategy_id = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)
    reference = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)


class BaseOptionFormSet(BaseFormSet):
    """The generated options as rows: `ORDER` (position), `DELETE` (drop), the label to rename."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        position = {"class": "form-control d-inline-block source-position", "min": 1, "max": SOURCE_LIMIT}
        form.fields["ORDER"].widget.attrs.update(position)

    def clean(self):
        super().clean()
        for form in self.forms:
            if self._should_delete_form(form) or not form.is_valid():
                continue
            if not form.cleaned_data.get("label", "").strip():
                form.add_error("label", _("Scrivi il testo dell'opzione o spunta «Elimina»."))

    def option_specs(self) -> tuple[OptionSpec, ...]:
        """The rows kept, in the chosen order (valid formset only)."""
        return tuple(
            OptionSpec(
                label=form.cleaned_data["label"],
                contribution_id=form.cleaned_data.get("contribution_id"),
                strategy_id=form.cleaned_data.get("strategy_id"),
                reference=form.cleaned_data.get("reference") or "",
            )
            for form in self.ordered_forms
        )


OptionFormSet = formset_factory(
    OptionRowForm,
    formset=BaseOptionFormSet,
    extra=0,
    can_order=True,
    can_delete=True,
    max_num=SOURCE_LIMIT,
    absolute_max=SOURCE_LIMIT,
    validate_max=True,
)


def option_rows(options) -> list[dict]:
    """The initial rows of the formset for generated (or de-duplicated) options."""
    return [
        {
            "label": option.label,
            "contribution_id": option.contribution_id,
            "strategy_id": option.strategy_id,
            "reference": option.reference,
            "ORDER": index,
        }
        for index, option in enumerate(options, start=1)
    ]

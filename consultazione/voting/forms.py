"""Forms of the voting pages: they only parse input; the services hold every rule."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from consultazione.contributions.models import Contribution
from consultazione.plan.models import Axis
from consultazione.process.models import Phase, Process
from consultazione.stakeholders.models import Organisation
from consultazione.territory.models import Comune, MacroArea, ZonaOmogenea

from .models import Method, PriorityExercise, ResultsVisibility, Scope


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ExerciseSettingsForm(forms.Form):
    """What staff can change at any time (it never alters how ballots are counted)."""

    title = forms.CharField(label=_("Titolo"), max_length=200)
    description = forms.CharField(label=_("Descrizione"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    results_visibility = forms.ChoiceField(
        label=_("Risultati"), choices=ResultsVisibility.choices, widget=forms.RadioSelect, initial=ResultsVisibility.AFTER_CLOSE
    )
    closes_at = forms.DateTimeField(
        label=_("Chiusura automatica"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Facoltativa: dopo questa data e ora non si accettano più schede."),
    )

    @classmethod
    def for_exercise(cls, exercise: PriorityExercise, data=None):
        fields = ["title", "description", "results_visibility", "closes_at"]
        return cls(data, initial={name: getattr(exercise, name) for name in fields})


class ExerciseForm(ExerciseSettingsForm):
    process = forms.ModelChoiceField(label=_("Processo"), queryset=Process.objects.all())
    phase = forms.ModelChoiceField(
        label=_("Fase"),
        queryset=Phase.objects.select_related("process"),
        required=False,
        help_text=_("Facoltativa: si partecipa solo mentre questa fase è attiva."),
    )
    method = forms.ChoiceField(label=_("Metodo"), choices=Method.choices, widget=forms.RadioSelect, initial=Method.DOTS)
    points_total = forms.IntegerField(label=_("Punti per persona (punti)"), min_value=1, max_value=100, initial=10)
    points_per_item_max = forms.IntegerField(label=_("Punti massimi per voce (punti)"), min_value=1, max_value=100, initial=3)
    top_k = forms.IntegerField(label=_("Voci da mettere in classifica (classifica)"), min_value=1, max_value=50, initial=3)
    scope = forms.ChoiceField(
        label=_("Che cosa si mette in priorità"), choices=Scope.choices, widget=forms.RadioSelect, initial=Scope.PLAN
    )
    axis = forms.ModelChoiceField(label=_("Asse"), queryset=Axis.objects.select_related("plan"), required=False)
    contribution_references = forms.CharField(
        label=_("Codici dei contributi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Uno per riga, per esempio PSM-2024-0012 (solo con «Un elenco di contributi»)."),
    )
    zona = forms.ModelChoiceField(label=_("Riservato alla zona omogenea"), queryset=ZonaOmogenea.objects.all(), required=False)
    macro_area = forms.ModelChoiceField(label=_("Riservato alla macro-area"), queryset=MacroArea.objects.all(), required=False)
    open_now = forms.BooleanField(label=_("Apri subito alla partecipazione"), required=False)

    field_order = [
        "process",
        "phase",
        "title",
        "description",
        "method",
        "points_total",
        "points_per_item_max",
        "top_k",
        "scope",
        "axis",
        "contribution_references",
        "zona",
        "macro_area",
        "results_visibility",
        "closes_at",
        "open_now",
    ]

    def clean_contribution_references(self):
        references = [line.strip() for line in self.cleaned_data["contribution_references"].splitlines() if line.strip()]
        found = {c.reference: c for c in Contribution.objects.filter(reference__in=references)}
        unknown = [ref for ref in references if ref not in found]
        if unknown:
            raise ValidationError(_("Codici sconosciuti: %(refs)s.") % {"refs": ", ".join(unknown)})
        return [found[ref] for ref in references]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["contributions"] = data.pop("contribution_references")
        return data


class BallotForm(forms.Form):
    """Built from the exercise: a points field per item (dot-voting) or K ordered choices (ranking)."""

    zona = forms.ModelChoiceField(label=_("La tua zona omogenea"), queryset=ZonaOmogenea.objects.none(), required=False)
    comune = forms.ModelChoiceField(
        label=_("Il tuo comune (facoltativo)"),
        queryset=Comune.objects.none(),
        required=False,
        help_text=_("Dove vivi, lavori o studi. Se indichi il comune, la zona è dedotta da questo."),
    )

    def __init__(self, *args, exercise: PriorityExercise, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.exercise = exercise
        self.items = list(exercise.items.all())
        zones = ZonaOmogenea.objects.all()
        if exercise.zona_id:
            zones = zones.filter(pk=exercise.zona_id)
        elif exercise.macro_area_id:
            zones = zones.filter(macro_area_id=exercise.macro_area_id)
        self.fields["zona"].queryset = zones
        self.fields["comune"].queryset = Comune.objects.filter(zona__in=zones).order_by("name")
        if len(organisations) > 1:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Partecipi a nome di"),
                queryset=Organisation.objects.filter(pk__in=[o.pk for o in organisations]).order_by("name"),
                required=True,
            )
        if exercise.method == Method.DOTS:
            self._add_points_fields()
        else:
            self._add_ranking_fields()

    def _add_points_fields(self):
        for item in self.items:
            # min/max only guide the browser: the service checks them and explains the problem
            self.fields[f"item_{item.pk}"] = forms.IntegerField(
                label=item.label,
                initial=0,
                required=False,
                widget=forms.NumberInput(
                    attrs={"data-points": "1", "inputmode": "numeric", "min": 0, "max": self.exercise.points_per_item_max}
                ),
            )

    def _add_ranking_fields(self):
        choices = [("", _("— nessuna —"))] + [(str(item.pk), item.label) for item in self.items]
        for rank in range(1, self.exercise.top_k + 1):
            self.fields[f"rank_{rank}"] = forms.TypedChoiceField(
                label=_("%(n)sª scelta") % {"n": rank},
                choices=choices,
                coerce=int,
                required=rank == 1,
                empty_value=None,
                widget=forms.Select(attrs={"data-rank": str(rank)}),
            )

    @property
    def choice_fields(self):
        return [self[name] for name in self.fields if name.startswith(("item_", "rank_"))]

    @property
    def place_fields(self):
        return [self[name] for name in ("zona", "comune", "organisation") if name in self.fields]

    def prefill(self, ballot, place) -> None:
        """Initial values from the person's current ballot and last declared place."""
        if place is not None:
            self.initial.update({"zona": place.zona_id, "comune": place.comune_id})
        if ballot is None:
            return
        self.initial["organisation"] = ballot.organisation_id
        for allocation in ballot.allocations.all():
            key = f"rank_{allocation.rank}" if allocation.rank else f"item_{allocation.item_id}"
            self.initial[key] = allocation.item_id if allocation.rank else allocation.points

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"zona": data.get("zona"), "comune": data.get("comune"), "organisation": data.get("organisation")}
        if self.exercise.method == Method.DOTS:
            kwargs["points"] = {item.pk: data.get(f"item_{item.pk}") or 0 for item in self.items}
        else:
            ranks = [data.get(f"rank_{rank}") for rank in range(1, self.exercise.top_k + 1)]
            kwargs["ranking"] = [item_id for item_id in ranks if item_id is not None]
        return kwargs

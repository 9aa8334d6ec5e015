"""The filters of the contribution list, parsed the same way for the web page and the API."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultazione.plan.models import Axis, Strategy
from consultazione.stakeholders.models import Category
from consultazione.territory.models import Comune, ZonaOmogenea

from ..models import Channel, Kind, Outcome, Status
from ..selectors import AWAITING_OUTCOME, ContributionFilters
from .widgets import GroupedSelect

SORT_CHOICES = [
    ("", _("Più recenti")),
    ("supported", _("Più sostenuti")),
    ("commented", _("Più commentati")),
    ("relevance", _("Più pertinenti (con una ricerca)")),
]


ANY = _("Tutti")


def _with_any(choices):
    return [("", ANY), *choices]


class ContributionFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Cerca"),
        required=False,
        max_length=200,
        help_text=_("Parole del titolo o del testo, oppure un codice come PSM-IDEA-2023-00042."),
    )
    kind = forms.ChoiceField(label=_("Tipo"), required=False, choices=_with_any(Kind.choices))
    axis = forms.ModelChoiceField(label=_("Asse"), required=False, queryset=Axis.objects.none(), empty_label=_("Tutti gli assi"))
    strategy = forms.ModelChoiceField(
        label=_("Strategia"),
        required=False,
        queryset=Strategy.objects.none(),
        empty_label=_("Tutte le strategie"),
        widget=GroupedSelect(data_attr="axis", source="axis_id"),
    )
    zona = forms.ModelChoiceField(
        label=_("Zona omogenea"),
        required=False,
        queryset=ZonaOmogenea.objects.all(),
        to_field_name="number",
        empty_label=_("Tutte le zone"),
    )
    comune = forms.ModelChoiceField(
        label=_("Comune"),
        required=False,
        queryset=Comune.objects.select_related("zona"),
        to_field_name="istat_code",
        empty_label=_("Tutti i comuni"),
        widget=GroupedSelect(data_attr="zona", source="zona.number"),
    )
    channel = forms.ChoiceField(label=_("Canale"), required=False, choices=_with_any(Channel.choices))
    outcome = forms.ChoiceField(
        label=_("Esito"),
        required=False,
        choices=_with_any([(AWAITING_OUTCOME, _("In attesa di risposta")), *Outcome.choices]),
    )
    status = forms.ChoiceField(
        label=_("Stato"),
        required=False,
        choices=[("", _("Pubblicati")), (Status.WITHDRAWN, _("Ritirati dagli autori"))],
    )
    category = forms.ModelChoiceField(
        label=_("Categoria dell'organizzazione"),
        required=False,
        queryset=Category.objects.all(),
        to_field_name="code",
        empty_label=_("Tutte le categorie"),
    )
    sort = forms.ChoiceField(label=_("Ordina per"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        axes = Axis.objects.filter(plan=plan) if plan is not None else Axis.objects.all()
        self.fields["axis"].queryset = axes.order_by("code")
        self.fields["strategy"].queryset = Strategy.objects.filter(axis__in=axes).order_by("axis__code", "code")

    def to_filters(self, **extra) -> ContributionFilters:
        data = self.cleaned_data
        category = data.get("category")
        return ContributionFilters(
            q=data.get("q") or "",
            kind=data.get("kind") or "",
            axis=data.get("axis"),
            strategy=data.get("strategy"),
            zona=data.get("zona"),
            comune=data.get("comune"),
            channel=data.get("channel") or "",
            outcome=data.get("outcome") or "",
            status=data.get("status") or Status.PUBLISHED,
            category=category.code if category else "",
            sort=data.get("sort") or "",
            **extra,
        )

    def active_count(self) -> int:
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return 0
        return sum(1 for name, value in self.cleaned_data.items() if name not in {"sort"} and value not in (None, ""))

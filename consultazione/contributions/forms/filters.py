"""The filters of the contribution list, parsed the same way for the web page and the API."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultazione.core import pagecache
from consultazione.plan.models import Axis, Strategy
from consultazione.process.models import PlanRole
from consultazione.stakeholders.models import Category
from consultazione.territory.models import Comune, ZonaOmogenea

from ..models import Channel, ContributionKind, Outcome, Status
from ..selectors import AWAITING_OUTCOME, ContributionFilters
from ..selectors.options import classification_options
from ..selectors.plans import plans_open_to_any_kind
from .widgets import FastSelect, OptGroup

SORT_CHOICES = [
    ("", _("Più recenti")),
    ("supported", _("Più sostenuti")),
    ("commented", _("Più commentati")),
    ("relevance", _("Più pertinenti (con una ricerca)")),
]


ANY = _("Tutti")
GROUP_LABELS = {PlanRole.WORKING: "%(plan)s", PlanRole.REVISED: _("%(plan)s (in vigore)")}


def _with_any(choices):
    return [("", ANY), *choices]


class SiteRowChoiceField(forms.ModelChoiceField):
    """A choice among rows that change only with the site (axes, strategies, zones, comuni,
    categories: each moves `pagecache.SITE`): the chosen row is read once per site version and
    `scope` (what narrows the queryset: the form's process), not on every filtered list. A value
    that is no row raises the field's error each time (nothing kept)."""

    scope = ""

    def to_python(self, value):
        if value in self.empty_values or not pagecache.is_key_part(str(value)):
            return super().to_python(value)
        name = f"filter-{self.queryset.model._meta.label_lower}-{self.to_field_name or 'pk'}"
        return pagecache.memo(name, [pagecache.SITE], lambda: super(SiteRowChoiceField, self).to_python(value), self.scope, value)


class ContributionFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Cerca"),
        required=False,
        max_length=200,
        help_text=_("Parole del titolo o del testo, oppure un codice come PSM-IDEA-2023-00042."),
    )
    kind = forms.ChoiceField(label=_("Tipo"), required=False, choices=_with_any(ContributionKind.choices), widget=FastSelect)
    axis = SiteRowChoiceField(
        label=_("Asse"), required=False, queryset=Axis.objects.none(), empty_label=_("Tutti gli assi"), widget=FastSelect
    )
    strategy = SiteRowChoiceField(
        label=_("Strategia"),
        required=False,
        queryset=Strategy.objects.none(),
        empty_label=_("Tutte le strategie"),
        widget=FastSelect(data_attr="axis"),
    )
    zona = SiteRowChoiceField(
        label=_("Zona omogenea"),
        required=False,
        queryset=ZonaOmogenea.objects.all(),
        to_field_name="number",
        empty_label=_("Tutte le zone"),
        widget=FastSelect,
    )
    comune = SiteRowChoiceField(
        label=_("Comune"),
        required=False,
        queryset=Comune.objects.all(),
        to_field_name="istat_code",
        empty_label=_("Tutti i comuni"),
        widget=FastSelect(data_attr="zona"),
    )
    channel = forms.ChoiceField(label=_("Canale"), required=False, choices=_with_any(Channel.choices), widget=FastSelect)
    outcome = forms.ChoiceField(
        label=_("Esito"),
        required=False,
        choices=_with_any([(AWAITING_OUTCOME, _("In attesa di risposta")), *Outcome.choices]),
        widget=FastSelect,
    )
    status = forms.ChoiceField(
        label=_("Stato"),
        required=False,
        choices=[("", _("Pubblicati")), (Status.WITHDRAWN, _("Ritirati dagli autori"))],
        widget=FastSelect,
    )
    category = SiteRowChoiceField(
        label=_("Categoria dell'organizzazione"),
        required=False,
        queryset=Category.objects.all(),
        to_field_name="code",
        empty_label=_("Tutte le categorie"),
        widget=FastSelect,
    )
    sort = forms.ChoiceField(label=_("Ordina per"), required=False, choices=SORT_CHOICES, widget=FastSelect)

    def __init__(self, *args, process=None, **kwargs):
        """Offer the axes of the plans contributions of `process` may point at
        (selectors.plans_open_to_any_kind), each plan in its group when there are several;
        no process: every plan."""
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, SiteRowChoiceField):
                field.scope = str(process.pk if process is not None else "")
        plans = plans_open_to_any_kind(process) if process is not None else {}
        axes = Axis.objects.filter(plan_id__in=plans.values()) if plans else Axis.objects.all()
        self.fields["axis"].queryset = axes.order_by("code")
        self.fields["strategy"].queryset = Strategy.objects.filter(axis__in=axes).order_by("axis__code", "code")
        options = [classification_options(plan_id) for plan_id in plans.values()] or [classification_options(None)]
        axis_rows = [(pk, label, None) for pk, label in options[0]["axes"]]
        strategy_rows = [row for plan in options for row in plan["strategies"]]
        if len(plans) > 1:
            axis_rows = [
                OptGroup(GROUP_LABELS[role] % {"plan": process.plan_for(role)}, [(pk, label, None) for pk, label in plan["axes"]])
                for role, plan in zip(plans, options, strict=True)
            ]
        rows = {
            "axis": axis_rows,
            "strategy": strategy_rows,
            "zona": [(number, label, None) for _pk, number, label in options[0]["zones"]],
            "comune": [(istat, name, zone_number) for _pk, istat, name, _zone, zone_number in options[0]["comuni"]],
            "category": [(code, label, None) for code, label in options[0]["categories"]],
        }
        for name, choices in rows.items():
            self.fields[name].widget.options = [("", self.fields[name].empty_label, None), *choices]

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

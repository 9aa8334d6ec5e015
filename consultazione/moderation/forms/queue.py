"""The queue's filter bar and its bulk-action form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultazione.contributions.models import ContributionKind, Status
from consultazione.contributions.selectors import axes_open_to_contributions
from consultazione.plan.models import Axis
from consultazione.process.models import Phase, Process
from consultazione.territory.models import ZonaOmogenea

from ..items import ItemType
from ..selectors import TO_REVIEW, QueueFilters
from .decisions import ReasonFields

STATE_CHOICES = [(TO_REVIEW, _("Da esaminare (in attesa o segnalati)")), ("", _("Tutti gli stati")), *Status.choices]
ORDER_CHOICES = [("oldest", _("Più vecchi prima")), ("newest", _("Più recenti prima")), ("reports", _("Più segnalati prima"))]
AGE_CHOICES = [("", _("Qualsiasi")), ("1", _("Più di 1 giorno")), ("3", _("Più di 3 giorni")), ("7", _("Più di 7 giorni"))]
REPORT_CHOICES = [("", _("Qualsiasi")), ("1", _("Almeno 1")), ("3", _("Almeno 3"))]


def axis_label_with_plan(axis) -> str:
    """Axes of two plans share their codes: name the plan."""
    return f"{axis.plan} · {axis}"


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Cerca"),
        required=False,
        max_length=200,
        help_text=_("Parole del titolo o del testo, oppure il codice (PSM-IDEA-2026-00012)."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    content = forms.ChoiceField(label=_("Contenuti"), choices=ItemType.choices, required=False)
    state = forms.ChoiceField(label=_("Stato"), choices=STATE_CHOICES, required=False)
    process = forms.ModelChoiceField(label=_("Processo"), queryset=Process.objects.all(), required=False, empty_label=_("Tutti"))
    phase = forms.ModelChoiceField(
        label=_("Fase"), queryset=Phase.objects.select_related("process"), required=False, empty_label=_("Tutte")
    )
    axis = forms.ModelChoiceField(label=_("Asse"), queryset=Axis.objects.none(), required=False, empty_label=_("Tutti"))
    zona = forms.ModelChoiceField(
        label=_("Zona omogenea"), queryset=ZonaOmogenea.objects.all(), required=False, empty_label=_("Tutte")
    )
    kind = forms.ChoiceField(label=_("Tipo"), choices=[("", _("Tutti")), *ContributionKind.choices], required=False)
    min_reports = forms.TypedChoiceField(
        label=_("Segnalazioni"), choices=REPORT_CHOICES, coerce=int, empty_value=None, required=False
    )
    older_than_days = forms.TypedChoiceField(
        label=_("In coda da"), choices=AGE_CHOICES, coerce=int, empty_value=None, required=False
    )
    order = forms.ChoiceField(label=_("Ordine"), choices=ORDER_CHOICES, required=False)

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and "state" not in data:
            data["state"] = TO_REVIEW
        super().__init__(data, initial={"state": TO_REVIEW}, **kwargs)
        self.fields["axis"].queryset = axes_open_to_contributions()
        self.fields["axis"].label_from_instance = axis_label_with_plan

    def filters(self) -> QueueFilters:
        """The filters to apply; invalid values are ignored (a filter bar never errors out)."""
        data = self.cleaned_data if self.is_valid() else {}

        def pk(name):
            value = data.get(name)
            return value.pk if value is not None else None

        return QueueFilters(
            content=data.get("content") or ItemType.CONTRIBUTION,
            process=pk("process"),
            phase=pk("phase"),
            axis=pk("axis"),
            zona=pk("zona"),
            kind=data.get("kind") or "",
            state=data.get("state", TO_REVIEW) if self.is_bound else TO_REVIEW,
            min_reports=data.get("min_reports"),
            older_than_days=data.get("older_than_days"),
            order=data.get("order") or "oldest",
            q=" ".join((data.get("q") or "").split()),
        )


def parse_item_token(token: str) -> tuple[str, int, str] | None:
    """ "contribution:12:pending" → ("contribution", 12, "pending"); None when malformed."""
    parts = token.split(":")
    if len(parts) != 3 or parts[0] not in ItemType.values or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1]), parts[2]


class BulkDecisionForm(ReasonFields):
    action = forms.ChoiceField(label=_("Azione sui selezionati"), choices=[])
    items = forms.Field(label=_("Contenuti selezionati"), required=False, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = actions

    def clean_items(self):
        tokens = [parse_item_token(str(token)) for token in self.cleaned_data["items"] or []]
        if not tokens or None in tokens:
            raise forms.ValidationError(_("Seleziona almeno un contenuto dalla coda."))
        return tokens

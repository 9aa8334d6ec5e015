"""Web forms for submitting and editing a contribution. They only parse input: rules, text policy
and file checks live in the services, whose ValidationErrors are put back on the form."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from consultazione.core.forms import ServiceErrorsMixin
from consultazione.plan.models import Action, Axis, Strategy
from consultazione.process.models import PlanRole
from consultazione.stakeholders.selectors import organisations_represented_by
from consultazione.territory.models import Comune, ZonaOmogenea

from .. import conf
from ..models import KIND_RULES, Channel, Contribution, ContributionKind
from ..selectors.options import classification_options
from ..selectors.plans import plan_roles_by_kind, plans_open_to, plans_open_to_any_kind
from ..services import DocumentUpload, ImageUpload
from .widgets import FastSelect, OptGroup

ATTACHMENT_FIELDS = ("images", "documents")


def _plan_group_label(process, role: str) -> str:
    """«Piano in vigore: PSM 2021-2023 (solo per: Criticità)»: the role, the plan and, when not
    every kind may point at it, the kinds that may."""
    label = _("%(role)s: %(plan)s") % {"role": PlanRole(role).label, "plan": process.plan_for(role)}
    kinds = [kind for kind, rule in KIND_RULES.items() if role in rule.plans]
    if len(kinds) < len(KIND_RULES):
        label += " " + _("(solo per: %(kinds)s)") % {"kinds": ", ".join(str(ContributionKind(k).label) for k in kinds)}
    return label


class AttachmentErrorsMixin(ServiceErrorsMixin):
    """A service's refusal on the form (core.forms), with the attachment errors in
    `attachment_errors` (shown in the attachments fieldset) and a pointer to them on top."""

    def add_service_errors(self, error: Exception) -> None:
        self.attachment_errors = getattr(self, "attachment_errors", {})
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            fields = error.message_dict
            for field in ATTACHMENT_FIELDS:
                if field in fields:
                    self.attachment_errors.setdefault(field, []).extend(fields.pop(field))
            if len(fields) < len(error.error_dict):
                self.add_error(None, _("Alcuni allegati non sono stati accettati: vedi i dettagli nella sezione Allegati."))
            if not fields:
                return
            error = ValidationError(fields)
        super().add_service_errors(error)


class ClassificationFields(forms.Form):
    """Axis, strategy, action and territory: the selects narrow each other with JS."""

    axis = forms.ModelChoiceField(
        label=_("Asse del Piano"), queryset=Axis.objects.none(), empty_label=_("Scegli l'asse"), widget=FastSelect
    )
    strategy = forms.ModelChoiceField(
        label=_("Strategia (facoltativa)"),
        queryset=Strategy.objects.none(),
        required=False,
        widget=FastSelect(data_attr="axis"),
        empty_label=_("Nessuna strategia in particolare"),
    )
    action = forms.ModelChoiceField(
        label=_("Azione (facoltativa)"),
        queryset=Action.objects.none(),
        required=False,
        widget=FastSelect(data_attr="strategy"),
        empty_label=_("Nessuna azione in particolare"),
    )
    zona = forms.ModelChoiceField(
        label=_("Zona omogenea (facoltativa)"),
        queryset=ZonaOmogenea.objects.all(),
        required=False,
        empty_label=_("Tutto il territorio metropolitano"),
        widget=FastSelect,
    )
    comune = forms.ModelChoiceField(
        label=_("Comune (facoltativo)"),
        queryset=Comune.objects.all(),
        required=False,
        widget=FastSelect(data_attr="zona"),
        empty_label=_("Nessun comune in particolare"),
    )

    def __init__(self, *args, process, kind: str | None = None, **kwargs):
        """Offer the axes, strategies and actions of the plans open to `kind` (selectors.plans_open_to);
        with no kind (the submission form, where the kind is chosen alongside), of the plans open to
        any kind, each in its group with its role, and the rule for the JS on the axis select."""
        super().__init__(*args, **kwargs)
        plans = plans_open_to(process, kind) if kind else plans_open_to_any_kind(process)
        plan_ids = list(plans.values())
        self.fields["axis"].queryset = Axis.objects.filter(plan_id__in=plan_ids).order_by("code")
        self.fields["strategy"].queryset = Strategy.objects.filter(axis__plan_id__in=plan_ids).order_by("axis__code", "code")
        self.fields["action"].queryset = Action.objects.filter(strategy__axis__plan_id__in=plan_ids).order_by("code")
        options = [classification_options(plan_id) for plan_id in plan_ids] or [classification_options(-1)]
        axes = [(pk, label, None) for pk, label in options[0]["axes"]]
        if len(plans) > 1:
            axes = [
                OptGroup(
                    _plan_group_label(process, role), [(pk, label, None) for pk, label in plan["axes"]], {"data-plan-role": role}
                )
                for role, plan in zip(plans, options, strict=True)
            ]
        if kind is None:
            self.fields["axis"].widget.attrs["data-plan-roles-by-kind"] = json.dumps(plan_roles_by_kind())
        rows = {
            "axis": axes,
            "strategy": [row for plan in options for row in plan["strategies"]],
            "action": [row for plan in options for row in plan["actions"]],
            "zona": [(pk, label, None) for pk, _number, label in options[0]["zones"]],
            "comune": [(pk, name, zone) for pk, _istat, name, zone, _number in options[0]["comuni"]],
        }
        for name, choices in rows.items():
            self.fields[name].widget.options = [("", self.fields[name].empty_label, None), *choices]


class ContributionForm(AttachmentErrorsMixin, ClassificationFields):
    kind = forms.ChoiceField(label=_("Tipo di contributo"), choices=ContributionKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(
        label=_("Titolo"),
        max_length=Contribution._meta.get_field("title").max_length,
        help_text=_("Una frase che riassume il contributo. Mentre scrivi ti mostriamo contributi simili già inviati."),
    )
    body = forms.CharField(
        label=_("Testo"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Testo semplice; puoi usare <strong>, <em>, elenchi e link. Non inserire dati personali tuoi o di altri."),
    )
    organisation = forms.ModelChoiceField(
        label=_("A nome di"),
        queryset=None,
        required=False,
        empty_label=_("A titolo personale"),
        help_text=_("Solo le organizzazioni di cui sei rappresentante verificato."),
        widget=FastSelect,
    )
    is_private = forms.BooleanField(
        label=_("Invia solo ai moderatori, senza pubblicare"),
        required=False,
        help_text=_("Il contributo sarà letto dallo staff del processo ma non comparirà sul sito."),
    )

    field_order = ["kind", "title", "body", "axis", "strategy", "action", "zona", "comune", "organisation", "is_private"]

    def __init__(self, *args, process, user, **kwargs):
        super().__init__(*args, process=process, **kwargs)
        organisations = organisations_represented_by(user)
        self.fields["organisation"].queryset = organisations
        for n in range(1, conf.MAX_IMAGES + 1):
            self.fields[f"image_{n}"] = forms.FileField(
                label=_("Immagine %(n)s") % {"n": n},
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
            )
            self.fields[f"image_alt_{n}"] = forms.CharField(
                label=_("Testo alternativo dell'immagine %(n)s") % {"n": n}, required=False, max_length=250
            )
        for n in range(1, conf.MAX_DOCUMENTS + 1):
            self.fields[f"document_{n}"] = forms.FileField(
                label=_("Documento PDF %(n)s") % {"n": n},
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
            )
            self.fields[f"document_title_{n}"] = forms.CharField(
                label=_("Titolo del documento %(n)s") % {"n": n}, required=False, max_length=200
            )

    @property
    def has_organisations(self) -> bool:
        return self.fields["organisation"].queryset.exists()

    def image_slots(self):
        return [(self[f"image_{n}"], self[f"image_alt_{n}"]) for n in range(1, conf.MAX_IMAGES + 1)]

    def document_slots(self):
        return [(self[f"document_{n}"], self[f"document_title_{n}"]) for n in range(1, conf.MAX_DOCUMENTS + 1)]

    def clean(self):
        cleaned = super().clean()
        for n in range(1, conf.MAX_IMAGES + 1):
            if cleaned.get(f"image_alt_{n}") and not cleaned.get(f"image_{n}"):
                self.add_error(f"image_{n}", _("Hai scritto il testo alternativo ma non hai scelto l'immagine."))
        return cleaned

    def uploads(self) -> dict:
        data = self.cleaned_data
        return {
            "images": [
                ImageUpload(data[f"image_{n}"], data.get(f"image_alt_{n}", ""))
                for n in range(1, conf.MAX_IMAGES + 1)
                if data.get(f"image_{n}")
            ],
            "documents": [
                DocumentUpload(data[f"document_{n}"], data.get(f"document_title_{n}", ""))
                for n in range(1, conf.MAX_DOCUMENTS + 1)
                if data.get(f"document_{n}")
            ],
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        fields = ("kind", "title", "body", "axis", "strategy", "action", "zona", "comune", "organisation", "is_private")
        return {name: data.get(name) for name in fields} | self.uploads()


class FacilitatedContributionForm(ContributionForm):
    """Entered by a facilitator from a round table, an email or a paper form, with its provenance."""

    channel = forms.ChoiceField(
        label=_("Canale"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
        initial=Channel.TAVOLO,
        widget=FastSelect,
    )
    source = forms.CharField(
        label=_("Provenienza"),
        max_length=300,
        help_text=_("L'incontro, il tavolo, l'email o il documento da cui proviene (es. «Tavolo ZO5 Pinerolo, 12/12/2023»)."),
    )

    field_order = ["channel", "source", *ContributionForm.field_order]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["organisation"]

    @property
    def has_organisations(self) -> bool:
        return False

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        kwargs.pop("organisation")
        return kwargs | {"channel": self.cleaned_data["channel"], "source": self.cleaned_data["source"]}


class ContributionEditForm(AttachmentErrorsMixin, ClassificationFields):
    title = ContributionForm.base_fields["title"]
    body = ContributionForm.base_fields["body"]

    field_order = ["title", "body", "axis", "strategy", "action", "zona", "comune"]

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, kind=kind, **kwargs)

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.field_order}

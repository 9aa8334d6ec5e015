"""Forms of the request page and of the staff queue. They only parse input: the rules (public
reference, duplicates, who may ask) are in services.py, whose errors the views put back on the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultazione.territory.models import Comune

from .models import Category, Membership, Organisation
from .selectors import organisations_visible_to

ROLE_TITLE = forms.CharField(
    label=_("Il tuo ruolo nell'organizzazione"),
    max_length=120,
    required=False,
    help_text=_("Per esempio: presidente, referente territoriale, delegata. Aiuta lo staff nella verifica."),
)


class StyledForm(forms.Form):
    """Bootstrap Italia classes and the error state on the inputs (aria-invalid, aria-describedby)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, (forms.TextInput, forms.Textarea)):
                field.widget.attrs.setdefault("class", "form-control")

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"


class OrganisationSearchForm(StyledForm):
    q = forms.CharField(label=_("Cerca per nome, codice IPA o partita IVA"), max_length=200, required=False)


class ExistingRequestForm(StyledForm):
    organisation = forms.ModelChoiceField(
        label=_("Organizzazione"),
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Scegli un'organizzazione tra i risultati della ricerca.")},
    )
    role_title = ROLE_TITLE

    def __init__(self, *args, user, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations_visible_to(user).select_related("category", "comune")
        if choices is not None:  # only the search results are shown as radio buttons
            field.choices = [(org.pk, org) for org in choices]


class NewOrganisationForm(StyledForm):
    name = forms.CharField(label=_("Nome dell'organizzazione"), max_length=200)
    category = forms.ModelChoiceField(label=_("Categoria"), queryset=Category.objects.all(), empty_label=_("Scegli…"))
    comune = forms.ModelChoiceField(
        label=_("Comune della sede"),
        queryset=Comune.objects.order_by("name"),
        required=False,
        empty_label=_("—"),
        help_text=_("Se la sede è nel territorio della Città metropolitana."),
    )
    ipa_code = forms.CharField(
        label=_("Codice IPA (enti pubblici)"),
        max_length=40,
        required=False,
        help_text=_("Il codice nell'Indice PA, per esempio c_l219."),
    )
    vat_number = forms.CharField(
        label=_("Partita IVA o codice fiscale numerico"),
        max_length=40,
        required=False,
        help_text=_("11 cifre. Indica il codice IPA oppure la partita IVA: lo staff li controlla nei registri pubblici."),
    )
    role_title = ROLE_TITLE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "organization"
        self.fields["ipa_code"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["vat_number"].widget.attrs.update({"autocomplete": "off", "inputmode": "numeric"})


class QueueFilterForm(StyledForm):
    old_names = {"stato": "status"}

    q = forms.CharField(label=_("Cerca"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Stato"), required=False, choices=[("", _("Tutte")), *Membership.Status.choices], initial="pending"
    )


class RefuseForm(StyledForm):
    reason = forms.CharField(label=_("Motivo del rifiuto"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)

from django import forms
from django.utils.translation import gettext_lazy as _

from consultazione.core.params import RenamedParamsForm
from consultazione.stakeholders.models import Category
from consultazione.territory.models import Comune, ZonaOmogenea

from ..models import MeetingKind


class MeetingFilterForm(RenamedParamsForm):
    old_names = {"quando": "when", "tipo": "kind"}
    old_values = {"when": {"prossimi": "upcoming", "passati": "past"}}

    when = forms.ChoiceField(
        label=_("Quando"),
        required=False,
        choices=[("upcoming", _("Prossimi incontri")), ("past", _("Incontri passati"))],
    )
    kind = forms.ChoiceField(label=_("Tipo di incontro"), required=False, choices=[("", _("Tutti"))] + MeetingKind.choices)
    zona = forms.ModelChoiceField(
        label=_("Zona omogenea"),
        required=False,
        queryset=ZonaOmogenea.objects.all(),
        to_field_name="number",
        empty_label=_("Tutte"),
    )


class RegistrationForm(forms.Form):
    first_name = forms.CharField(label=_("Nome"), max_length=150)
    last_name = forms.CharField(label=_("Cognome"), max_length=150)
    email = forms.EmailField(label=_("Email"), help_text=_("Ti inviamo la conferma e il file per il calendario."))
    organisation_name = forms.CharField(
        label=_("Organizzazione (facoltativa)"),
        max_length=200,
        required=False,
        help_text=_("Se partecipi per un ente o un'associazione."),
    )
    category = forms.ModelChoiceField(
        label=_("Partecipi come"), queryset=Category.objects.all(), required=False, empty_label=_("A titolo personale")
    )
    comune = forms.ModelChoiceField(
        label=_("Comune"), queryset=Comune.objects.all(), required=False, empty_label=_("— scegli il comune (facoltativo) —")
    )
    consent = forms.BooleanField(
        label=_("Acconsento al trattamento dei miei dati per l'organizzazione dell'incontro (vedi informativa privacy)."),
        error_messages={"required": _("Per iscriverti devi acconsentire al trattamento dei dati.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            self.fields["email"].initial = user.email
            self.fields["first_name"].initial = user.first_name
            self.fields["last_name"].initial = user.last_name
        for name in ("first_name", "last_name", "email", "organisation_name"):
            self.fields[name].widget.attrs["class"] = "form-control"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"


class CheckInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Codice di ingresso"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "form-control"}),
    )


class WalkInForm(forms.Form):
    first_name = forms.CharField(label=_("Nome"), max_length=150, widget=forms.TextInput(attrs={"class": "form-control"}))
    last_name = forms.CharField(label=_("Cognome"), max_length=150, widget=forms.TextInput(attrs={"class": "form-control"}))
    organisation_name = forms.CharField(
        label=_("Organizzazione (facoltativa)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    category = forms.ModelChoiceField(
        label=_("Categoria"), queryset=Category.objects.all(), required=False, empty_label=_("A titolo personale")
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File CSV dei partecipanti"),
        help_text=_(
            "Colonne: nome;cognome;email;organizzazione;categoria;comune (nome e cognome obbligatori). "
            "Se anche una sola riga non è valida non si importa nulla: correggi il file e caricalo di nuovo."
        ),
    )

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User


class SignupForm(AllauthSignupForm):
    pseudonym = forms.CharField(
        label=_("Pseudonimo pubblico"),
        max_length=40,
        min_length=3,
        help_text=_("Comparirà accanto ai tuoi contributi. Non usare il tuo nome e cognome."),
    )
    privacy_accepted = forms.BooleanField(
        label=_("Ho letto l'informativa sulla privacy e accetto il trattamento dei dati per partecipare."),
        required=True,
    )

    field_order = ["email", "pseudonym", "password1", "password2", "privacy_accepted"]

    def clean_pseudonym(self):
        value = self.cleaned_data["pseudonym"].strip()
        if User.objects.filter(pseudonym__iexact=value).exists():
            raise forms.ValidationError(_("Questo pseudonimo è già in uso: scegline un altro."))
        if "@" in value:
            raise forms.ValidationError(_("Lo pseudonimo non può contenere un indirizzo email."))
        return value

    def save(self, request):
        user = super().save(request)
        user.pseudonym = self.cleaned_data["pseudonym"]
        user.save(update_fields=["pseudonym"])
        return user


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Per confermare scrivi ELIMINA"),
        max_length=20,
    )

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip().upper()
        if value not in {"ELIMINA", "DELETE"}:
            raise forms.ValidationError(_("Scrivi ELIMINA per confermare."))
        return value

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import IntegrityError, transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .pseudonyms import pseudonym_checked, taken_message


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
        try:
            return pseudonym_checked(self.cleaned_data["pseudonym"])
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["pseudonym"]) from None

    def try_save(self, request):
        """A look-alike pseudonym stored by a concurrent sign-up after this form was validated hits
        the unique skeleton: the form comes back with the message instead of a server error."""
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            self.add_error("pseudonym", taken_message())
            return None, TemplateResponse(request, "account/signup.html", {"form": self}, status=400)


class PseudonymForm(forms.Form):
    """Only parses: the rule is in the service (accounts.services.user_change_pseudonym)."""

    pseudonym = forms.CharField(
        label=_("Nuovo pseudonimo"),
        max_length=40,
        help_text=_("Comparirà accanto a tutto quello che hai scritto, anche in passato. Non usare il tuo nome e cognome."),
    )


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

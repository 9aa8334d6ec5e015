from django import forms
from django.utils.translation import gettext_lazy as _

from ..pseudonyms import pseudonym_checked


class PseudonymForm(forms.Form):
    """The pseudonym step of a first SPID/CIE sign-in: the same fields and rule as the email sign-up."""

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

    def clean_pseudonym(self):
        try:
            return pseudonym_checked(self.cleaned_data["pseudonym"])
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["pseudonym"]) from None

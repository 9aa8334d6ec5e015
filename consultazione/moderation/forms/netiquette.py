"""The netiquette edit form: the new words and the mandatory, public reason. The service validates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultazione.contributions.text import to_editable
from consultazione.core.forms import ServiceErrorsMixin

from ..reasons import ReasonCode

NETIQUETTE_REASON_CHOICES = [
    ("", "—"),
    *[(code.value, code.label) for code in (ReasonCode.OFFENSIVE, ReasonCode.PERSONAL_DATA, ReasonCode.SPAM, ReasonCode.OTHER)],
]


class NetiquetteEditForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titolo corretto"), max_length=150)
    body = forms.CharField(label=_("Testo corretto"), widget=forms.Textarea(attrs={"rows": 6}))
    reason_code = forms.ChoiceField(label=_("Motivo della modifica"), choices=NETIQUETTE_REASON_CHOICES, required=False)
    reason_text = forms.CharField(
        label=_("Spiegazione pubblica della modifica"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Obbligatorio. Compare sul contenuto («Modificato dalla moderazione: …») e nell'email all'autore: "
            "non ripetere il testo rimosso."
        ),
    )

    def __init__(self, *args, item, **kwargs):
        is_comment = hasattr(item, "parent_id")
        initial = {"body": to_editable(item.body)}
        if not is_comment:
            initial["title"] = item.title
        super().__init__(*args, initial=initial, prefix="netiquette", **kwargs)
        if is_comment:
            del self.fields["title"]

    def service_kwargs(self) -> dict:
        """Only the fields the moderator changed (an untouched text is not re-sanitised into a change)."""
        data = self.cleaned_data
        kwargs = {"reason_code": data["reason_code"], "reason_text": data["reason_text"]}
        for name in ("title", "body"):
            if name in self.fields and name in self.changed_data:
                kwargs[name] = data[name]
        return kwargs

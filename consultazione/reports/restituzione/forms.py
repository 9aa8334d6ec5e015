from django import forms
from django.utils.translation import gettext_lazy as _


class BuildForm(forms.Form):
    show_organisation_names = forms.BooleanField(
        label=_("Riporta i nomi degli enti presenti (solo incontri istituzionali)"), required=False
    )


class EditForm(forms.Form):
    html = forms.CharField(
        label=_("Testo della restituzione (HTML)"),
        widget=forms.Textarea(attrs={"rows": 24, "class": "form-control font-monospace", "data-report-editor": "1"}),
        help_text=_("Puoi correggere e integrare il testo. Sono ammessi titoli, paragrafi, elenchi, tabelle e grafici."),
    )

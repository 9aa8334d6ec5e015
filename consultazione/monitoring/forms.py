from django import forms
from django.utils.translation import gettext_lazy as _

from consultazione.core.params import RenamedParamsForm

from .models import TrackingStatus
from .models.updates import COMMENT_MAX_LENGTH
from .tabular import SHEETS


class ActionFilterForm(RenamedParamsForm):
    old_names = {"stato": "status", "asse": "axis"}

    status = forms.ChoiceField(
        label=_("Stato di attuazione"), required=False, choices=[("", _("Tutti gli stati")), *TrackingStatus.choices]
    )
    axis = forms.TypedChoiceField(label=_("Asse"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, axes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if axes is None:
            del self.fields["axis"]
        else:
            self.fields["axis"].choices = [("", _("Tutti gli assi"))] + [(axis.code, str(axis)) for axis in axes]


class SteeringCommentForm(forms.Form):
    body = forms.CharField(label=_("Il tuo commento"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))


class TrackingImportForm(forms.Form):
    file = forms.FileField(label=_("File CSV o XLSX"))
    sheet = forms.ChoiceField(
        label=_("Tabella contenuta nel CSV"),
        choices=[(name, name) for name in SHEETS],
        initial=SHEETS[0],
        help_text=_("Solo per i CSV: un file XLSX può contenere i fogli azioni, indicatori e valori insieme."),
    )

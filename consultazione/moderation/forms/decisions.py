"""Forms of single decisions, reports and blocks. They only parse input; the services validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultazione.core.forms import ServiceErrorsMixin

from ..reasons import ReasonCode


class OwnIds:
    """The review page shows several forms with fields of the same name (reason_text, strategy,
    action): each form names its element ids after itself (`retag_strategy`), so no id repeats on
    the page and every label points at its own field. Field names, hence the POST, are unchanged."""

    ids = "id_%s"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", self.ids)
        super().__init__(*args, **kwargs)


class ReasonFields(ServiceErrorsMixin, forms.Form):
    reason_code = forms.ChoiceField(
        label=_("Motivo"),
        choices=[("", _("Nessun motivo (solo per approvare o ripristinare)")), *ReasonCode.choices],
        required=False,
        help_text=_("Dall'elenco pubblico dei motivi, che rimanda alla netiquette."),
    )
    reason_text = forms.CharField(
        label=_("Spiegazione per l'autore"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Obbligatoria con il motivo «Altro». Viene inviata all'autore."),
    )


class DecisionForm(ReasonFields):
    action = forms.ChoiceField(label=_("Decisione"), choices=[], widget=forms.RadioSelect)
    expected_state = forms.CharField(widget=forms.HiddenInput)
    expected_edit = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = ["action", "reason_code", "reason_text"]

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = actions


class DismissForm(OwnIds, ServiceErrorsMixin, forms.Form):
    ids = "dismiss_%s"
    reason_text = forms.CharField(label=_("Nota (facoltativa)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(ServiceErrorsMixin, forms.Form):
    reason_code = forms.ChoiceField(label=_("Perché lo segnali?"), choices=ReasonCode.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Dettagli (facoltativi)"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        required=False,
        help_text=_("Obbligatori con il motivo «Altro». Non inserire dati personali."),
    )


class BlockForm(ServiceErrorsMixin, forms.Form):
    reason_code = forms.ChoiceField(label=_("Motivo"), choices=[("", "—"), *ReasonCode.choices], required=False)
    reason = forms.CharField(
        label=_("Motivazione comunicata alla persona"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

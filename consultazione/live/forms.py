"""Forms of the live app: thin, they only turn input into the services' arguments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultazione.meetings.models import Meeting

from .codes import normalise_code
from .kinds import KINDS, QuestionKind, form_fields_of
from .models import JoinMode, LiveSession, PhoneVisibility, Visibility
from .selectors import question_settings
from .services import OptionSpec, QuestionSpec


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Codice della sessione"),
        max_length=12,
        help_text=_("Il codice di 6 caratteri mostrato sullo schermo in sala."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])


class CheckInForm(forms.Form):
    checkin_code = forms.CharField(
        label=_("Codice di accreditamento"),
        max_length=20,
        help_text=_("Il codice personale stampato sul tuo badge."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class SessionForm(forms.ModelForm):
    class Meta:
        model = LiveSession
        fields = ["title", "meeting", "join_mode"]
        widgets = {"join_mode": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.order_by("-starts_at")
        self.fields["meeting"].help_text = _("Facoltativo: i risultati compariranno nel resoconto dell'incontro.")
        self.fields["join_mode"].choices = JoinMode.choices


class CheckInCodesForm(forms.Form):
    count = forms.IntegerField(label=_("Quanti codici generare"), min_value=1, max_value=2000, initial=50)


_COMMON = ["visibility", "phone_visibility", "changeable"]


class _QuestionBase(forms.Form):
    text = forms.CharField(label=_("Domanda"), max_length=300)
    visibility = forms.ChoiceField(label=_("Risultati sul proiettore"), choices=Visibility.choices, initial=Visibility.LIVE)
    phone_visibility = forms.ChoiceField(
        label=_("Risultati sui telefoni"),
        choices=PhoneVisibility.choices,
        initial=PhoneVisibility.AFTER_ANSWER,
        required=False,
        help_text=_("«Rivela i risultati» li mostra a ogni schermo che non è impostato su «Mai»."),
    )
    changeable = forms.BooleanField(
        label=_("Si può cambiare la risposta finché la domanda è aperta"), required=False, initial=True
    )

    def clean_phone_visibility(self) -> str:
        return self.cleaned_data.get("phone_visibility") or PhoneVisibility.AFTER_ANSWER  # older clients omit it

    def common(self) -> dict:
        return {"text": self.cleaned_data["text"], **{name: self.cleaned_data[name] for name in _COMMON}}


class QuestionForm(_QuestionBase):
    kind = forms.ChoiceField(label=_("Tipo di domanda"), choices=QuestionKind.choices)
    options = forms.CharField(
        label=_("Opzioni (una per riga)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Per scelta singola, multipla e classifica: da 2 a 20 opzioni (10 per la classifica)."),
    )
    max_choices = forms.IntegerField(
        label=_("Scelte, parole o testi massimi per partecipante"),
        min_value=1,
        max_value=20,
        initial=1,
        help_text=_("Scelta multipla: opzioni selezionabili. Nuvola: parole. Risposta aperta e Q&A: testi inviabili."),
    )
    scale_max = forms.TypedChoiceField(
        label=_("Scala"), choices=[(5, "1–5"), (10, "1–10")], coerce=int, initial=5, required=False
    )
    scale_min_label = forms.CharField(label=_("Etichetta del valore minimo"), max_length=40, required=False)
    scale_max_label = forms.CharField(label=_("Etichetta del valore massimo"), max_length=40, required=False)
    quorum = forms.IntegerField(
        label=_("Quorum"),
        min_value=1,
        required=False,
        help_text=_("Sì / no / astensione: quante risposte servono perché la votazione sia valida (astensioni comprese)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Which kinds use each kind-specific field (the registry, kinds.py): the page says it.
        for code in KINDS:
            for name in form_fields_of(code):
                widget = self.fields[name].widget
                widget.attrs["data-kinds"] = " ".join(filter(None, [widget.attrs.get("data-kinds"), code]))

    def spec(self) -> QuestionSpec:
        data = self.cleaned_data
        labels = [line.strip() for line in (data.get("options") or "").splitlines() if line.strip()]
        return QuestionSpec(
            kind=data["kind"],
            options=tuple(OptionSpec(label) for label in labels),
            max_choices=data["max_choices"],
            scale_max=data.get("scale_max") or None,
            scale_min_label=data.get("scale_min_label", ""),
            scale_max_label=data.get("scale_max_label", ""),
            quorum=data.get("quorum"),
            **self.common(),
        )

    @classmethod
    def initial_for(cls, question) -> dict:
        settings = question_settings(question)
        labels = "\n".join(option["label"] for option in settings["options"])
        return settings | {"options": labels, "scale_max": settings["scale_max"] or 5}

from django import forms

from .kinds import KINDS, Delivery, EventKind


class PreferencesForm(forms.Form):
    """One choice per kind of event: immediate, daily digest or off."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in EventKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                help_text=KINDS[kind].help_text,
            )

"""Forms of the final participation report: its texts and one synthesis per axis."""

from django import forms
from django.forms import modelformset_factory

from ..models import AxisSynthesis, ParticipationReport


class ReportForm(forms.ModelForm):
    class Meta:
        model = ParticipationReport
        fields = ["introduction", "channels_note", "plan_changes", "next_steps"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}


class AxisSynthesisForm(forms.ModelForm):
    class Meta:
        model = AxisSynthesis
        fields = ["criticita", "proposals", "outcomes", "territorial"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


AxisSynthesisFormSet = modelformset_factory(AxisSynthesis, form=AxisSynthesisForm, extra=0, can_delete=False)

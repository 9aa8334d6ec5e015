from django import forms
from django.utils.translation import gettext_lazy as _

from consultazione.core.forms import ServiceErrorsMixin

from ..models import Alignment


class CommentForm(ServiceErrorsMixin, forms.Form):
    body = forms.CharField(label=_("Il tuo commento"), widget=forms.Textarea(attrs={"rows": 4}))
    alignment = forms.TypedChoiceField(
        label=_("La tua posizione sul contributo"),
        choices=Alignment.choices,
        coerce=int,
        initial=Alignment.NEUTRAL,
        widget=forms.RadioSelect,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CommentEditForm(ServiceErrorsMixin, forms.Form):
    body = CommentForm.base_fields["body"]
    alignment = CommentForm.base_fields["alignment"]

"""The one form-field renderer (issue 17, item 5): templates/includes/field.html, also behind
Django's `{{ form }}` / `as_field_group`. Every kind of field names its help text
`<id>_helptext` and its errors `<id>_error`, and the control (or its fieldset) points at both."""

import re

import pytest
from django import forms
from django.template import Context, Template

from consultazione.contributions.forms.widgets import FastSelect

CHOICES = [("a", "Uno"), ("b", "Due")]


class _AllKinds(forms.Form):
    text = forms.CharField(help_text="Aiuto del testo")
    body = forms.CharField(widget=forms.Textarea, help_text="Aiuto del corpo")
    flag = forms.BooleanField(help_text="Aiuto della casella")
    pick = forms.ChoiceField(choices=CHOICES, help_text="Aiuto della scelta")
    fast = forms.ChoiceField(choices=CHOICES, widget=FastSelect, help_text="Aiuto della scelta veloce")
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, help_text="Aiuto dei pulsanti")
    many = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple, help_text="Aiuto delle caselle")
    when = forms.SplitDateTimeField(help_text="Aiuto della data")


def _render(form, source='{% for field in form %}{% include "includes/field.html" %}{% endfor %}') -> str:
    return Template(source).render(Context({"form": form}))


@pytest.mark.parametrize("source", ['{% for field in form %}{% include "includes/field.html" %}{% endfor %}', "{{ form }}"])
def test_every_field_kind_links_its_help_and_its_errors(source):
    form = _AllKinds(data={})
    assert not form.is_valid()
    html = _render(form, source)
    for name in form.fields:
        field_id = form[name].auto_id
        assert html.count(f'id="{field_id}_helptext"') == 1, name
        assert html.count(f'id="{field_id}_error"') == 1, name
        pointers = re.findall(rf'aria-describedby="({field_id}_helptext {field_id}_error)"', html)
        assert pointers, f"{name}: nothing points at its help and errors"
    assert "-help" not in html and "-error" not in html


def test_without_errors_only_the_help_is_named():
    html = _render(_AllKinds())
    assert 'aria-describedby="id_text_helptext"' in html
    assert "_error" not in html and 'aria-invalid="true"' not in html


def test_the_widgets_own_class_is_kept():
    class _Own(forms.Form):
        kind = forms.ChoiceField(choices=CHOICES, widget=forms.Select(attrs={"class": "form-select"}))

    html = _render(_Own())
    assert re.search(r'<select[^>]*class="form-select w-100"', html)

from html import escape
from typing import NamedTuple

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class OptGroup(NamedTuple):
    """A labelled group of option rows inside FastSelect.options (rendered as <optgroup>);
    `attrs` are extra attributes of the <optgroup> (e.g. a data-* hook for JS)."""

    label: str
    rows: list
    attrs: dict = {}


class FastSelect(forms.Select):
    """A <select> rendered in Python in one pass. Django renders every <option> through the
    template engine; with the ~350 options of the contribution filters that cost most of the
    list page's server time. `options` (value, label, data attribute value) may replace the
    field's choices with precomputed ones (see selectors.options); `data_attr` names the
    data attribute that contributions.js uses to narrow dependent selects."""

    def __init__(self, *args, data_attr: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.data_attr = data_attr
        self.options: list[tuple] | None = None

    def _rows(self):
        if self.options is not None:
            yield from self.options
            return
        for value, label in self.choices:
            yield ("" if value is None else value), label, None

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = {str(v) for v in self.format_value(value)}
        data_name = f" data-{self.data_attr}=" if self.data_attr else ""
        parts = [f"<select{flatatt(final_attrs)}>"]

        def option(option_value, label, data):
            key = str(option_value)
            data_html = f'{data_name}"{escape("" if data is None else str(data))}"' if data_name and key else ""
            chosen = " selected" if key in selected else ""
            selected.discard(key)
            parts.append(f'<option value="{escape(key)}"{data_html}{chosen}>{escape(str(label))}</option>')

        for row in self._rows():
            if isinstance(row, OptGroup):
                parts.append(f'<optgroup label="{escape(str(row.label))}"{flatatt(row.attrs)}>')
                for inner in row.rows:
                    option(*inner)
                parts.append("</optgroup>")
            else:
                option(*row)
        parts.append("</select>")
        return mark_safe("".join(parts))  # every value above is escaped

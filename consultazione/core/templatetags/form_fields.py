"""The one form-field renderer's widget filter (templates/includes/field.html).

Ids follow Django's own convention, which `BoundField.aria_describedby` also writes: the help text
is `<auto_id>_helptext`, the errors `<auto_id>_error`; the widget (or, for a group of choices, its
fieldset) names both in `aria-describedby` and says `aria-invalid` when there are errors."""

from django import template

register = template.Library()

CONTROL_WIDGETS = {"text", "textarea", "email", "number", "url", "search", "password", "clearablefile", "file", "date", "time"}
SELECT_WIDGETS = {"select", "fastselect", "selectmultiple"}


@register.filter
def described_by(bound_field) -> str:
    """The ids of the help text and the errors of `bound_field` that are on the page."""
    ids = []
    if bound_field.auto_id:
        if bound_field.help_text:
            ids.append(f"{bound_field.auto_id}_helptext")
        if bound_field.errors:
            ids.append(f"{bound_field.auto_id}_error")
    return " ".join(ids)


@register.filter
def bi_widget(bound_field):
    """The widget with Bootstrap Italia classes (added to its own) and the ARIA links to its help and error texts."""
    widget_type = bound_field.widget_type
    own = bound_field.field.widget.attrs.get("class", "").split()
    added = ["form-control"] if widget_type in CONTROL_WIDGETS and "form-select" not in own else []
    if widget_type in SELECT_WIDGETS:
        added.append("w-100")
    attrs = {}
    if ids := described_by(bound_field):
        attrs["aria-describedby"] = ids
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        added.append("is-invalid")
    classes = own + [name for name in added if name not in own]
    if classes:
        attrs["class"] = " ".join(classes)
    return bound_field.as_widget(attrs=attrs)

from django import forms


class GroupedSelect(forms.Select):
    """A <select> whose options carry `data-<attr>` from the object (e.g. data-axis on strategies),
    so that contributions.js can narrow them to the chosen parent. Without JS all options show and
    the service checks the pair. `source` is an attribute path ("axis_id", "zona.number"): select
    the related rows in the field's queryset."""

    def __init__(self, *args, data_attr: str, source: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.data_attr = data_attr
        self.source = source

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            value = instance
            for name in self.source.split("."):
                value = getattr(value, name, None) if value is not None else None
            option["attrs"][f"data-{self.data_attr}"] = "" if value is None else value
        return option

"""Query-string parameters of the public pages and the API: one language, English, like the form
fields, the API and the code (docs/conventions.md). Filters once named in Italian (`?asse=`,
`?stato=`, …) are still read, so a link shared or bookmarked before the rename keeps filtering."""

from collections.abc import Mapping

from django import forms
from django.http import QueryDict


def renamed(
    params: QueryDict, old_names: Mapping[str, str], old_values: Mapping[str, Mapping[str, str]] | None = None
) -> QueryDict:
    """`params` with each old name read as its new one (a new name that is present wins), and the
    old values of a renamed parameter (`{"when": {"passati": "past"}}`) read as the new ones."""
    old_values = old_values or {}
    if not any(old in params for old in old_names):
        return params
    query = params.copy()
    for old, new in old_names.items():
        values = query.pop(old, None)
        if values is not None and new not in query:
            mapping = old_values.get(new, {})
            query.setlist(new, [mapping.get(value, value) for value in values])
    return query


class RenamedParamsForm(forms.Form):
    """A GET filter form that also reads the old names of its fields (`old_names = {"asse": "axis"}`)."""

    old_names: Mapping[str, str] = {}
    old_values: Mapping[str, Mapping[str, str]] = {}

    def __init__(self, data=None, *args, **kwargs):
        if isinstance(data, QueryDict):
            data = renamed(data, self.old_names, self.old_values)
        super().__init__(data, *args, **kwargs)

"""One filter for machine-readable dates (`<time datetime>`, data attributes, feeds).

`|machine` writes microseconds when the value has them (`2026-12-06T05:36:12.123456+01:00`),
which the HTML `datetime` attribute does not allow. `|machine` writes a valid global date-time
string to the second, in the site's time zone, and a plain date for `date` values. It is a
template builtin (settings.TEMPLATES), so no template has to load it."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter(is_safe=True)
def machine(value) -> str:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""

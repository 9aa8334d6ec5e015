"""Two filters for dates: `|machine` for machines, `|local_timestamp` for people.

Machine-readable dates (`<time datetime>`, data attributes, feeds).

`|machine` writes microseconds when the value has them (`2026-12-06T05:36:12.123456+01:00`),
which the HTML `datetime` attribute does not allow. `|machine` writes a valid global date-time
string to the second, in the site's time zone, and a plain date for `date` values. It is a
template builtin (settings.TEMPLATES), so no template has to load it.

`|local_timestamp` shows an instant to a person: in the site's time zone (Europe/Rome), in words,
in the active language ("6 dicembre 2026, 05:36"; "6 December 2026, 05:36"). It accepts a datetime
or an ISO 8601 string (figures cached as data carry their time as a string)."""

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy

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


# Italian writes month names in lower case (Django's own names are capitalised for headings).
MONTHS = (
    pgettext_lazy("month name in a date", "gennaio"),
    pgettext_lazy("month name in a date", "febbraio"),
    pgettext_lazy("month name in a date", "marzo"),
    pgettext_lazy("month name in a date", "aprile"),
    pgettext_lazy("month name in a date", "maggio"),
    pgettext_lazy("month name in a date", "giugno"),
    pgettext_lazy("month name in a date", "luglio"),
    pgettext_lazy("month name in a date", "agosto"),
    pgettext_lazy("month name in a date", "settembre"),
    pgettext_lazy("month name in a date", "ottobre"),
    pgettext_lazy("month name in a date", "novembre"),
    pgettext_lazy("month name in a date", "dicembre"),
)


def _parse(value):
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value) if "T" in value else datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return value if isinstance(value, datetime.date) else None


@register.filter
def local_timestamp(value) -> str:
    parsed = _parse(value)
    if parsed is None:
        return value if isinstance(value, str) else ""
    parts = {"day": parsed.day, "month": MONTHS[parsed.month - 1], "year": parsed.year}
    if not isinstance(parsed, datetime.datetime):
        return pgettext("date shown to people", "{day} {month} {year}").format(**parts)
    if timezone.is_aware(parsed):
        parsed = timezone.localtime(parsed)
    return pgettext("instant shown to people", "{day} {month} {year}, {time}").format(**parts, time=parsed.strftime("%H:%M"))

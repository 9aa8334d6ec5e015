"""Text policy for contributions and comments: plain text or a minimal, sanitised markup (nh3).

Disallowed tags are refused with a message (people should know that their `<script>` or `<img>`
did not go through) rather than silently dropped; what is stored is the nh3-cleaned text, so the
database, the API and the exports only ever hold safe markup.
"""

import html
import re

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from consultazione.core.names import NameKind, name_problems, normalise_name, strip_invisible_edges

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
BLOCK_TAGS = frozenset({"p", "br", "ul", "ol", "blockquote"})

_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])")


def tags_in(value: str) -> set[str]:
    return {match.group(1).lower() for match in _TAG.finditer(value or "")}


def normalise(value: str | None) -> str:
    """A body: newlines unified, whitespace and invisible characters trimmed at both ends."""
    return strip_invisible_edges((value or "").replace("\r\n", "\n").replace("\r", "\n"))


def normalise_title(value: str | None) -> str:
    """A title: NFKC and single spaces (core.names is the one rule for names and titles)."""
    return normalise_name(value)


def body_errors(value: str, *, max_chars: int) -> list[str]:
    """What is wrong with a body as typed (empty, too long, tags outside the minimal set)."""
    errors = []
    if not value:
        errors.append(_("Scrivi il testo."))
    if len(value) > max_chars:
        errors.append(_("Il testo è troppo lungo: %(n)s caratteri, il massimo è %(max)s.") % {"n": len(value), "max": max_chars})
    forbidden = sorted(tags_in(value) - ALLOWED_TAGS)
    if forbidden:
        errors.append(
            _("Il testo contiene elementi non ammessi (%(tags)s). Puoi scrivere testo semplice e usare solo %(allowed)s.")
            % {
                "tags": ", ".join(f"<{tag}>" for tag in forbidden),
                "allowed": ", ".join(f"<{tag}>" for tag in sorted(ALLOWED_TAGS)),
            }
        )
    return errors


def title_errors(value: str, *, min_chars: int, max_chars: int) -> list[str]:
    """What is wrong with a normalised title: invisible characters, length, markup."""
    errors = name_problems(value, kind=NameKind.TITLE)
    if len(value) < min_chars:
        errors.append(_("Il titolo è troppo corto: scrivi almeno %(n)s caratteri.") % {"n": min_chars})
    if len(value) > max_chars:
        errors.append(_("Il titolo è troppo lungo: al massimo %(n)s caratteri.") % {"n": max_chars})
    if tags_in(value):
        errors.append(_("Il titolo non può contenere codice HTML."))
    return errors


def sanitise(value: str) -> str:
    return nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener noreferrer",
    )


def to_plain_text(value: str) -> str:
    """The stored (sanitised) body as plain text, for excerpts, exports and editing."""
    return html.unescape(nh3.clean(value or "", tags=set()))


def to_editable(value: str) -> str:
    """The stored body as the author typed it (entities decoded), to refill an edit form."""
    return html.unescape(value or "")


def render(value: str) -> SafeString:
    """Safe HTML for display: cleaned again (defence in depth); bare text gets paragraphs."""
    cleaned = sanitise(value or "")
    if not tags_in(cleaned) & BLOCK_TAGS:
        cleaned = linebreaks(cleaned, autoescape=False)
    return mark_safe(cleaned)


def excerpt(value: str, length: int = 220) -> str:
    text = " ".join(to_plain_text(value).split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"

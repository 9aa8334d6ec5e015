"""Personal parts of shared pages: a signed-in person gets the page an anonymous visitor got from
the page cache, with only its personal parts rendered for them.

Why it is safe
    The shared part of such a page is only ever rendered for an anonymous request, so it cannot
    hold anyone's data. Everything a page shows differently to a signed-in person is a personal
    part, written in the template as

        {% load personal %}
        {% personal "voting.support" contribution=contribution %} … {% endpersonal %}

    and rendered per request, for whoever asks, from its arguments alone (plus the request's own
    context: `request`, `user`, `perms`, `csrf_token`, `messages`, the site's names) and what the
    part's context builder adds (`@builds("voting.support")`: e.g. whether this person supports
    the contribution). A page renders its parts the same way when it is rendered in full, so the
    two paths cannot drift: tests/pagecache/test_personal_parts.py compares, page by page and
    person by person, the shared page with the full rendering.

How it is served (core/pagecache.py)
    When a page that opted in (`pagecache.page(..., signed_in=True)`, or a CMS page class with
    `shared_with_signed_in = True`) is rendered for an anonymous visitor, each part is wrapped in
    markers carrying a per-process secret; the page cache keeps the page without them for
    visitors and, beside it, the page cut at the parts (`split`). A request with a session then
    gets `fill`: the shared chunks and each part rendered for it — no view, no page template.

Parts kept per person
    Filling a shared page renders each part again, for every request. A part whose rendering
    depends only on the page (its URL, language, day and the versions it was stored under), on
    who the person is (their account row, their roles: `AUTH`) and on their own state (supports,
    follows, reports: `pagecache.person(pk)`, moved when a row of theirs is saved or deleted) is
    declared with `keep("name")`: its rendering is then kept per person and those versions in the
    worker's fragments store, with the CSRF token left out (a placeholder, replaced by the
    request's own token on every read). Never for a part that shows the time passing (an edit
    window), flash messages (reading them uses them up) or a form with errors.

Arguments are kept with the shared page (pickled by the cache): pass model instances or plain
values, never querysets or paginators; whatever a part needs from the URL it reads from
`request` (e.g. the comments' page number). A part never goes inside a `{% cache %}` block or a
shared fragment (it would be kept with the fragment and rendered for nobody).
"""

from __future__ import annotations

import re
import secrets

from django.template import Context, RequestContext, engines
from django.utils.safestring import mark_safe

_SECRET = secrets.token_hex(8)  # markers nobody can write into a page's content
_OPEN = f"<!--personal:{_SECRET}:"
_CLOSE = f"<!--/personal:{_SECRET}-->"
_PART = re.compile(re.escape(_OPEN) + r"(\d+)-->(.*?)" + re.escape(_CLOSE), re.S)

INSIDE = "_personal_part"  # in a part's context: a part inside it renders with it

_BUILDERS: dict = {}  # part name -> function(request, **arguments) -> extra context
_KEPT: set = {"core.account", "core.menu"}  # parts kept per person (`keep`)
_TOKEN = f"csrf-{_SECRET}"  # where a kept part's CSRF token goes
_NODES: dict = {}  # (template name, part name) -> the part's compiled body


def builds(name: str):
    """Register the context builder of the personal part `name`."""

    def decorator(function):
        _BUILDERS[name] = function
        return function

    return decorator


def keep(*names: str) -> None:
    """These parts render from the page, the person and the person's own state only: kept per
    person when filling shared pages (see "Parts kept per person" above)."""
    _KEPT.update(names)


def register_node(template_name: str, name: str, nodelist) -> None:
    _NODES[(template_name, name)] = nodelist


def _nodelist(template_name: str, name: str):
    key = (template_name, name)
    if key not in _NODES:  # compiled by another process, or the template cache was cleared
        engines["django"].engine.get_template(template_name)
    return _NODES[key]


_blank = None


def _blank_template():
    global _blank
    if _blank is None:
        _blank = engines["django"].engine.from_string("")
    return _blank


def _render(context, request, name: str, nodelist, arguments: dict) -> str:
    builder = _BUILDERS.get(name)
    built = builder(request, **arguments) if builder and request is not None else {}  # no request: an error page
    values = {**arguments, **built, INSIDE: True}
    with context.push(values):
        return nodelist.render(context)


def _context(request) -> Context:
    return RequestContext(request) if request is not None else Context()


def render_part(request, template_name: str, name: str, nodelist, arguments: dict) -> str:
    """One personal part rendered for `request`: its own context (the request's processors, the
    arguments, the builder's values), never the page's — the same as when the page is shared."""
    context = _context(request)
    with context.bind_template(_blank_template()):
        return _render(context, request, name, nodelist, arguments)


def fill(request, parts: list, page_key: str = "") -> str:
    """A shared page for `request`: its chunks with each personal part rendered for this person
    (`page_key`: the key and versions of the stored page, for the parts kept per person)."""
    context = _context(request)
    out = []
    person_key = _person_key(request, page_key)
    with context.bind_template(_blank_template()):
        for index, part in enumerate(parts):
            if isinstance(part, str):
                out.append(part)
                continue
            template_name, name, arguments = part
            nodelist = _nodelist(template_name, name)
            if person_key and name in _KEPT:
                out.append(_kept(context, request, f"{person_key}:{index}", name, nodelist, arguments))
            else:
                out.append(_render(context, request, name, nodelist, arguments))
    return "".join(out)


def _person_key(request, page_key: str) -> str:
    """What a kept part's rendering is decided by, besides the page: the person, their roles and
    their own state ("" for a visitor with a flash message: their parts render each time)."""
    from consultazione.core import pagecache  # pagecache imports this module

    user = getattr(request, "user", None)
    if not (page_key and pagecache.fragment_seconds() and user is not None and user.is_authenticated):
        return ""
    scopes = [pagecache.AUTH, pagecache.person(user.pk)]
    versions = pagecache.versions_of(scopes)
    return ":".join(["part", page_key, str(user.pk), *(versions[scope] for scope in scopes)])


def _kept(context, request, key: str, name: str, nodelist, arguments: dict) -> str:
    from django.middleware.csrf import get_token

    from consultazione.core import pagecache

    def render():
        with context.push(csrf_token=_TOKEN):
            return _render(context, request, name, nodelist, arguments)

    html = pagecache.kept(key, render)
    return html.replace(_TOKEN, get_token(request)) if _TOKEN in html else html


def marked(index: int, html: str) -> str:
    return mark_safe(f"{_OPEN}{index}-->{html}{_CLOSE}")


def split(content: str, recorded: list) -> tuple[str, list]:
    """The page for visitors (markers removed) and the page cut at its personal parts: chunks of
    shared HTML and the recorded (template, name, arguments) of each part."""
    parts, plain, at = [], [], 0
    for match in _PART.finditer(content):
        chunk = content[at : match.start()]
        parts.append(chunk)
        parts.append(recorded[int(match.group(1))])
        plain.append(chunk)
        plain.append(match.group(2))
        at = match.end()
    parts.append(content[at:])
    plain.append(content[at:])
    return "".join(plain), parts


def strip(content: str) -> str:
    """The page without markers (a page that will not be stored)."""
    return _PART.sub(lambda match: match.group(2), content)


def unmark(response, recorded: list, storable: bool) -> list | None:
    """The response's page for visitors (markers removed) and, if it is to be stored, the page cut
    at its personal parts for signed-in people (None when it has no parts or is not stored)."""
    if not recorded or response.streaming:
        return None
    content = response.content.decode(response.charset)
    if storable:
        plain, parts = split(content, recorded)
    else:
        plain, parts = strip(content), None
    response.content = plain.encode(response.charset)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return parts

"""Parts of pages that are the same for everyone who gets them — the menu bar and the footer of
every page, the dashboard's figures — rendered once per language, site version and the values that
decide them, then read from the cache by every page and every person (a signed-in person's pages
included: nothing personal goes in them). core/pagecache.py moves the site's version when a CMS
page, a phase or the plan changes, and on every deploy."""

import hashlib
import json

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe

from consultazione.core import pagecache

register = template.Library()


def _key(template_name: str, values: dict) -> str:
    site = pagecache.versions_of([pagecache.SITE])[pagecache.SITE]
    names = (settings.BODY_NAME, settings.BODY_URL, settings.PLATFORM_NAME, settings.PLATFORM_TAGLINE)
    shown = json.dumps([names, values], default=str, sort_keys=True)  # lazy labels as their text
    digest = hashlib.blake2b(shown.encode(), digest_size=16).hexdigest()
    return f"site-fragment:{template_name}:{translation.get_language()}:{site}:{digest}"


@register.simple_tag(takes_context=True)
def shared_fragment(context, template_name: str, **values):
    """`{% shared_fragment "includes/header_nav.html" site_nav=site_nav %}`: the template rendered
    with the page's context plus `values`, which (with the language and the site's version) are its
    key — so everything the fragment shows besides the site's settings must be passed as a value
    (or be decided by one, such as a key of cached figures)."""
    key = _key(template_name, values) if pagecache.fragment_seconds() else ""
    html = pagecache.kept(key, lambda: render_with(context, template_name, **values))
    return mark_safe(html)  # the template's own output, escaped by it


def render_with(context, template_name: str, **values) -> str:
    """An include's rendering with the page's context (its request, user and CSRF token) plus `values`."""
    with context.push(**values):
        return context.template.engine.get_template(template_name).render(context)


class KeptNode(template.Node):
    def __init__(self, key, nodelist):
        self.key, self.nodelist = key, nodelist

    def render(self, context):
        key = self.key.resolve(context) or ""
        return pagecache.kept(key, lambda: self.nodelist.render(context))


@register.tag("kept")
def do_kept(parser, token):
    """`{% kept key %} … {% endkept %}`: the body rendered once per `key` and then read from the
    fragments store (rendered each time when `key` is empty). The key must decide everything
    the body shows — whoever computes it says why (e.g. `contributions.pagecache.comments_list_key`)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% kept key %} takes one argument: the fragment's key")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(parser.compile_filter(bits[1]), nodelist)

"""The one breadcrumb trail of every page: `{% breadcrumbs label url label url … %}`.

Pairs of (label, url) after the home crumb, which the include always draws; a pair with an empty
label is left out (an optional level); the last pair is the current page (its url is not used)."""

from django import template

register = template.Library()


def crumbs_from(*args) -> list[tuple[str, str]]:
    if len(args) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes pairs of label and url")
    return [(label, url) for label, url in zip(args[::2], args[1::2], strict=True) if label]


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*args):
    return {"crumbs": crumbs_from(*args)}

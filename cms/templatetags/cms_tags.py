from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ mapping|get_item:key }}` for dict lookups with a variable key."""
    return mapping.get(key) if mapping else None


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def page_breadcrumbs(context, page):
    """A CMS page's trail: its ancestors below the home page (the include draws the home crumb), then itself."""
    request = context.get("request")
    ancestors = page.get_ancestors().filter(depth__gt=2).specific(defer=True)
    return {"crumbs": [(ancestor.title, ancestor.get_url(request)) for ancestor in ancestors] + [(page.title, "")]}

"""`{{ page_obj|elided_pages }}`: the page numbers to link, with Paginator.ELLIPSIS for the gaps —
a handful of links whatever the number of pages (the contribution list can have thousands)."""

from django import template

register = template.Library()


@register.filter
def elided_pages(page_obj):
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))

from django import template

from ..selectors import user_has_supported

register = template.Library()


@register.simple_tag
def has_supported(contribution, user) -> bool:
    """`{% has_supported contribution user as supported %}` (one query, for detail pages)."""
    return user_has_supported(user, contribution)

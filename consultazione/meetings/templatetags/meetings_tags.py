from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_perm(context, perm: str, obj=None) -> bool:
    """`{% meeting_perm "meetings.check_in" meeting as can_check_in %}`: the same rule as the views."""
    user = context.get("user") or getattr(context.get("request"), "user", None)
    return bool(user is not None and user.has_perm(perm, obj))

"""Template helpers of the needs pages."""

from django import template

register = template.Library()


@register.filter
def in_set(value, collection):
    return value in (collection or ())


@register.simple_tag(takes_context=True)
def unmatched_allowed(context):
    from kopir.needs.views import can_see_unmatched

    request = context.get("request")
    return bool(request and can_see_unmatched(request.user))


@register.filter
def percent(value):
    try:
        return f"{round(float(value) * 100)}%"
    except (TypeError, ValueError):
        return ""

from django import template

from kopir.newsroom.selectors import releases_mentioning

register = template.Library()


@register.simple_tag
def news_mentioning(organisation, limit=10):
    """Published releases that mention ``organisation`` (for its directory page)."""
    return list(releases_mentioning(organisation, limit=limit)) if organisation is not None else []

"""Template helpers: translated content with open fallback, query strings for paging."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from kopir.core.i18n import LANG_CODES_SHOWN, LANG_NAMES, TranslatedValue, active_language

register = template.Library()


@register.simple_tag
def tr(value, lang=None):
    """Render a translated field in the visitor's language, marking a fallback language."""
    if not isinstance(value, TranslatedValue):
        return value if value is not None else ""
    text, text_lang = value.resolve(lang)
    if text_lang is None:
        return format_html('<span class="missing">{}</span>', _("not given"))
    if text_lang != (lang or active_language()):
        return format_html(
            '<span lang="{}">{}</span> <abbr class="fallback" title="{}">{}</abbr>',
            text_lang, text, _("Not translated yet; shown in %(lang)s") % {"lang": LANG_NAMES[text_lang]},
            LANG_CODES_SHOWN[text_lang],
        )
    return format_html('<span lang="{}">{}</span>', text_lang, text)


@register.filter
def trtext(value):
    """Plain text of a translated field (titles, attributes)."""
    return value.text if isinstance(value, TranslatedValue) else (value or "")


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """The current query string with some parameters replaced (for paging and filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return "?" + encoded if encoded else "?"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None

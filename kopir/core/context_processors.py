from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from kopir.core.i18n import active_language

# The main menu after the directory links; a domain appears once its index page exists.
DOMAIN_NAV = [
    ("needs:list", _("Needs")),
    ("events:list", _("Events")),
    ("collaborations:board", _("Collaborations")),
    ("insights:dashboard", _("Indicators")),
    ("newsroom:feed", _("News")),
]


def _domain_nav():
    items = []
    for name, label in DOMAIN_NAV:
        try:
            items.append((reverse(name), label))
        except NoReverseMatch:
            continue
    return items


def kopir(request):
    return {
        "KOPIR_DEMO": settings.DEMO,
        "ACTIVE_LANG": active_language(),
        "DOMAIN_NAV": _domain_nav(),
        # Each language is offered under its own name, whatever the page's language.
        "LANGUAGE_SWITCH": settings.LANGUAGES,
    }

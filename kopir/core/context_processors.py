from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The main menu after the directory links.
DOMAIN_NAV = [
    ("needs:list", _("Needs")),
    ("events:list", _("Events")),
    ("collaborations:board", _("Collaborations")),
    ("insights:dashboard", _("Indicators")),
    ("newsroom:feed", _("News")),
]


def kopir(request):
    return {
        "KOPIR_DEMO": settings.DEMO,
        "DOMAIN_NAV": [(reverse(name), label) for name, label in DOMAIN_NAV],
        # Each language is offered under its own name, whatever the page's language.
        "LANGUAGE_SWITCH": settings.LANGUAGES,
    }

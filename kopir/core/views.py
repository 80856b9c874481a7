from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopir.core.i18n import LANGS
from kopir.directory.models import Capability, Organisation, Person, Unit


def home(request):
    counts = {
        "organisations": Organisation.objects.count(),
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "capabilities": Capability.objects.count(),
    }
    labs = Unit.objects.filter(kind=Unit.Kind.LABORATORY).select_related("organisation").order_by("-updated_at")[:6]
    return render(request, "core/home.html", {"counts": counts, "labs": labs})


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else _("You do not have permission to do this.")
    return render(request, "403.html", {"message": message}, status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


@require_POST
def set_language(request):
    """Switch the interface language and remember it; stay on the same page.

    Our pages carry the language as the first path segment, so switching swaps
    that segment (Django's own view only translates paths of the active language).
    """
    lang = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    if lang not in LANGS:
        return redirect(next_url)
    parts = next_url.split("/", 2)
    if len(parts) > 1 and parts[1] in LANGS:
        parts[1] = lang
        next_url = "/".join(parts)
    elif next_url == "/":
        next_url = f"/{lang}/"
    response = redirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, lang, max_age=settings.LANGUAGE_COOKIE_AGE, path="/",
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=False, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    if request.user.is_authenticated and request.user.language != lang:
        type(request.user).objects.filter(pk=request.user.pk).update(language=lang)
    return response

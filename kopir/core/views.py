from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

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

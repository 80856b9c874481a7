from django.conf import settings

from kopir.core.i18n import active_language


def kopir(request):
    return {"KOPIR_DEMO": settings.DEMO, "ACTIVE_LANG": active_language()}

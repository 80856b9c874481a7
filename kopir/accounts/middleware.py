"""JSON API answers a signed-in (session) user in their chosen language.

Pages carry their language in the URL (``/kk/``, ``/ru/``, ``/en/``); the API has
no prefix, so without a language cookie it uses the user's profile language.
"""

from django.conf import settings
from django.utils import translation


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and request.path_info.startswith("/api/")
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)

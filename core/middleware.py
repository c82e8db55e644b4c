"""Swedish unless the user chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, so an official with an
English browser would get English pages. The municipality's language is Swedish; English is
offered as a choice (the language button), remembered in the language cookie.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()

"""The project's middleware: the chosen language, private caching, too-large posts.

Swedish unless the user chose otherwise: Django's LocaleMiddleware follows the browser's
Accept-Language, so an official with an English browser would get English pages. The
municipality's language is Swedish; English is offered as a choice (the language button),
remembered in the language cookie.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.http import QueryDict
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control

from .errors import too_large_message


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()


class PrivateWhenSignedInMiddleware:
    """Mark every response to a signed-in user ``Cache-Control: private``.

    Such a page names the user and shows what their roles allow, so no shared cache (a proxy, a
    CDN) may keep it; anonymous pages are left as their views made them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
        return response


class TooLargeRequestMiddleware:
    """Answer a form post larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` with its page and the limit.

    Django refuses to read such a body (``RequestDataTooBig`` when ``request.POST`` is first
    read) and would show a bare 400 page. Nothing of the post can be read, so nothing is saved:
    the user gets the page they posted from again (its GET, with what is stored), a message that
    names the limit and status 413; a page that has no GET gets the 400 page with the message.
    With JavaScript the browser refuses such a post before sending it and keeps the text in the
    form (static/js/post-limit.js); this is the answer without it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 - reading it is what raises
            except RequestDataTooBig:
                return self.refuse(request)
        return self.get_response(request)

    def refuse(self, request):
        message = too_large_message()
        request.method = "GET"
        request.POST = QueryDict()
        messages.error(request, message)
        response = self.get_response(request)
        if response.status_code != 200:
            # The message was not shown; take it back so it does not appear on the next page.
            for _shown in messages.get_messages(request):
                pass
            response = render(request, "400.html", {"message": message}, status=413)
        else:
            response.status_code = 413
        return response

from django.conf import settings
from django.utils import translation


def visitor_language(request):
    """The language the visitor chose with the switch (its cookie), else Chinese. The page cache
    keys stored pages by the same answer (portal/page_cache/keys.py)."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    supported = {code for code, _name in settings.LANGUAGES}
    return language if language in supported else settings.LANGUAGE_CODE


class VisitorLanguageMiddleware:
    """Chinese for everyone unless the visitor chose English with the language switch.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a citizen with
    an English-language phone still gets the Chinese site by default."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = visitor_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response

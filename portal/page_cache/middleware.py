"""Serves anonymous visitors' page views from the page cache and stores the pages it may share.

It sits below the security-header middlewares (so every answer, cached or not, gets today's
headers) and above sessions, authentication and the view: a hit costs two cache reads and no
database query. What may be shared is decided twice, cautiously:

- the request: GET or HEAD, an address outside the admin and the per-visitor views, no
  Authorization header, and no cookie outside `SHAREABLE_COOKIES` (a session, a flash message or
  a receipt means the page may show something of this visitor's own);
- the response: 200, not streamed, sets no cookie, does not vary on Cookie, and is not marked
  private or no-store. A page that wrote to the session or asked for a CSRF token fails this on
  its own (Set-Cookie), so a view added tomorrow cannot leak one visitor's page to another.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, has_vary_header

from portal.page_cache.keys import page_key
from portal.page_cache.purge import current_generation
from portal.preferences import ELDER_COOKIE, FONT_COOKIE
from search import query_log

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"

# Address prefixes whose answers are per visitor, change on every call or are served elsewhere.
EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/static/",
    "/media/",
    "/healthz/",
    "/xianshi/",
    "/yuyan/",
    "/csrf/",
)


def _shareable_cookies():
    # The CSRF cookie only authorises this visitor's posts; the page never shows it (see csrf.py).
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME, ELDER_COOKIE, FONT_COOKIE}


def _excluded_by_headers(response):
    if response.has_header("Set-Cookie") or response.cookies:
        return True
    # `Vary: Cookie` alone is no sign of a visitor's own page: Django adds it whenever anything
    # reads the session, which for a request without a session cookie (the only kind that gets
    # here) is empty. A session that gained content, or a CSRF token, comes with a Set-Cookie.
    if has_vary_header(response, "Authorization"):
        return True
    directives = {d.strip().split("=")[0].lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return bool(directives & {"private", "no-store", "no-cache"})


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.shareable_cookies = _shareable_cookies()

    def __call__(self, request):
        timeout = settings.PAGE_CACHE_SECONDS
        if not timeout or not self._is_candidate(request):
            return self.get_response(request)
        request.page_cache_candidate = True
        cache = caches[settings.PAGE_CACHE_ALIAS]
        key = page_key(request, current_generation(cache))
        if key is not None:
            stored = cache.get(key)
            if stored is not None:
                if stored.get("search_log"):
                    # A stored search page is still a search: the weekly log counts it (written
                    # in batches, search/query_log.py).
                    query_log.record_served(*stored["search_log"])
                return self._from_stored(stored)
        response = self.get_response(request)
        if key is not None and request.method == "GET" and self._may_store(response):
            cache.set(key, self._to_stored(response), timeout)
            response[HEADER] = "miss"
        return response

    def _is_candidate(self, request):
        if request.method not in {"GET", "HEAD"} or "HTTP_AUTHORIZATION" in request.META:
            return False
        if request.path.startswith(EXCLUDED_PREFIXES):
            return False
        return set(request.COOKIES) <= self.shareable_cookies

    @staticmethod
    def _may_store(response):
        return response.status_code == 200 and not response.streaming and not _excluded_by_headers(response)

    @staticmethod
    def _to_stored(response):
        headers = [(name, value) for name, value in response.items() if name.lower() not in {"date", HEADER.lower()}]
        stored = {"status": response.status_code, "headers": headers, "content": response.content}
        if getattr(response, "search_log", None):
            stored["search_log"] = response.search_log  # (query, results): search/query_log.py
        return stored

    @staticmethod
    def _from_stored(stored):
        response = HttpResponse(stored["content"], status=stored["status"])
        for name, value in stored["headers"]:
            response[name] = value
        response[HEADER] = "hit"
        return response

"""The wrapper of every API endpoint: allowed methods, the rate limit, CORS and JSON answers.

- **Methods.** Content endpoints answer GET and HEAD; anything else is a JSON 405 with `Allow`
  (also for a POST without a CSRF token: the views are CSRF-exempt, since no endpoint acts on a
  cookie or a session — the API never reads `request.user` — so there is nothing to forge).
  The status look-ups answer POST only, as their HTML forms do, so the code is in no URL.
- **Rate limit.** Every request that reaches a view counts against the client address
  (`core.ratelimit`, the nominations' limiter; fail open: a cache outage must not take the API
  down). Over the limit: 429, `Retry-After` and a Chinese message. Answers the page cache serves
  never reach the view and are not counted: they cost no database query.
- **CORS.** Content answers carry `Access-Control-Allow-Origin: *`: they are the same public data
  for everyone and are never sent with credentials. The status look-ups carry none, so a web
  page elsewhere cannot make its visitors' browsers guess codes for it and read the answers.
- **Language.** Always Chinese, whatever the language cookie says, so a content answer depends on
  its URL alone (the page cache stores it; docs/api.md).
"""

import functools

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from core.ratelimit import Limit, hit
from core.visitor import client_hash

API_LANGUAGE = "zh-hans"
READ_METHODS = ("GET", "HEAD")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Max-Age": "86400",
}


def requests_limit():
    return Limit("api-client", limit=settings.API_REQUESTS_PER_MINUTE, window=60)


def json_response(data, status=200):
    return JsonResponse(data, status=status, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False})


def error(status, code, message, **extra):
    """`{"error": code, "message": 中文}`; errors are never stored by any cache."""
    response = json_response({"error": code, "message": message, **extra}, status=status)
    add_never_cache_headers(response)
    return response


def not_found():
    return error(404, "not_found", _("Nothing public was found at this address."))


def bad_request(message):
    return error(400, "bad_request", message)


def rate_limited(retry_after):
    response = error(
        429,
        "rate_limited",
        _("Too many requests from your network. Please try again in %(seconds)s seconds.") % {"seconds": retry_after},
        retry_after=retry_after,
    )
    response["Retry-After"] = str(retry_after)
    return response


def _method_not_allowed(methods):
    response = error(
        405, "method_not_allowed", _("This address is read-only: use %(methods)s.") % {"methods": ", ".join(methods)}
    )
    response["Allow"] = ", ".join((*methods, "OPTIONS"))
    return response


def endpoint(methods=READ_METHODS, cors=True, limit=True):
    """Wrap a view `view(request, **kwargs) -> HttpResponse` as an API endpoint (module docstring)."""

    def decorate(view):
        @csrf_exempt
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            with translation.override(API_LANGUAGE):
                response = _answer(view, methods, limit, request, *args, **kwargs)
            if cors:
                for name, value in CORS_HEADERS.items():
                    response[name] = value
            response["Content-Language"] = API_LANGUAGE
            return response

        return wrapped

    return decorate


def _answer(view, methods, limit, request, *args, **kwargs):
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Allow"] = ", ".join((*methods, "OPTIONS"))
        return response
    if request.method not in methods:
        return _method_not_allowed(methods)
    if limit:
        verdict = hit(requests_limit(), client_hash(request), fail_open=True)
        if not verdict.allowed:
            return rate_limited(verdict.retry_after)
    return view(request, *args, **kwargs)

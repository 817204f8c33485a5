"""The "busy, try again" answer when the database goes away (docs/database-outage.md).

A database outage (core/database_errors.py says which errors are one) raised anywhere in a public
or admin request becomes a 503 with Retry-After and `no-store`, instead of a 500:

- in a view or while its template renders: `DatabaseBusyMiddleware.process_exception`;
- in a middleware (the session, the signed-in user, the redirects table) or in the 403/404
  handlers: Django hands the error to handler500, and `portal.views.server_error` asks
  `busy_response` for the answer.

The page is rendered from templates/503.html with a context built here, never through the
context processors and never touching the database. A browser asking for JSON (the like
button's fetch, the search suggestions) gets a JSON body instead. Each outage request is logged
as one warning line without a traceback (then at most one line per 10 s, with the count), and
Django's own error line for a 5xx is suppressed.

What a citizen was given just before the failure survives it: on the nomination receipt's
address (and an ad problem report's) the tracking code is read from its cookie and shown, and the cookie stays until a
receipt page has been delivered (content/nominations/receipt.py); a pending message (an ad
problem report's reference number, "objection received") is shown and stays for the next page.

Then the connection is closed, so the next request reconnects once the database is back."""

import logging
import threading
import time

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext as _

from content.ads.report_status import RECEIPT as AD_REPORT_RECEIPT
from content.nominations import codes, receipt
from core.database_errors import close_broken_connections, is_database_unavailable
from portal.preferences import FONT_SIZES, read_preferences

logger = logging.getLogger("portal.database_busy")

TEMPLATE = "503.html"


class OutageLog:
    """One warning line, without a traceback, for the first 503, then at most one per `interval`
    seconds and process, with the number of 503s in between (a 4 s outage under load answered
    about a thousand)."""

    def __init__(self, interval=10.0):
        self.interval = interval
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.last = None
        self.unlogged = 0

    def record(self, request, exc):
        now = time.monotonic()
        with self.lock:
            if self.last is not None and now - self.last < self.interval:
                self.unlogged += 1
                return
            since, self.unlogged, self.last = self.unlogged, 0, now
        text = str(exc).strip()
        logger.warning(
            "Database unavailable, answered 503: %s: %s (%s %s; %s more 503s since the last line)",
            type(exc).__name__,
            text.splitlines()[0][:200] if text else "",
            request.method,
            request.path,
            since,
        )


outage_log = OutageLog()


class DatabaseBusyMiddleware:
    """Turns a database outage raised by a view, or by its template as it renders, into the 503.

    Self-contained: it needs no other middleware and can sit anywhere below the security-header
    middleware (whose headers the 503 should carry) and below any page cache (which must see the
    503's no-store)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return busy_response(request, exception)
        return None


def wants_json(request):
    accept = request.headers.get("Accept", "")
    if "application/json" in accept and "text/html" not in accept:
        return True
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def busy_response(request, exc):
    """The 503 for a request the database failed; closes the broken connection for the next one."""
    close_broken_connections()
    retry_after = settings.DATABASE_BUSY_RETRY_AFTER
    outage_log.record(request, exc)
    message = _("The site is busy. Please try again later.")
    if wants_json(request):
        body = {"ok": False, "error": "database_unavailable", "message": message, "retry_after": retry_after}
        response = JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(_page(request, retry_after), status=503)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    # Logged once above; Django would add an error line (with the traceback on the handler500 path).
    response._has_been_logged = True
    return response


def _retry_url(request):
    # The same address, but never one a browser reads as another host ("//host", "/\host").
    return "/" + request.get_full_path().lstrip("/\\")


def _receipt(request):
    """The tracking code of a nomination or an ad problem report when this is its receipt
    address and its cookie came along."""
    if not request.path.endswith(receipt.RECEIPT_ROUTE):
        return None
    found = receipt.read(request)
    if found is not None:
        code, linked = found
        return {"display_code": codes.display(code), "linked": linked}
    found = AD_REPORT_RECEIPT.read(request)
    if found is not None:
        return {"display_code": codes.display(found[0]), "linked": False}
    return None


def _pending_messages(request):
    """Messages waiting for the next page, shown here and kept for the next page that works."""
    storage = getattr(request, "_messages", None)
    if storage is None:
        return []
    try:
        return list(storage)
    except Exception:  # noqa: BLE001 - messages kept in the session (the database) are out of reach now
        return []
    finally:
        storage.used = False


def _page(request, retry_after):
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "font_sizes": FONT_SIZES,
        **read_preferences(request),
        "request": request,
        "next_path": request.get_full_path(),
        "csrf_token": get_token(request),
        "retry_url": _retry_url(request),
        "retry_after": retry_after,
        "receipt": _receipt(request),
        "pending_messages": _pending_messages(request),
    }
    try:
        # No request passed: no context processor runs, so nothing here can ask the database.
        return loader.get_template(TEMPLATE).render(context)
    except Exception:  # the busy page must be answered whatever its template does
        logger.warning("The busy page's template failed; answered the plain page", exc_info=True)
        return _plain_page(context)


def _plain_page(context):
    code = context["receipt"]["display_code"] if context["receipt"] else ""
    return format_html(
        '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{}</title></head>'
        '<body><main><h1>{}</h1><p><a href="{}">{}</a></p>{}</main></body></html>',
        context["site_name"],
        _("The site is busy. Please try again later."),
        context["retry_url"],
        _("Try again"),
        format_html("<p>{} {}</p>", _("Your tracking code:"), code) if code else "",
    )

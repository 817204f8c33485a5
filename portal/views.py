import sys

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from core.database_errors import is_database_unavailable
from portal.database_busy import busy_response
from portal.preferences import ELDER_COOKIE, FONT_COOKIE, FONT_SIZES


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return target


@require_http_methods(["GET", "POST"])
def set_display_preferences(request):
    """The no-JavaScript path for the elder-mode and font-size switches (the page script sets the
    same cookies without a reload). GET is accepted because the switches are plain links: the
    change is a display preference of the visitor's own, with nothing to forge."""
    response = HttpResponseRedirect(_safe_next(request))
    params = request.POST or request.GET
    cookie_args = {"max_age": settings.PREFERENCE_COOKIE_MAX_AGE, "samesite": "Lax", "secure": request.is_secure()}
    if params.get("elder") in {"0", "1"}:
        response.set_cookie(ELDER_COOKIE, params["elder"], **cookie_args)
    if params.get("font") in FONT_SIZES:
        response.set_cookie(FONT_COOKIE, params["font"], **cookie_args)
    return response


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Django calls this while it handles the error. A database outage raised outside a view (in a
    # middleware, or in the 403/404 handlers as they render) is the busy 503, not a 500.
    failure = sys.exc_info()[1]
    if is_database_unavailable(failure):
        return busy_response(request, failure)
    # Rendered without the request context: a failing context processor must not hide the page.
    return render(None, "500.html", status=500)

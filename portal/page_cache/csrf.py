"""CSRF tokens for forms on cached pages.

A token rendered into a shared page would belong to whoever's visit filled the cache. So on a page
the cache may share (`request.page_cache_candidate`), `{% form_csrf_token %}` renders the field
empty, and static/js/csrf.js fills it from the visitor's own `csrftoken` cookie, asking `/csrf/`
for one first when the visitor has none. Django accepts the cookie's value as the form token.

Without JavaScript the field stays empty and Django refuses the post. `csrf_failure` then keeps
what the visitor typed: when the post came from this site (Origin or Referer) and failed only for
want of a token, it answers with the same fields and a valid token behind one "确认提交" button.
"""

from django.http import JsonResponse
from django.middleware.csrf import REASON_CSRF_TOKEN_MISSING, REASON_NO_CSRF_COOKIE, get_token
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

EMPTY_FIELD = '<input type="hidden" name="csrfmiddlewaretoken" value="" data-csrf-field>'
MAX_RESUBMITTED_FIELDS = 60


@never_cache
@require_GET
def csrf_token(request):
    """The visitor's token, for forms on cached pages (static/js/csrf.js); sets the cookie too."""
    return JsonResponse({"token": get_token(request)})


def _came_from_this_site(request):
    origin = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not origin:
        return False
    return url_has_allowed_host_and_scheme(
        origin, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def csrf_failure(request, reason=""):
    """Django's CSRF_FAILURE_VIEW: a Chinese page, and the typed fields kept when that is safe."""
    missing_token = reason in {REASON_NO_CSRF_COOKIE, REASON_CSRF_TOKEN_MISSING}
    resubmit = request.method == "POST" and missing_token and _came_from_this_site(request)
    fields = []
    if resubmit:  # a like button sends no field but the token: it is confirmed all the same
        fields = [
            (name, value) for name, values in request.POST.lists() if name != "csrfmiddlewaretoken" for value in values
        ][:MAX_RESUBMITTED_FIELDS]
    context = {
        "resubmit": resubmit,
        "fields": fields,
        "lost_files": resubmit and bool(request.FILES),
        "action": request.get_full_path(),
    }
    return render(request, "csrf_failure.html", context, status=403)

"""A delete refused because the object is still used gets a clear answer, not a server error.

Wagtail's own delete pages check an object's usage first and refuse to delete what is protected.
Some of its endpoints do not: the delete buttons of the multiple-upload pages (images, documents)
and the explorer's page actions API delete directly, and a protected foreign key (an ad artwork's
image, an ad download's document, a work's placements) then raises ProtectedError, a 500. This
middleware answers those with 409 Conflict and a message in the editor's language: JSON for the
admin's scripts, otherwise the message on the page the editor came from."""

from django.contrib import messages
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


class ProtectedObjectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ProtectedError | RestrictedError):
            return None
        message = _("This cannot be deleted: it is still used by %(count)d other item(s). Remove those uses first.") % {
            "count": len(
                exception.protected_objects if isinstance(exception, ProtectedError) else exception.restricted_objects
            )
        }
        wants_json = (
            "application/json" in request.headers.get("Accept", "")
            or (request.headers.get("X-Requested-With") == "XMLHttpRequest")
            or "/multiple/" in request.path
            or "/api/" in request.path
        )
        if wants_json:
            return JsonResponse({"success": False, "error_message": message}, status=409)
        messages.error(request, message)
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = "/admin/"
        response = HttpResponseRedirect(back)
        response.status_code = 303
        return response

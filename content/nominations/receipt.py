"""The receipt after a nomination: its tracking code shown once, on an address without it.

A tracking code never travels in a URL: URLs end up in server and proxy logs, in the browser's
history and in the Referer header. The form's answer is a redirect to /tuijian/huizhi/ (the
receipt, POST-redirect-GET: a reload does not send the nomination again), and the code goes along
in a signed, HttpOnly cookie valid for that one path and NOMINATION_RECEIPT_MAX_AGE (30 minutes:
long enough for a database restart and a retry). The receipt page reads it once and deletes it
with the page that shows it; a reload shows the page without the code. A receipt page that fails
deletes nothing, and when the database is down the busy page on this address shows the code from
the cookie instead (portal/database_busy.py), so a stored nomination never loses its code.

A filled honeypot gets the same redirect and the same cookie, with a code that was never stored
(content/nominations/views.py)."""

from django.conf import settings
from django.core import signing

from content.nominations import codes

RECEIPT_COOKIE = "tuijian_receipt"
RECEIPT_SALT = "content.nominations.receipt"
#: The receipt's route under the nominations page (回执).
RECEIPT_ROUTE = "huizhi/"


def receipt_path(page_path):
    """The receipt's path, from the page's path (request.path of the form: page.url reads the
    site root paths from the cache, and a cache outage must not lose a stored nomination's receipt)."""
    return f"{page_path}{RECEIPT_ROUTE}"


def remember(response, request, path, code, linked):
    """Give the browser the code for the receipt at `path`, and only for it."""
    response.set_signed_cookie(
        RECEIPT_COOKIE,
        f"{code}:{int(bool(linked))}",
        salt=RECEIPT_SALT,
        max_age=settings.NOMINATION_RECEIPT_MAX_AGE,
        path=path,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def read(request):
    """(code, linked) from the receipt cookie, or None (absent, expired, tampered with or malformed)."""
    try:
        value = request.get_signed_cookie(
            RECEIPT_COOKIE, salt=RECEIPT_SALT, max_age=settings.NOMINATION_RECEIPT_MAX_AGE
        )
    except (KeyError, signing.BadSignature):
        return None
    code, _sep, linked = value.partition(":")
    if codes.normalise(code) != code or linked not in ("0", "1"):
        return None
    return code, linked == "1"


def forget(response, request):
    """The receipt is shown once: the cookie goes with the page that shows it, and only with it
    (an error page built instead of it is a new response, without this deletion)."""
    response.delete_cookie(RECEIPT_COOKIE, path=request.path, samesite="Lax")

"""The receipt after a message: its tracking code shown once, at an address without it.

The same scheme as the nominations' receipt (content/nominations/receipt.py, docs/nominations.md):
the form redirects to /liuyan/huizhi/ and the code travels in a signed, HttpOnly, SameSite=Lax
cookie bound to that path and valid MESSAGE_RECEIPT_MAX_AGE seconds; the receipt page shows it
once and deletes it with the page that shows it. A code never goes into a URL (logs, history,
Referer)."""

from django.conf import settings
from django.core import signing

from content.nominations import codes

RECEIPT_COOKIE = "liuyan_receipt"
RECEIPT_SALT = "interaction.receipt"


def remember(response, request, path, code):
    response.set_signed_cookie(
        RECEIPT_COOKIE,
        code,
        salt=RECEIPT_SALT,
        max_age=settings.MESSAGE_RECEIPT_MAX_AGE,
        path=path,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def read(request):
    """The code from the receipt cookie, or None (absent, expired, tampered with or malformed)."""
    try:
        value = request.get_signed_cookie(RECEIPT_COOKIE, salt=RECEIPT_SALT, max_age=settings.MESSAGE_RECEIPT_MAX_AGE)
    except (KeyError, signing.BadSignature):
        return None
    return value if value and codes.normalise(value) == value else None


def forget(response, request):
    response.delete_cookie(RECEIPT_COOKIE, path=request.path, samesite="Lax")

"""The receipt after a 随手拍 report: its tracking code shown once, on an address without it.

As for nominations (content/nominations/receipt.py, the reasons are there): the form redirects to
/suishoupai/huizhi/ and the code travels in a signed, HttpOnly cookie valid for that path only,
deleted with the page that shows it."""

from django.core import signing

from content.nominations import codes

RECEIPT_COOKIE = "suishoupai_receipt"
RECEIPT_SALT = "content.snapshots.receipt"
#: Long enough for a database restart and a retry, short enough not to linger on a shared phone.
RECEIPT_MAX_AGE = 30 * 60


def remember(response, request, path, code):
    response.set_signed_cookie(
        RECEIPT_COOKIE,
        code,
        salt=RECEIPT_SALT,
        max_age=RECEIPT_MAX_AGE,
        path=path,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def read(request):
    """The code from the receipt cookie, or None (absent, expired, tampered with or malformed)."""
    try:
        value = request.get_signed_cookie(RECEIPT_COOKIE, salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except (KeyError, signing.BadSignature):
        return None
    return value if value and codes.normalise(value) == value else None


def forget(response, request):
    response.delete_cookie(RECEIPT_COOKIE, path=request.path, samesite="Lax")

"""A tracking code handed to the one receipt page that shows it, in a signed, HttpOnly cookie.

The pattern the nominations and 随手拍 forms follow (content/nominations/receipt.py explains why a
code never travels in a URL): the form redirects to its receipt address, the cookie is valid for
that path only, and the receipt page deletes it with the page that shows the code."""

from django.core import signing

from core.tracking_codes import normalise


class ReceiptCookie:
    def __init__(self, name, salt, max_age=30 * 60):
        self.name = name
        self.salt = salt
        self.max_age = max_age

    def remember(self, response, request, path, value):
        """`value` is a code, optionally followed by ":" and one flag character."""
        response.set_signed_cookie(
            self.name,
            value,
            salt=self.salt,
            max_age=self.max_age,
            path=path,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )

    def read(self, request):
        """(code, flag) from the cookie, or None (absent, expired, tampered with or malformed)."""
        try:
            value = request.get_signed_cookie(self.name, salt=self.salt, max_age=self.max_age)
        except (KeyError, signing.BadSignature):
            return None
        code, _sep, flag = value.partition(":")
        if not code or normalise(code) != code:
            return None
        return code, flag

    def forget(self, response, request):
        response.delete_cookie(self.name, path=request.path, samesite="Lax")

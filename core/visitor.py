"""Who a public visitor is, the one way the site tells: the client address (hashed before it is
kept) and a signed browser cookie for one-per-visitor actions (likes on the 好人榜 and on the
nomination 公示). No account, no tracking beyond what a like or a rate limit needs."""

import hashlib
import secrets

from django.conf import settings

VISITOR_COOKIE = "haoren_visitor"
VISITOR_COOKIE_SALT = "content.likes.visitor"  # unchanged since the first release: cookies stay valid
VISITOR_COOKIE_AGE = 2 * 365 * 24 * 3600


def client_ip(request):
    """The client's address as the WSGI server saw it. Behind a reverse proxy, the proxy must
    put the visitor's address in REMOTE_ADDR (e.g. gunicorn's --forwarded-allow-ips with a
    trusted proxy, or nginx's real_ip module); X-Forwarded-For is never read here, since any
    client can send it."""
    return request.META.get("REMOTE_ADDR", "")


def client_hash(request):
    """A salted SHA-256 of the client IP: lets a bureau see that reports came from one sender
    without keeping the address."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()


def visitor_key(request):
    """The visitor id from the signed cookie, or None (absent, tampered with, or malformed)."""
    key = request.get_signed_cookie(VISITOR_COOKIE, default=None, salt=VISITOR_COOKIE_SALT)
    if key and len(key) == 32 and all(c in "0123456789abcdef" for c in key):
        return key
    return None


def new_visitor_key():
    return secrets.token_hex(16)


def remember_visitor(response, request, key):
    """Set the signed visitor cookie that identifies a browser for one-per-visitor likes."""
    response.set_signed_cookie(
        VISITOR_COOKIE,
        key,
        salt=VISITOR_COOKIE_SALT,
        max_age=VISITOR_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )

"""Who a public visitor is, the one way the site tells: the client address (hashed before it is
kept) and a signed browser cookie for one-per-visitor actions (likes on the 好人榜 and on the
nomination 公示). No account, no tracking beyond what a like or a rate limit needs."""

import ipaddress
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

VISITOR_COOKIE = "haoren_visitor"
VISITOR_COOKIE_SALT = "content.likes.visitor"  # unchanged since the first release: cookies stay valid
VISITOR_COOKIE_AGE = 2 * 365 * 24 * 3600


def client_ip(request):
    """The client's address. Gunicorn puts its peer in REMOTE_ADDR, which behind nginx is nginx
    itself; so when that peer is one of TRUSTED_PROXY_IPS (by default only this machine's
    loopback, where deploy/'s nginx runs) the address nginx sends in X-Real-IP is the visitor's.
    nginx overwrites that header with the address it saw (after its own real_ip step when a load
    balancer is in front); anyone else who sends it is ignored. X-Forwarded-For is never read here,
    since any client can append to it."""
    peer = request.META.get("REMOTE_ADDR", "")
    named = request.META.get("HTTP_X_REAL_IP", "").strip()
    if named and _is_trusted_proxy(peer):
        try:
            return str(ipaddress.ip_address(named))
        except ValueError:
            return peer
    return peer


def _is_trusted_proxy(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXY_IPS)


def client_address(request):
    """Who sends the request, as far as limits are concerned: the IPv4 address, or the /64
    network of an IPv6 address (one household or phone gets a whole /64 and picks any address
    in it, so counting single IPv6 addresses would not limit anyone)."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def keyed_hash(value, purpose):
    """HMAC-SHA256 of `value`, keyed with SECRET_KEY and `purpose`: a plain hash of an IP address
    or a phone number is reversed by trying them all; without the key it is not."""
    return salted_hmac(f"portal.{purpose}", str(value), algorithm="sha256").hexdigest()


def client_hash(request):
    """The sender's keyed hash: lets a bureau see that reports came from one sender without
    keeping the address."""
    return keyed_hash(client_address(request), "client")


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

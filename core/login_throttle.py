"""Sign-in throttling that a stranger cannot turn into a lockout of the account's owner.

Failed sign-ins are counted (core/ratelimit.py, fixed windows, keyed hashes: the cache never holds
a user name or an address) under up to three counters, and a sign-in is refused before the
password is checked while any of them is over its limit (settings.LOGIN_FAILURE_LIMITS):

- "account_client": one account from one client (an IPv4 address or an IPv6 /64). Guessing one
  account's password from one place stops after a few tries, for that place only.
- "client": any accounts from one client, so one place cannot try a few passwords on each of many
  accounts.
- "account": one account from every client together, with a much higher limit: a guesser with many
  addresses is slowed down too.

A browser the owner has signed in from before carries a signed "known device" cookie naming the
account. From there only the "device" counter applies (that browser's own failures), so neither a
guesser at the same office address nor a distributed guesser locks the owner out of their usual
browser. The cookie is set only by a successful sign-in (KnownDeviceMiddleware).

Counting keys on the user name as typed (case-folded) whether or not the account exists, and the
refusal reads the same, so the limits tell nobody which user names exist. A refused attempt is
not counted again, and a successful sign-in clears its "account_client" counter.

Every failed or refused sign-in is one log line naming the user name typed and the client's keyed
hash (never the address). When the cache is down the counters cannot be kept: sign-ins then go
through unthrottled (the password and the second factor still apply) and core/ratelimit.py logs a
warning for each, as every other limit of the site degrades rather than locking the editors out.

Wired through AUTHENTICATION_BACKENDS (ThrottledModelBackend), so every path that signs in with
a password, Wagtail's login form or any other, is throttled; calls without a request (management
commands, the test client's `login`) have no client to count and are not throttled."""

import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils.translation import ngettext

from core.ratelimit import Limit, hit, peek, reset
from core.visitor import client_address, client_hash, keyed_hash

logger = logging.getLogger(__name__)

DEVICE_COOKIE = "admin_known_device"
DEVICE_COOKIE_SALT = "core.login_throttle.device"
DEVICE_COOKIE_AGE = 180 * 24 * 3600
DEVICE_COOKIE_ACCOUNTS = 5  # a shared office computer remembers up to this many accounts
REFUSAL_ATTRIBUTE = "login_refusal"  # set on the request when a sign-in was refused
SIGNED_IN_ATTRIBUTE = "login_known_device"  # set on the request when a sign-in succeeded

COUNTERS = ("account_client", "client", "account")


def account_key(username):
    """The user name as counted: typed variations in case or spacing count as the same name."""
    return str(username or "").strip().casefold()[:150]


def _limit(name):
    limit, window = settings.LOGIN_FAILURE_LIMITS[name]
    return Limit(f"login-{name}", limit, window)


def _device_tag(account):
    return keyed_hash(account, "login-device")[:16]


def _device_entries(request):
    """{account tag: device nonce} from the signed cookie ({} when absent or tampered with)."""
    raw = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_COOKIE_SALT, max_age=DEVICE_COOKIE_AGE)
    entries = {}
    for item in raw.split(",") if raw else []:
        tag, _sep, nonce = item.partition(":")
        if len(tag) == 16 and len(nonce) == 32:
            entries[tag] = nonce
    return entries


class LoginAttempt:
    """One sign-in attempt for `username` from the client that sent `request`."""

    def __init__(self, request, username):
        self.request = request
        self.account = account_key(username)
        self.client = client_address(request)
        self.device = _device_entries(request).get(_device_tag(self.account))

    def counters(self):
        if self.device:
            return [(_limit("device"), f"{self.account}|{self.device}")]
        identifiers = {
            "account_client": f"{self.account}|{self.client}",
            "client": self.client,
            "account": self.account,
        }
        return [(_limit(name), identifiers[name]) for name in COUNTERS]

    def refusal(self):
        """The verdict that refuses this attempt, or None when it may go ahead."""
        for limit, identifier in self.counters():
            verdict = peek(limit, identifier)
            if not verdict.allowed:
                return verdict
        return None

    def failed(self):
        for limit, identifier in self.counters():
            hit(limit, identifier)
        self._log("Sign-in failed")

    def succeeded(self):
        limit, identifier = self.counters()[0]
        reset(limit, identifier)

    def _log(self, what, detail=""):
        client = client_hash(self.request)[:12]
        logger.warning("%s for user name %r from client %s%s", what, self.account[:60], client, detail)


def refusal_message(verdict):
    """What the sign-in form says about a refused attempt (the same for every user name)."""
    minutes = max(1, -(-verdict.retry_after // 60))
    return ngettext(
        "Too many failed sign-ins. Try again in %(minutes)s minute, or sign in from a browser you have used before.",
        "Too many failed sign-ins. Try again in %(minutes)s minutes, or sign in from a browser you have used before.",
        minutes,
    ) % {"minutes": minutes}


class ThrottledModelBackend(ModelBackend):
    """Django's ModelBackend behind the sign-in limits (see the module's docstring)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        attempt = LoginAttempt(request, username)
        verdict = attempt.refusal()
        if verdict is not None:
            setattr(request, REFUSAL_ATTRIBUTE, verdict)
            attempt._log("Sign-in refused", f": too many failures ({verdict.count})")
            raise PermissionDenied  # Django's authenticate() stops here and returns None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            attempt.failed()
        else:
            attempt.succeeded()
            setattr(request, SIGNED_IN_ATTRIBUTE, attempt.account)
        return user


def remember_device(request, response, account):
    """Add `account` to the browser's signed known-device cookie (keeping its nonce if it had one)."""
    entries = _device_entries(request)
    tag = _device_tag(account)
    nonce = entries.pop(tag, None) or secrets.token_hex(16)
    kept = list(entries.items())[-(DEVICE_COOKIE_ACCOUNTS - 1) :] + [(tag, nonce)]
    response.set_signed_cookie(
        DEVICE_COOKIE,
        ",".join(f"{t}:{n}" for t, n in kept),
        salt=DEVICE_COOKIE_SALT,
        max_age=DEVICE_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


class KnownDeviceMiddleware:
    """Sets the known-device cookie on the response to a successful sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        account = getattr(request, SIGNED_IN_ATTRIBUTE, None)
        if account:
            remember_device(request, response, account)
        return response

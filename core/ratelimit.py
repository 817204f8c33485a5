"""A small fixed-window rate limiter on Django's cache.

Each (scope, identifier, window) gets one counter: `cache.add(key, 0)` creates it with the
window's lifetime (a no-op when it exists), `cache.incr(key)` counts the hit atomically (atomic
on Redis and memcached; on LocMemCache within one process). A hit is allowed while the count is
at most the limit. Fixed windows allow a burst of up to twice the limit across a window edge;
that is acceptable for abuse control and costs two cache calls per hit.

Identifiers are hashed with a key (core.visitor.keyed_hash) before they become part of a cache key,
so the cache never holds a raw IP address or phone number, nor one anyone could recover by
trying them all (and keys stay short and safe for memcached).

When the cache fails (it raises, or a backend configured to swallow errors answers None), the
caller chooses: `fail_open=True` lets the hit through and logs a warning (used for citizens'
reports: a report must never be lost because the cache is down), `fail_open=False` refuses it
(for things where abuse is worse than refusal, e.g. login attempts).
"""

import logging
import time
from dataclasses import dataclass

from django.core.cache import caches

from core.visitor import keyed_hash

logger = logging.getLogger(__name__)

KEY_PREFIX = "ratelimit"


@dataclass(frozen=True)
class Limit:
    """At most `limit` hits per `window` seconds for each identifier within `scope`."""

    scope: str
    limit: int
    window: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int | None  # hits in this window, including this one; None when the cache failed
    retry_after: int  # seconds until the window ends
    degraded: bool = False  # the cache failed and the fail_open/fail_closed rule decided


def _key(limit, identifier, window_index):
    digest = keyed_hash(identifier, "ratelimit")[:32]
    return f"{KEY_PREFIX}:{limit.scope}:{digest}:{window_index}"


def _window(limit, now):
    """(index of the window `now` falls in, seconds until it ends)."""
    now = time.time() if now is None else now
    window_index = int(now // limit.window)
    return window_index, max(1, int((window_index + 1) * limit.window - now))


def hit(limit, identifier, *, fail_open=True, cache_alias="default", now=None):
    """Count one hit for `identifier` and say whether it is within the limit."""
    window_index, retry_after = _window(limit, now)
    key = _key(limit, identifier, window_index)
    try:
        cache = caches[cache_alias]
        # The counter outlives its window a little so that a clock skew between web workers
        # does not reset it early; the next window uses a new key anyway.
        cache.add(key, 0, timeout=limit.window + 60)
        try:
            count = cache.incr(key)
        except ValueError:  # expired (or evicted) between add and incr: start again
            cache.add(key, 1, timeout=limit.window + 60)
            count = 1
        if count is None:  # a backend with IGNORE_EXCEPTIONS swallowed a failure
            raise ConnectionError("the cache answered None")
    except Exception as exc:  # noqa: BLE001 - any cache failure is handled by the fail_open rule
        logger.warning(
            "Rate limit %s could not be checked (%s); %s",
            limit.scope,
            type(exc).__name__,
            "allowing the request" if fail_open else "refusing the request",
        )
        return Verdict(allowed=fail_open, count=None, retry_after=retry_after, degraded=True)
    return Verdict(allowed=count <= limit.limit, count=count, retry_after=retry_after)


def peek(limit, identifier, *, cache_alias="default", now=None):
    """Whether `identifier` is still within the limit, without counting a hit: for refusing a
    request that would be refused anyway before any costly work (decoding photos). A cache
    failure lets it through; the hit that follows decides."""
    window_index, retry_after = _window(limit, now)
    try:
        count = caches[cache_alias].get(_key(limit, identifier, window_index)) or 0
    except Exception:  # noqa: BLE001 - a cache failure is decided by the hit that follows
        return Verdict(allowed=True, count=None, retry_after=retry_after, degraded=True)
    return Verdict(allowed=count < limit.limit, count=count, retry_after=retry_after)


def reset(limit, identifier, *, cache_alias="default", now=None):
    """Forget `identifier`'s hits in the current window (e.g. a successful sign-in clears the
    failures before it). A cache failure is ignored: the counter then simply runs out."""
    window_index, _retry_after = _window(limit, now)
    try:
        caches[cache_alias].delete(_key(limit, identifier, window_index))
    except Exception:  # noqa: BLE001 - forgetting is best effort
        logger.warning("Rate limit %s could not be reset", limit.scope)

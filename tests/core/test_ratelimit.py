"""core.ratelimit: a fixed-window counter on Django's cache, and what it does when the cache fails."""

import logging

import pytest
from django.core.cache import cache
from django.test import override_settings

from core.ratelimit import Limit, hit, reset
from tests.helpers import BROKEN_REDIS, SILENT_BROKEN_REDIS

pytestmark = pytest.mark.usefixtures("empty_cache")

LIMIT = Limit("test-scope", limit=3, window=60)
NOW = 1_700_000_000.0


def test_allows_up_to_the_limit_then_refuses():
    verdicts = [hit(LIMIT, "1.2.3.4", now=NOW) for _ in range(5)]
    assert [v.allowed for v in verdicts] == [True, True, True, False, False]
    assert [v.count for v in verdicts] == [1, 2, 3, 4, 5]
    assert not any(v.degraded for v in verdicts)


def test_identifiers_and_scopes_are_counted_separately():
    for _ in range(3):
        hit(LIMIT, "1.2.3.4", now=NOW)
    assert not hit(LIMIT, "1.2.3.4", now=NOW).allowed
    assert hit(LIMIT, "5.6.7.8", now=NOW).allowed
    assert hit(Limit("other-scope", limit=3, window=60), "1.2.3.4", now=NOW).allowed


def test_a_new_window_starts_a_new_count():
    window_start = (NOW // 60) * 60
    for _ in range(4):
        hit(LIMIT, "1.2.3.4", now=window_start + 10)
    refused = hit(LIMIT, "1.2.3.4", now=window_start + 59)
    assert not refused.allowed
    assert refused.retry_after == 1
    assert hit(LIMIT, "1.2.3.4", now=window_start + 60).allowed


def test_retry_after_counts_down_to_the_end_of_the_window():
    window_start = (NOW // 60) * 60
    assert hit(LIMIT, "x", now=window_start + 15).retry_after == 45


def test_the_cache_key_does_not_hold_the_raw_identifier():
    hit(LIMIT, "203.0.113.77", now=NOW)
    keys = list(cache._cache.keys())  # LocMemCache's store
    assert keys
    assert not any("203.0.113.77" in key for key in keys)


def test_a_counter_evicted_between_add_and_incr_starts_again(monkeypatch):
    monkeypatch.setattr(cache, "incr", lambda *args, **kwargs: (_ for _ in ()).throw(ValueError("gone")))
    verdict = hit(LIMIT, "1.2.3.4", now=NOW)
    assert verdict.allowed
    assert verdict.count == 1


@override_settings(CACHES=BROKEN_REDIS)
def test_fails_open_with_a_warning_when_the_cache_raises(caplog):
    with caplog.at_level(logging.WARNING, logger="core.ratelimit"):
        verdict = hit(LIMIT, "1.2.3.4", fail_open=True)
    assert verdict.allowed
    assert verdict.degraded
    assert verdict.count is None
    assert "test-scope" in caplog.text
    assert "allowing" in caplog.text


@override_settings(CACHES=BROKEN_REDIS)
def test_fails_closed_when_asked_to(caplog):
    with caplog.at_level(logging.WARNING, logger="core.ratelimit"):
        verdict = hit(LIMIT, "1.2.3.4", fail_open=False)
    assert not verdict.allowed
    assert verdict.degraded
    assert "refusing" in caplog.text


@override_settings(CACHES=SILENT_BROKEN_REDIS)
def test_a_cache_that_swallows_errors_is_treated_as_failed(caplog):
    with caplog.at_level(logging.WARNING, logger="core.ratelimit"):
        verdicts = [hit(LIMIT, "1.2.3.4") for _ in range(5)]
    assert all(v.allowed and v.degraded for v in verdicts)
    assert caplog.text.count("could not be checked") == 5


def test_reset_forgets_the_current_windows_hits():
    for _ in range(4):
        hit(LIMIT, "1.2.3.4", now=NOW)
    reset(LIMIT, "1.2.3.4", now=NOW)
    assert hit(LIMIT, "1.2.3.4", now=NOW).count == 1

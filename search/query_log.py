"""The weekly log of searches: one upsert per search (searches the page cache answers, in
batches), nothing about the searcher.

Stored per (normalised query, week): how often it was searched and how many results it last had.
No address, account, session, time of day or any other request data is written. Digits runs
long enough to be a telephone or ID number, and e-mail addresses, are masked before the query
is stored, since citizens paste such things into search boxes."""

import atexit
import logging
import re
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from core.chinese import to_simplified
from search.models import QueryLog, week_of

logger = logging.getLogger(__name__)

_EMAIL = re.compile(r"\S+@\S+")
_LONG_NUMBER = re.compile(r"\d{6,}")
MASK = "＊"


def normalise(query):
    """simplified, lower case, single spaces, numbers and addresses masked."""
    text = " ".join(to_simplified(query or "").lower().split())
    text = _EMAIL.sub(MASK, text)
    return _LONG_NUMBER.sub(MASK, text)[:100]


def record(query, results, day=None):
    """Count one search of `query` that found `results` pages. Never fails the page."""
    text = normalise(query)
    if text:
        _write([(text, week_of(day or timezone.localdate()), 1, results)])


def _write(counts):
    """Add [(query, week, searches, results)] to the log in one statement per row, one round of
    executemany."""
    table = QueryLog._meta.db_table
    # One statement on both databases (SQLite ≥ 3.24, PostgreSQL ≥ 9.5); no model save, so no
    # signal purges the page cache on every search.
    values = "VALUES (%s, %s, %s, %s)"
    if connection.vendor == "postgresql":
        # A count lost in a crash is harmless: this commit does not wait for the WAL to reach the
        # disk (a flush per search cost more than the insert itself on a busy machine).
        values = "SELECT %s, %s, %s, %s FROM (SELECT set_config('synchronous_commit', 'off', true)) AS quick"
    sql = (
        f"INSERT INTO {table} (query, week, searches, results) {values} "  # table name and fixed SQL only
        f"ON CONFLICT (query, week) DO UPDATE SET searches = {table}.searches + excluded.searches, "
        "results = excluded.results"
    )
    try:
        with connection.cursor() as cursor:
            cursor.executemany(sql, counts)
    except DatabaseError:
        logger.warning("The search log could not be written", exc_info=True)


# Searches the page cache answered, counted in this process and written together: a stored
# search page costs a memory lookup, and one write per answer was a third of its cost. At most
# SEARCH_LOG_BATCH answers or SEARCH_LOG_SECONDS wait; a process that dies loses at most those.
_served = Counter()
_served_results = {}
_served_lock = threading.Lock()
_first_served = [None]


def record_served(query, results, day=None):
    """Count one search answered from the page cache; written with the others of this process
    once SEARCH_LOG_BATCH have been counted or the oldest has waited SEARCH_LOG_SECONDS."""
    text = normalise(query)
    if not text:
        return
    key = (text, week_of(day or timezone.localdate()))
    now = time.monotonic()
    with _served_lock:
        _served[key] += 1
        _served_results[key] = results
        if _first_served[0] is None:
            _first_served[0] = now
        batch, seconds = settings.SEARCH_LOG_BATCH, settings.SEARCH_LOG_SECONDS
        if _served.total() < batch and now - _first_served[0] < seconds:
            return
    flush()


def flush():
    """Write the searches counted in this process (at the latest when the process exits)."""
    with _served_lock:
        counts = [(text, week, searches, _served_results[text, week]) for (text, week), searches in _served.items()]
        _served.clear()
        _served_results.clear()
        _first_served[0] = None
    if counts:
        _write(counts)


def _flush_at_exit():
    try:
        flush()
    except Exception:
        logger.warning("The search log could not be written at exit", exc_info=True)


atexit.register(_flush_at_exit)


def loggable(params):
    """A new search, not the next page or a facet of one already counted."""
    if params.get("page") not in (None, "", "1"):
        return False
    return not any(params.get(name) for name in ("type", "bureau", "district", "year", "tag", "sort"))

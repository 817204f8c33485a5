"""The weekly log of searches: one upsert per search, nothing about the searcher.

Stored per (normalised query, week): how often it was searched and how many results it last had.
No address, account, session, time of day or any other request data is written. Digits runs
long enough to be a telephone or ID number, and e-mail addresses, are masked before the query
is stored, since citizens paste such things into search boxes."""

import logging
import re

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
    if not text:
        return
    table = QueryLog._meta.db_table
    week = week_of(day or timezone.localdate())
    # One statement on both databases (SQLite ≥ 3.24, PostgreSQL ≥ 9.5); no model save, so no
    # signal purges the page cache on every search.
    values = "VALUES (%s, %s, 1, %s)"
    if connection.vendor == "postgresql":
        # A count lost in a crash is harmless: this commit does not wait for the WAL to reach the
        # disk (a flush per search cost more than the insert itself on a busy machine).
        values = "SELECT %s, %s, 1, %s FROM (SELECT set_config('synchronous_commit', 'off', true)) AS quick"
    sql = (
        f"INSERT INTO {table} (query, week, searches, results) {values} "  # table name and fixed SQL only
        f"ON CONFLICT (query, week) DO UPDATE SET searches = {table}.searches + 1, results = excluded.results"
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, [text, week, results])
    except DatabaseError:
        logger.warning("The search log could not be written", exc_info=True)


def loggable(params):
    """A new search, not the next page or a facet of one already counted."""
    if params.get("page") not in (None, "", "1"):
        return False
    return not any(params.get(name) for name in ("type", "bureau", "district", "year", "tag", "sort"))

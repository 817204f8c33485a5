"""Which errors mean "the database is not there right now", and how the next request gets a fresh
connection (docs/database-outage.md).

An outage (a restart, a refused or dropped connection, a locked or unreadable SQLite file) is
answered with a 503 "busy, try again"; a programming error (a missing table or column, bad SQL)
stays a 500 that someone must fix. Django wraps the driver's error in its own class of the same
name and keeps the driver's as `__cause__`; both are recognised, because a few paths (an
execute wrapper, a library using the raw connection) raise the driver's error unwrapped.

- PostgreSQL (psycopg 3): every OperationalError (a refused, closed or terminated connection, a
  server shutting down, too many connections, a cancelled statement, a deadlock) except class 54
  (a statement beyond a program limit, which retrying does not fix), and every InterfaceError.
- SQLite: an OperationalError whose result code is busy, locked, an I/O error, cannot open, a
  full disk, a read-only file or not a database; and the ProgrammingError a closed connection
  raises ("Cannot operate on a closed database."). A plain SQLITE_ERROR is "no such column",
  "no such table" or a syntax error: a programming error.
"""

import contextlib
import sqlite3

from django.db import DatabaseError, InterfaceError, OperationalError, connections

try:
    import psycopg
except ImportError:  # SQLite-only installations
    psycopg = None

SQLITE_UNAVAILABLE = {
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_PROTOCOL,
    sqlite3.SQLITE_NOTADB,
}
# An error raised by hand carries no result code: these are the outage messages SQLite gives.
SQLITE_UNAVAILABLE_MESSAGES = ("unable to open database file", "database is locked", "disk i/o error")
SQLITE_CLOSED_MESSAGE = "closed database"
POSTGRES_PROGRAM_LIMIT_CLASS = "54"
#: How far along __cause__/__context__ an error raised while handling another is followed.
CHAIN_DEPTH = 5


def _chain(exc):
    seen = 0
    while exc is not None and seen < CHAIN_DEPTH:
        yield exc
        exc = exc.__cause__ or exc.__context__
        seen += 1


def _sqlite_unavailable(exc):
    message = str(exc).lower()
    if isinstance(exc, sqlite3.ProgrammingError):
        return SQLITE_CLOSED_MESSAGE in message
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in SQLITE_UNAVAILABLE  # extended codes keep the primary in the low byte
    return message.startswith(SQLITE_UNAVAILABLE_MESSAGES)


def _postgres_unavailable(exc):
    if isinstance(exc, psycopg.InterfaceError):
        return True
    if isinstance(exc, psycopg.OperationalError):
        return not (exc.sqlstate or "").startswith(POSTGRES_PROGRAM_LIMIT_CLASS)
    return False


def _driver_error(exc):
    """True/False when `exc` is a driver error we can judge, None when it is not one."""
    if isinstance(exc, sqlite3.Error):
        return _sqlite_unavailable(exc)
    if psycopg is not None and isinstance(exc, psycopg.Error):
        return _postgres_unavailable(exc)
    return None


def is_database_unavailable(exc):
    """Whether `exc` (or the error it was raised from) says the database is unreachable now."""
    for error in _chain(exc):
        verdict = _driver_error(error)
        if verdict is not None:
            return verdict
        if isinstance(error, DatabaseError) and error.__cause__ is None:
            # Raised by Django itself, not wrapping a driver error ("connection already closed").
            return isinstance(error, (OperationalError, InterfaceError))
    return False


def close_broken_connections():
    """Close this thread's open connections, so the next request connects afresh.

    After an outage a persistent connection (CONN_MAX_AGE > 0) may be dead, and SQLite says a
    closed connection is still usable; closing it is cheap (the next query reconnects) and the
    only sure way. A connection inside a transaction is left alone: its atomic block closes it
    (and in tests the test's own transaction must not be cut)."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is None or connection.in_atomic_block:
            continue
        # close() forgets the connection even when the driver complains about closing a dead one.
        with contextlib.suppress(DatabaseError):
            connection.close()

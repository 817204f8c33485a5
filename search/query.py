"""Preparing a visitor's query for the search backend."""

import re

MAX_QUERY_LENGTH = 100

# A double quote opens an FTS phrase: an unbalanced one makes SQLite's FTS5 raise a syntax
# error, so a citizen who pastes a quoted sentence would see "search unavailable". Control
# characters never belong in a query.
_UNSAFE = re.compile(r'["\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")


def normalise(raw):
    return _SPACES.sub(" ", raw or "").strip()


def clean_query(raw):
    """The query as the visitor typed it, trimmed to a sane length (this is what is shown)."""
    return normalise(raw)[:MAX_QUERY_LENGTH]


def too_long(raw):
    return len(normalise(raw)) > MAX_QUERY_LENGTH


def backend_query(query):
    """The same query made safe for every backend's query syntax."""
    return _SPACES.sub(" ", _UNSAFE.sub(" ", query)).strip()

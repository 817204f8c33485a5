"""Snippets with the matched words marked, built so that nothing a visitor or editor typed can
become markup: the text is split on the terms first, every piece is escaped, and only the
<mark> elements added here are markup."""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from modelsearch.index import SearchField

SNIPPET_LENGTH = 120
_SPACES = re.compile(r"\s+")


def _pattern(terms):
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("(" + "|".join(re.escape(t) for t in terms) + ")", re.IGNORECASE)


def highlight(text, terms):
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    parts = pattern.split(text)
    # re.split with one group alternates text, match, text, ...: odd indexes are the matches.
    return mark_safe("".join(f"<mark>{escape(p)}</mark>" if i % 2 else escape(p) for i, p in enumerate(parts)))  # noqa: S308


def plain_text(page):
    """The page's own searchable text (not its related objects', which would cost queries)."""
    texts = []
    description = getattr(page, "search_description", "")
    if description:
        texts.append(description)
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            value = field.get_value(page)
            if isinstance(value, (list, tuple)):
                value = " ".join(str(v) for v in value)
            if value:
                texts.append(str(value))
    return _SPACES.sub(" ", strip_tags(" ".join(texts))).strip()


def snippet(text, terms, length=SNIPPET_LENGTH):
    """A window of `text` around the first matched term, highlighted."""
    pattern = _pattern(terms)
    start = 0
    if pattern is not None:
        found = pattern.search(text)
        if found:
            start = max(0, found.start() - length // 3)
    window = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    body = highlight(window, terms)
    return mark_safe(escape(prefix) + body + escape(suffix))  # noqa: S308 - every piece is escaped

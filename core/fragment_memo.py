"""Card fragments rendered once per process for each distinct set of values (docs/performance.md).

A list page renders 12–24 cards through the template language, and most visitors see the same
cards. `render_fragment(template_name, values)` renders the template from `values` alone — a
plain dict of strings, numbers, dates, tuples and dicts of them, no model, no request, no context
processor — so its output is a pure function of the template, the active language and those
values. The key is
exactly that: the template's name and a hash of its source, the language, and the values
themselves (compared for equality, not only by hash). A changed title, like count or status is a
different key, so no entry ever needs purging; entries that are no longer asked for fall out of
the bounded LRU. A deploy starts new processes with an empty memo, and the source hash keeps a
template edited in development (no cached loader) from answering with its old output.

`FRAGMENT_MEMO_ENTRIES` (setting) bounds the entries per process; 0 renders every call.
"""

import hashlib
import threading
from collections import OrderedDict

from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

DEFAULT_ENTRIES = 5_000

_memo = OrderedDict()
_lock = threading.Lock()
_stats = {"hits": 0, "misses": 0}


def _identity(template):
    """(name, hash of the source) of a loaded template, computed once per template object: the
    cached loader keeps one object per process, the development loader a new one per edit."""
    inner = template.template
    identity = getattr(inner, "_fragment_memo_identity", None)
    if identity is None:
        digest = hashlib.sha256(inner.source.encode()).hexdigest()[:16]
        identity = (inner.origin.name if inner.origin else template.origin.name, digest)
        inner._fragment_memo_identity = identity
    return identity


def _frozen(value):
    """`value` as a hashable key part: dicts and lists (the site identity's values) as tuples."""
    if isinstance(value, dict):
        return tuple(sorted((name, _frozen(item)) for name, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value


def _limit():
    return getattr(settings, "FRAGMENT_MEMO_ENTRIES", DEFAULT_ENTRIES)


def render_fragment(template_name, values):
    """The template rendered from `values` (strings, numbers, dates, None, and tuples, lists or
    dicts of them), from the memo when the same template, language and values were rendered
    before in this process."""
    template = get_template(template_name)
    limit = _limit()
    if limit <= 0:
        return mark_safe(template.render(values))  # noqa: S308 - Django's autoescaped output
    key = (_identity(template), get_language(), _frozen(values))
    with _lock:
        html = _memo.get(key)
        if html is not None:
            _memo.move_to_end(key)
            _stats["hits"] += 1
            return html
    html = mark_safe(template.render(values))  # noqa: S308 - Django's autoescaped output
    with _lock:
        _stats["misses"] += 1
        _memo[key] = html
        while len(_memo) > limit:
            _memo.popitem(last=False)
    return html


def clear():
    """Empty the memo (tests; nothing in the site needs it: a changed value is a new key)."""
    with _lock:
        _memo.clear()
        _stats.update(hits=0, misses=0)


def stats():
    """{"hits", "misses", "entries"} of this process, for tests and benchmarks."""
    with _lock:
        return {**_stats, "entries": len(_memo)}

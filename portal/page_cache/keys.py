"""What makes two requests the same page: address, language and display preferences.

The key never contains a cookie's raw value: each preference is read through the same checks the
templates use, so a visitor can only ever land on one of 2 × 2 × 3 rendered variants of a page,
and a forged or random cookie cannot fill the cache."""

import hashlib
import re
from urllib.parse import urlencode

from portal.middleware import visitor_language
from portal.preferences import read_preferences

# Tracking parameters that share sites and messengers add to links (WeChat adds `from` and
# `isappinstalled` to every shared article): the page is the same, so the key leaves them out.
IGNORED_QUERY_PARAMETERS = re.compile(r"^(utm_\w+|from|isappinstalled|scene|clicktime|enterid|fbclid|gclid|spm)$")

# More parameters than any listing's filters use: such an address is not a page anyone links to.
MAX_QUERY_PARAMETERS = 6


def normalised_query(request):
    """The query string in a fixed order without tracking parameters, or None when it is not worth keeping."""
    pairs = sorted(
        (name, value)
        for name, values in request.GET.lists()
        for value in values
        if not IGNORED_QUERY_PARAMETERS.match(name)
    )
    if len(pairs) > MAX_QUERY_PARAMETERS:
        return None
    return urlencode(pairs)


def page_key(request, generation):
    query = normalised_query(request)
    if query is None:
        return None
    preferences = read_preferences(request)
    parts = [
        str(generation),
        request.get_host(),
        request.path,
        query,
        visitor_language(request),
        "elder" if preferences["elder_mode"] else "-",
        preferences["font_size"],
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{digest}"

"""Pages outside any private section, in the listing's own query.

Wagtail's `PageQuerySet.public()` first reads every view restriction (one query each time it is
called) and then filters by their paths; a listing that calls it costs one query more per render.
`public()` here asks the same question inside the listing's query: no view restriction on the
page itself or on any of its ancestors (a restriction covers its page's whole subtree, as in
Wagtail). Only for querysets the database evaluates: a search backend that translates filters
(Elasticsearch) gets Wagtail's own `public()`.

That subquery was an eighth to a sixth of a list page's CPU: Django resolves and compiles it
again in every query that filters with it (3–5 per list). The restricted sections change only
when a view restriction is saved or a page moves, which moves the site structure's generation:
during a request the portal hands the restricted pages' paths from its per-process snapshot
(`portal/site_structure.py`, `use_restricted_paths`), and the filter becomes a plain path
prefix test per restricted section — none at all on a site without private sections. Outside
a request, inside a transaction or with the snapshot off, the subquery answers as before."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction

#: A callable answering the restricted pages' paths (a tuple) when they are known for certain, or
#: None; set by the portal (`use_restricted_paths`), since the snapshot lives above this layer.
_restricted_paths = None


def use_restricted_paths(source):
    global _restricted_paths
    _restricted_paths = source


def restricted_shape():
    """What `public()` writes into a query's SQL just now: the restricted paths it filters by, or
    None for the subquery. A query compiled once (core/compiled_queries.py) keys on it."""
    return _restricted_paths() if _restricted_paths is not None else None


def public(queryset):
    paths = restricted_shape()
    if paths is not None:
        # A restriction covers its page's whole subtree: the page's path is a prefix of theirs.
        if not paths:
            return queryset
        under_restriction = Q()
        for path in paths:
            under_restriction |= Q(path__startswith=path)
        return queryset.exclude(under_restriction)
    restricted = PageViewRestriction.objects.alias(prefix_length=Length("page__path")).filter(
        page__path=Substr(OuterRef("path"), 1, "prefix_length")
    )
    return queryset.filter(~Exists(restricted))


# The columns of a page that a link to it needs (`{% pageurl %}`, `{% page_href %}`: its address
# within the site). Lists read these with `.only()` plus what their cards show, instead of every
# column of the page and of its bureau's page.
LINKED_PAGE_FIELDS = ("title", "slug", "url_path", "path", "depth", "locale_id", "content_type_id", "live")

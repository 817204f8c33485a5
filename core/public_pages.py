"""Pages outside any private section, in the listing's own query.

Wagtail's `PageQuerySet.public()` first reads every view restriction (one query each time it is
called) and then filters by their paths; a listing that calls it costs one query more per render.
`public()` here asks the same question inside the listing's query: no view restriction on the
page itself or on any of its ancestors (a restriction covers its page's whole subtree, as in
Wagtail). Only for querysets the database evaluates: a search backend that translates filters
(Elasticsearch) gets Wagtail's own `public()`."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def public(queryset):
    restricted = PageViewRestriction.objects.alias(prefix_length=Length("page__path")).filter(
        page__path=Substr(OuterRef("path"), 1, "prefix_length")
    )
    return queryset.filter(~Exists(restricted))


# The columns of a page that a link to it needs (`{% pageurl %}`, `{% page_href %}`: its address
# within the site). Lists read these with `.only()` plus what their cards show, instead of every
# column of the page and of its bureau's page.
LINKED_PAGE_FIELDS = ("title", "slug", "url_path", "path", "depth", "locale_id", "content_type_id", "live")

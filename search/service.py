"""One search of the public site: hits in order, facet counts, one page of results.

The database path asks the index for the ids of the best MAX_HITS matches (one query, page_hits.py),
reads their facet data per content type (facets.rows_for), filters and counts in Python and
loads only the pages shown. With SEARCH_BACKEND=elasticsearch the portal index answers the
same question with aggregations (search/es/portal_index.py); when the cluster is unreachable
the database answers and the page says so."""

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.chinese import query_terms
from search import facets, page_hits
from search.es import portal_index
from search.outcome import Outcome

logger = logging.getLogger(__name__)

MAX_HITS = 200
PER_PAGE = 10
SORTS = ("relevance", "date")


def database_hits(terms, operator="and", limit=None):
    """[(page id, content type id[, date])] of live public pages, best first (limit + 1 of them,
    so the caller can tell that more matched)."""
    limit = MAX_HITS if limit is None else limit
    hits = page_hits.best_public_pages(terms.split(), operator, limit + 1)
    if hits is not None:
        return hits
    backend = get_search_backend("database")
    results = backend.search(terms, Page.objects.live().public(), operator=operator)
    queryset = results.get_queryset() if hasattr(results, "get_queryset") else None
    if queryset is None:  # the plain-LIKE fallback backend (SQLite without FTS5)
        return [(p.pk, p.content_type_id) for p in results[:limit]]
    return list(queryset.values_list("pk", "content_type_id")[: limit + 1])


def _database(query, selected, sort):
    outcome = Outcome()
    terms = " ".join(query_terms(query))
    hits = database_hits(terms)
    if not hits and len(terms.split()) > 1:
        hits = database_hits(terms, operator="or")
        outcome.relaxed = bool(hits)
    outcome.capped = len(hits) > MAX_HITS
    hits = hits[:MAX_HITS]
    rows = facets.rows_for(hits)
    outcome.total_matches = len(rows)
    outcome.counts = facets.count_facets(rows, selected)
    outcome.rows = facets.filter_rows(rows, selected)
    if sort == "date":
        outcome.rows.sort(key=lambda r: (r.date is not None, r.date), reverse=True)
    return outcome


def run(query, selected, sort="relevance"):
    if getattr(settings, "SEARCH_BACKEND", "database") == "elasticsearch":
        try:
            outcome = portal_index.search(query, selected, sort, limit=MAX_HITS)
        except Exception:
            logger.warning("Elasticsearch unavailable; the search page answered from the database", exc_info=True)
            outcome = _database(query, selected, sort)
            outcome.fell_back = True
    else:
        outcome = _database(query, selected, sort)
    outcome.labels = facets.labels(outcome.counts)
    return outcome


def page_of_results(outcome, number):
    """The requested page of results, with the specific pages loaded (one query per type)."""
    paginator = Paginator(outcome.rows, PER_PAGE)
    page = paginator.get_page(number)
    by_type = defaultdict(list)
    for row in page.object_list:
        by_type[row.content_type_id].append(row.pk)
    pages = {}
    # The rows already know each hit's type: the specific pages are read directly, without
    # Page.specific()'s first query for the base rows.
    for ct_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is not None:
            pages.update((p.pk, p) for p in model._default_manager.filter(pk__in=ids))
    page.object_list = [(row, pages[row.pk]) for row in page.object_list if row.pk in pages]
    return page

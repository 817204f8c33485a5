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

from core.chinese import NO_SYNONYMS, phonetic_groups, query_groups
from core.compiled_queries import CompiledQuery
from search import facets, page_hits
from search.es import portal_index
from search.outcome import Outcome

logger = logging.getLogger(__name__)

MAX_HITS = 200
PER_PAGE = 10
SORTS = ("relevance", "date")


# The exact words finding fewer pages than this: the query is also read by its sound (a typo of
# the same sound, 垃圾分累 for 垃圾分类), and those pages follow.
FEW_RESULTS = 3


def database_hits(groups, operator="and", limit=None):
    """[(page id, content type id[, date])] of live public pages, best first (limit + 1 of them,
    so the caller can tell that more matched). `groups`: core.chinese.query_groups, or words."""
    limit = MAX_HITS if limit is None else limit
    groups = page_hits.as_groups(groups.split() if isinstance(groups, str) else groups)
    hits = page_hits.best_public_pages(groups, operator, limit + 1)
    if hits is not None:
        return hits
    # A database page_hits does not know: Wagtail's own search, on each group's first reading.
    terms = " ".join(word for group in groups for word in group[0])
    backend = get_search_backend("database")
    results = backend.search(terms, Page.objects.live().public(), operator=operator)
    queryset = results.get_queryset() if hasattr(results, "get_queryset") else None
    if queryset is None:  # the plain-LIKE fallback backend (SQLite without FTS5)
        return [(p.pk, p.content_type_id) for p in results[:limit]]
    return list(queryset.values_list("pk", "content_type_id")[: limit + 1])


def _sounding_hits(query, groups, hits, thesaurus, outcome):
    """Pages found by the query's sound, after the exact ones, and the respelt query to suggest."""
    phonetic, respelt = phonetic_groups(query, thesaurus)
    if not phonetic or phonetic == groups:
        return hits
    seen = {hit[0] for hit in hits}
    more = [hit for hit in database_hits(phonetic) if hit[0] not in seen]
    if more:
        outcome.suggestion = respelt
    return hits + more


def _database(query, selected, sort, thesaurus=NO_SYNONYMS):
    outcome = Outcome()
    groups = query_groups(query, thesaurus)
    hits = database_hits(groups)
    if len(hits) < FEW_RESULTS:
        hits = _sounding_hits(query, groups, hits, thesaurus, outcome)
    if not hits and len(groups) > 1:
        hits = database_hits(groups, operator="or")
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


def run(query, selected, sort="relevance", thesaurus=NO_SYNONYMS):
    """One search; `thesaurus` holds the editors' synonyms (search.vocabulary.thesaurus())."""
    if getattr(settings, "SEARCH_BACKEND", "database") == "elasticsearch":
        try:
            outcome = portal_index.search(query, selected, sort, limit=MAX_HITS, thesaurus=thesaurus)
        except Exception:
            logger.warning("Elasticsearch unavailable; the search page answered from the database", exc_info=True)
            outcome = _database(query, selected, sort, thesaurus)
            outcome.fell_back = True
    else:
        outcome = _database(query, selected, sort, thesaurus)
    outcome.labels = facets.labels(outcome.counts)
    return outcome


# One query per type on a page of results, compiled once per type and number of its hits there
# (at most PER_PAGE): the ids travel as parameters, page ids no page has stand for them.
_PAGES_OF_TYPE = CompiledQuery(
    lambda shape, *ids: shape[0]._default_manager.filter(pk__in=ids),
    lambda shape: tuple(range(-9_876_100, -9_876_100 - shape[1], -1)),
    max_shapes=256,
)


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
            pages.update((p.pk, p) for p in _PAGES_OF_TYPE.fetch(*ids, shape=(model, len(ids))))
    page.object_list = [(row, pages[row.pk]) for row in page.object_list if row.pk in pages]
    return page

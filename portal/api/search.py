"""/api/v1/search/?q=…: the site search (search/service.py) as JSON.

The same search as /search/: jieba-segmented Chinese on the database backends (or Elasticsearch,
falling back to the database), only live public pages, the same facets (`type`, `bureau`,
`district`, `year`, `tag`) and sorts (`sort=date`). Results are paged by `limit`/`offset` over
the search's best `MAX_HITS` hits; the pages of a result page are read one query per content
type, never one per hit. Snippets are plain text; `terms` are the words to mark in them."""

import html
import logging
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.chinese import highlight_terms
from core.database_errors import is_database_unavailable
from portal.api import fields as f
from portal.api.detail import DETAILS
from portal.api.http import bad_request, endpoint, error, json_response
from portal.sharing.links import page_path
from search import facets, service, vocabulary
from search.query import backend_query, clean_query, too_long
from search.snippets import plain_text, snippet

logger = logging.getLogger(__name__)


def _selected(request):
    return {name: request.GET.get(name, "").strip()[:40] for name in facets.FACETS}


def _pages(rows):
    """{pk: specific page} of `rows`, one query per content type."""
    by_type = defaultdict(list)
    for row in rows:
        by_type[row.content_type_id].append(row.pk)
    pages = {}
    for ct_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is not None:
            pages.update((p.pk, p) for p in model._default_manager.filter(pk__in=ids))
    return pages


def _facets(outcome, selected):
    result = {}
    for name in facets.FACETS:
        labels = outcome.labels.get(name, {})
        counter = outcome.counts.get(name, {})
        order = sorted(counter.items(), key=lambda kv: (-int(kv[0]) if name == "year" else -kv[1], kv[0]))
        result[name] = [
            {
                "value": value,
                "label": str(labels.get(value, value)),
                "count": count,
                "selected": selected[name] == value,
            }
            for value, count in order
        ]
    return result


def _result(row, page, terms, request):
    text = html.unescape(strip_tags(snippet(plain_text(page), terms)))
    item = {
        "id": page.pk,
        "title": page.title,
        "type": str(page._meta.verbose_name),
        "snippet": text,
        "date": row.date,
        "html_url": f.absolute(page_path(page, request)),
        "detail_url": f.api_url(f"pages/{page.pk}/") if type(page) in DETAILS else None,
    }
    return item


@endpoint()
def search(request):
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    terms = backend_query(query)
    if not terms:
        return bad_request(_("Give the words to search for in the q parameter."))
    sort = request.GET.get("sort") if request.GET.get("sort") in service.SORTS else "relevance"
    selected = _selected(request)
    try:
        outcome = service.run(terms, selected, sort, vocabulary.thesaurus())  # the editors' synonyms too
        limit, offset = f.limit_and_offset(request.GET)
        rows = outcome.rows[offset : offset + limit]
        pages = _pages(rows)
    except Exception as exc:  # a search failure is a 503 of this endpoint, never a 500
        if is_database_unavailable(exc):
            raise  # the whole site is down, not search: the busy 503 (portal/database_busy.py)
        logger.exception("API search failed for %r", query)
        return error(503, "search_unavailable", _("Search is unavailable at the moment. Please try again later."))
    marks = highlight_terms(query)
    total = len(outcome.rows)
    params = {"q": query, "sort": sort if sort != "relevance" else None, **selected}
    return json_response(
        {
            "meta": {
                "total_count": total,
                "limit": limit,
                "offset": offset,
                "query": query,
                "query_too_long": too_long(raw),
                "terms": marks,
                "sort": sort,
                "capped": outcome.capped,
                "relaxed": outcome.relaxed,
                "next": f.api_url("search/", **params, limit=limit, offset=offset + limit)
                if offset + limit < total
                else None,
            },
            "items": [_result(row, pages[row.pk], marks, request) for row in rows if row.pk in pages],
            "facets": _facets(outcome, selected),
        }
    )

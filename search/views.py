import logging
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Page

from .query import backend_query, clean_query

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = None
    failed = False
    terms = backend_query(query)
    if terms:
        try:
            hits = Page.objects.live().public().specific().search(terms)
            paginator = Paginator(hits, RESULTS_PER_PAGE)
            try:
                results = paginator.page(request.GET.get("page", 1))
            except PageNotAnInteger:
                results = paginator.page(1)
            except EmptyPage:
                results = paginator.page(paginator.num_pages)
        except Exception:  # a search backend outage must degrade the page, never raise a 500
            logger.exception("Search failed for %r", query)
            failed = True
    context = {
        "query": query,
        "has_terms": bool(terms),
        "results": results,
        "search_failed": failed,
        "page_params": urlencode({"q": query}),
    }
    return render(request, "search/search.html", context)

import logging

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Page

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 100


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    failed = False
    if query:
        try:
            hits = Page.objects.live().public().specific().search(query)
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
    return render(request, "search/search.html", {"query": query, "results": results, "search_failed": failed})

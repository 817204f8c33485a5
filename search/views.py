import logging
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from bureaus.section_urls import section_url
from core import ratelimit
from core.chinese import query_groups, query_terms, to_simplified
from core.database_errors import is_database_unavailable
from core.visitor import client_address
from search import facets, page_hits, picks, query_log, service, vocabulary
from search.query import backend_query, clean_query, too_long
from search.snippets import highlight, plain_text, snippet

logger = logging.getLogger(__name__)

# Shown when the box is empty or nothing matched: what citizens most often look for.
POPULAR_QUERIES = ["文明交通", "好人榜", "曝光台", "志愿服务", "公益广告", "文明礼仪", "垃圾分类", "创建任务"]
SUGGEST_LIMIT = ratelimit.Limit("search-suggest", limit=120, window=60)
SUGGESTIONS = 8
# The content type too: a content page's address is its section's (bureaus/section_urls.py).
SUGGESTION_FIELDS = ("id", "title", "url_path", "path", "depth", "content_type_id")
#: The tree root is depth 1 and a site's home page depth 2: neither is a suggestion.
SITE_ROOT_DEPTH = 2


def _selected(request):
    return {name: request.GET.get(name, "").strip()[:40] for name in facets.FACETS}


def _facet_groups(outcome, selected, base_params):
    titles = {
        "type": _("Type"),
        "bureau": _("Bureau"),
        "district": _("District"),
        "year": _("Year"),
        "tag": _("Tag"),
    }
    groups = []
    for name in facets.FACETS:
        counter = outcome.counts.get(name, {})
        if not counter:
            continue
        names = outcome.labels.get(name, {})
        order = sorted(counter.items(), key=lambda kv: (-int(kv[0]) if name == "year" else -kv[1], kv[0]))
        values = []
        for value, count in order:
            params = {**base_params, **{k: v for k, v in selected.items() if v}, name: value}
            is_selected = selected.get(name) == value
            if is_selected:
                params.pop(name)
            values.append(
                {
                    "value": value,
                    "label": names.get(value, value),
                    "count": count,
                    "selected": is_selected,
                    "url": "?" + urlencode(params),
                }
            )
        groups.append({"name": name, "title": titles[name], "values": values})
    return groups


def _highlight_terms(query, thesaurus):
    """The query's words and, for a synonym, every term of its set whole (占道经营, not 占 道 经营);
    pinyin has nothing to mark."""
    text = to_simplified(query).lower()
    terms = [t for piece, is_term in thesaurus.spans(text) if is_term for t in (piece, *thesaurus.terms[piece])]
    words = [w for group in query_groups(query, thesaurus) if len(group) == 1 for w in group[0]]
    return [w for w in dict.fromkeys([*terms, *words]) if not w.isascii() or len(w) > 1]


def _present(page_obj, query, thesaurus):
    terms = _highlight_terms(query, thesaurus)
    results = []
    for row, page in page_obj.object_list:
        results.append(
            {
                "url": page.get_url(),
                "title": highlight(page.title, terms),
                "snippet": snippet(plain_text(page), terms),
                "type": page._meta.verbose_name,
                "date": row.date,
                "bureau_ids": [str(b) for b in row.bureaus],
            }
        )
    return results


@require_GET
def search(request):
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    terms = backend_query(query)
    sort = request.GET.get("sort") if request.GET.get("sort") in service.SORTS else "relevance"
    selected = _selected(request)
    context = {
        "query": query,
        "too_long": too_long(raw),
        "max_length": 100,
        "has_terms": bool(terms),
        "sort": sort,
        "popular_queries": POPULAR_QUERIES,
        "search_failed": False,
    }
    logged = None
    if terms:
        try:
            thesaurus = vocabulary.thesaurus()
            context["picks"] = picks.for_query(query, request)
            outcome = service.run(terms, selected, sort, thesaurus)
            page_obj = service.page_of_results(outcome, request.GET.get("page", 1))
        except Exception as exc:  # a search failure must degrade the page, never raise a 500
            if is_database_unavailable(exc):
                raise  # the whole site is down, not search: the busy 503 (portal/database_busy.py)
            logger.exception("Search failed for %r", query)
            context["search_failed"] = True
        else:
            base = {"q": query} | ({"sort": sort} if sort != "relevance" else {})
            bureaus = outcome.labels.get("bureau", {})
            results = _present(page_obj, query, thesaurus)
            if query_log.loggable(request.GET):
                # "Some of the words" answers are not what was asked for: logged as nothing found.
                logged = (query, 0 if outcome.relaxed else outcome.total_matches)
                query_log.record(*logged)
            for result in results:
                result["bureaus"] = [bureaus[b] for b in result.pop("bureau_ids") if b in bureaus]
            active = {k: v for k, v in selected.items() if v}
            context.update(
                outcome=outcome,
                results=page_obj,
                result_items=results,
                facet_groups=_facet_groups(outcome, selected, base),
                page_params=urlencode(base | active),
                relevance_url="?" + urlencode({"q": query} | active),
                date_url="?" + urlencode({"q": query, "sort": "date"} | active),
                clear_url="?" + urlencode(base),
                has_filters=bool(active),
                suggestion_url="?" + urlencode({"q": outcome.suggestion}) if outcome.suggestion else "",
            )
    response = render(request, "search/search.html", context)
    # The page cache (portal/page_cache) counts the search again each time it serves this page.
    response.search_log = logged
    return response


def legacy_search(request):
    """/sousuo/ was the search page's first address: links and bookmarks keep working."""
    target = "/search/"
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return redirect(target, permanent=True)


@require_GET
def suggest(request):
    """Titles for the search box's suggestions, as JSON. Cheap: one bounded query, 8 titles."""
    query = backend_query(clean_query(request.GET.get("q", "")))
    verdict = ratelimit.hit(SUGGEST_LIMIT, client_address(request), fail_open=True)
    if not verdict.allowed:
        response = JsonResponse({"query": query, "suggestions": [], "error": _("Too many requests.")}, status=429)
        response["Retry-After"] = str(verdict.retry_after)
        return response
    suggestions = []
    terms = query_terms(query)
    if terms and len(query) <= 100:
        try:
            # One more than shown: the home page may be among them and is left out (a suggestion
            # of the site itself leads nowhere).
            ids = page_hits.suggested_pages(terms, SUGGESTIONS + 1)
            if ids is None:  # a database page_hits does not know: Wagtail's own autocomplete
                backend = get_search_backend("database")
                pages = list(backend.autocomplete(query, Page.objects.live().public().only(*SUGGESTION_FIELDS)))
            else:
                found = {p.pk: p for p in Page.objects.filter(pk__in=ids).only(*SUGGESTION_FIELDS)}
                pages = [found[pk] for pk in ids if pk in found]
            pages = [page for page in pages if page.depth > SITE_ROOT_DEPTH]
            for page in pages[:SUGGESTIONS]:
                suggestions.append({"title": page.title, "url": section_url(page, page.get_url(request))})
        except Exception as exc:
            if is_database_unavailable(exc):
                # The site-wide busy 503 (portal/database_busy.py), not an empty list cached a minute.
                raise
            logger.warning("Search suggestions failed for %r", query, exc_info=True)
    response = JsonResponse({"query": query, "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=60"
    return response

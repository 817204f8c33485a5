"""Editors' picks (Wagtail's search promotions) for the query on /search/.

Only queries that have picks cost a database query: the promoted queries are part of the cached
vocabulary (search/vocabulary.py). A picked page that is no longer live and public is not shown."""

from django.db.models import Q
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from bureaus.section_urls import section_url
from search import vocabulary


def for_query(query, request):
    """[{"title", "url", "description"}] in the editors' order."""
    if not vocabulary.is_promoted(query):
        return []
    key = vocabulary.promotion_key(query)
    public = Page.objects.live().public()
    promotions = (
        SearchPromotion.objects.filter(query__query_string=key)
        .filter(Q(page__isnull=True) | Q(page__in=public))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    picks = []
    for promotion in promotions:
        if promotion.page_id:
            url = section_url(promotion.page, promotion.page.get_url(request))
        else:
            url = promotion.external_link_url
        picks.append({"title": promotion.title, "url": url, "description": promotion.description})
    return picks

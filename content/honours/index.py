"""The public 荣誉榜 at /rongyu/: every imported honour roll, filtered by kind, year and level and
searched by name, in a fixed number of queries whatever the number of entries."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from content.honours.models import HonourKind, HonourLevel, HonourRollEntry
from core.listing_filters import YEARS, ListingFilters
from core.page_form import ReviewedPageForm
from core.safety.model_check import ContentSafetyMixin

PAGE_SIZE = 50
QUERY_MAX = 50


class HonourRollIndexPage(ContentSafetyMixin, Page):
    base_form_class = ReviewedPageForm

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        app_label = "content"
        verbose_name = _("honour roll index")

    def get_template(self, request, *args, **kwargs):
        return "content/honours/index.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(honour_listing(request.GET))
        return context


def honour_listing(params):
    filters = ListingFilters(params)
    kind = filters.choice("leixing", HonourKind)
    level = filters.choice("jibie", HonourLevel)
    year = filters.year("nian", YEARS)
    query = params.get("q", "").strip()[:QUERY_MAX]
    entries = HonourRollEntry.objects.select_related("district").only(
        "kind", "level", "year", "name", "note", "district__name"
    )
    if kind:
        entries = entries.filter(kind=kind)
    if level:
        entries = entries.filter(level=level)
    if year:
        entries = entries.filter(year=year)
    if query:
        filters.active["q"] = query
        entries = entries.filter(name__icontains=query)
    page = Paginator(entries.order_by("-year", "kind", "level", "name", "pk"), PAGE_SIZE).get_page(filters.page_number)
    return {
        "entries": page,
        "kinds": HonourKind.choices,
        "levels": HonourLevel.choices,
        "years": list(HonourRollEntry.objects.order_by("-year").values_list("year", flat=True).distinct()),
        "selected": {"leixing": kind or "", "jibie": level or "", "nian": year or "", "q": query},
        "filter_query": filters.query(),
        "filtered": bool(filters.active),
    }

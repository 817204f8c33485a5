"""The 好人榜 (/haoren/): live exemplars across all bureaus, newest year and quarter first,
filtered by level, category, district and year, paginated, at a bounded number of queries.

The card query (`exemplar_cards`) is shared with the 9·20 campaign page and the detail page's
"more in this category": it joins the bureau, district and like tally, and prefetches only the
photos that may be shown with their public renditions."""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import F

from bureaus.models.districts import District
from content.exemplars.models import (
    ExemplarCategory,
    ExemplarPage,
    HonourLevel,
    MoralDayCampaignPage,
    attach_shown_photos,
    exemplar_cards,
)
from core.compiled_queries import CompiledListing, CompiledQuery, ListFilters, total_count
from core.listing_filters import YEARS, ListingFilters
from core.public_pages import LINKED_PAGE_FIELDS, public, restricted_shape

PAGE_SIZE = 24


def _ordered(queryset):
    # Within a year, yearly honours (no quarter) come first, then the quarters newest first.
    return queryset.order_by("-year", F("quarter").desc(nulls_first=True), "honour_level", "category", "pk")


_NEWEST = CompiledQuery(
    lambda shape: (
        public(ExemplarPage.objects.live())
        .only(*LINKED_PAGE_FIELDS, "person_name", "honour_level", "category")
        .order_by("-first_published_at", "-pk")[: shape[0]]
    ),
    (),
)


def newest_exemplars(count):
    """The exemplars most recently put on the 好人榜, as the home page's faces show them: name,
    honour, category and the photos that may be shown (three queries, the first compiled once;
    no bureau, district or like tally, which a face does not show)."""
    return attach_shown_photos(_NEWEST.fetch(shape=(count, restricted_shape())))


def group_by_period(exemplars):
    """[{year, quarters: [{quarter, exemplars}]}] in the order given (already sorted)."""
    years = []
    for year, in_year in groupby(exemplars, key=lambda e: e.year):
        quarters = [
            {"quarter": quarter, "exemplars": list(items)}
            for quarter, items in groupby(in_year, key=lambda e: e.quarter)
        ]
        years.append({"year": year, "quarters": quarters})
    return years


#: The board's filters (core/compiled_queries.py, ListFilters): a sample standing for each value
#: when compiling (a value no exemplar has, so its place among the parameters is unambiguous).
BOARD_FILTERS = ListFilters(
    ("honour_level", "\x00level", lambda exemplars, level: exemplars.filter(honour_level=level)),
    ("category", "\x00category", lambda exemplars, category: exemplars.filter(category=category)),
    ("district", -9_876_001, lambda exemplars, pk: exemplars.filter(district_id=pk)),
    # Within a PositiveSmallIntegerField: Django answers an out-of-range lookup as empty.
    ("year", 32_002, lambda exemplars, year: exemplars.filter(year=year)),
)


def _board_queryset(filter_names, values):
    return BOARD_FILTERS.narrowed(public(ExemplarPage.objects.live()), filter_names, values)


def _board_page(shape, *values):
    (filter_names, _paths), start, stop = shape
    return _ordered(exemplar_cards(_board_queryset(filter_names, values), photos=False))[start:stop]


def _board_total(shape, *values):
    filter_names, _paths = shape
    return total_count(_board_queryset(filter_names, values))


_BOARD_PAGE = CompiledQuery(_board_page, lambda shape: BOARD_FILTERS.samples(shape[0][0]))
_BOARD_TOTAL = CompiledQuery(_board_total, lambda shape: BOARD_FILTERS.samples(shape[0]))


# The filters' choices and the latest 9·20 pages, compiled once per set of private sections.
_DISTRICTS = CompiledQuery(
    lambda _shape: District.objects.filter(pk__in=public(ExemplarPage.objects.live()).values("district_id")).only(
        "id", "name", "slug"
    ),
    (),
)
_YEARS = CompiledQuery(
    lambda _shape: public(ExemplarPage.objects.live()).order_by("-year").values_list("year", flat=True).distinct(), ()
)
_CAMPAIGNS = CompiledQuery(
    lambda _shape: public(MoralDayCampaignPage.objects.live()).only(*LINKED_PAGE_FIELDS, "year").order_by("-year")[:2],
    (),
)


def exemplar_board(index_page, request):
    filters = ListingFilters(request.GET)
    paths = restricted_shape()

    chosen = {}
    level = filters.choice("jibie", HonourLevel)
    if level:
        chosen["honour_level"] = (str(level),)
    category = filters.choice("leibie", ExemplarCategory)
    if category:
        chosen["category"] = (str(category),)
    districts = _DISTRICTS.fetch(shape=paths)
    district = filters.by_slug("diqu", districts, label=lambda district: district.name)
    if district is not None:
        chosen["district"] = (district.pk,)
    year = filters.year("nian", YEARS)
    if year:
        chosen["year"] = (year,)
    # The cards' query and count are compiled once per combination of active filters (and of
    # private sections): the filters' values travel as parameters (core/compiled_queries.py).
    chosen = BOARD_FILTERS.in_order(chosen)
    listing = CompiledListing(
        _BOARD_PAGE,
        _BOARD_TOTAL,
        BOARD_FILTERS.arguments(chosen),
        (tuple(chosen), paths),
        prefetch=(attach_shown_photos,),
    )
    paginator = Paginator(listing, PAGE_SIZE)
    page = paginator.get_page(filters.page_number)
    return {
        "exemplars_page": page,
        "periods": group_by_period(page.object_list),
        "levels": HonourLevel.choices,
        "categories": ExemplarCategory.choices,
        "filter_districts": districts,
        "years": _YEARS.fetch(shape=paths),
        "active_filters": filters.active,
        "filter_query": filters.query(),
        "campaigns": _CAMPAIGNS.fetch(shape=paths),
    }

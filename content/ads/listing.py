"""The /gongyi/ listing: works across all bureaus, filtered by theme, medium, year, carrier and
bureau, paginated, with a bounded number of queries whatever the page size."""

import datetime

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.db.models.functions import ExtractYear
from wagtail.images.models import Rendition

from bureaus.models.bureaus import BureauPage
from content.ads.models.placements import AdPlacement
from content.ads.models.works import AdArtwork, AdCarrier, AdMedium, AdTheme, PublicServiceAdPage
from core.compiled_queries import CompiledListing, CompiledQuery, CompiledRelated, ListFilters, total_count
from core.listing_filters import YEARS, ListingFilters
from core.public_pages import LINKED_PAGE_FIELDS, public, restricted_shape
from core.renditions import attach_renditions

PAGE_SIZE = 12

# What a work's card shows (templates/content/public_service_ad_index_page.html) and what
# `{% pageurl %}` needs: the rest of the work and of its bureau's page is not read.
CARD_FIELDS = (
    *LINKED_PAGE_FIELDS,
    "first_published_at",
    "medium",
    "valid_from",
    "valid_to",
    "theme__name",
    *(f"bureau__{name}" for name in LINKED_PAGE_FIELDS),
)


def _in_year(works, first_day, last_day):
    # Shown in a year: valid from before its end and not ended before its start (the days of the
    # year as two arguments, so the query compiles once for every year).
    return works.filter(valid_from__lte=last_day).exclude(valid_to__lt=first_day)


def _on_carrier(works, carrier_id):
    # A subquery rather than a join: a work on two placements of a carrier is one work.
    return works.filter(pk__in=AdPlacement.objects.filter(carrier_id=carrier_id).values("work_id"))


#: The list's filters (core/compiled_queries.py, ListFilters): a sample standing for each value
#: when compiling, and how the filter narrows the works.
AD_FILTERS = ListFilters(
    ("theme", -9_876_021, lambda works, pk: works.filter(theme_id=pk)),
    ("medium", "\x00medium", lambda works, medium: works.filter(medium=medium)),
    ("year", (datetime.date(1901, 1, 2), datetime.date(1901, 12, 30)), _in_year),
    ("carrier", -9_876_022, _on_carrier),
    ("bureau", -9_876_023, lambda works, pk: works.filter(bureau_id=pk)),
)


def _live():
    return public(PublicServiceAdPage.objects.live())


def _card_page(shape, *values):
    (names, _paths), start, stop = shape
    works = AD_FILTERS.narrowed(_live(), names, values).select_related("theme", "bureau").only(*CARD_FIELDS)
    return works.order_by("-first_published_at", "-id")[start:stop]


_CARD_PAGE = CompiledQuery(_card_page, lambda shape: AD_FILTERS.samples(shape[0][0]))
_CARD_TOTAL = CompiledQuery(
    lambda shape, *values: total_count(AD_FILTERS.narrowed(_live(), shape[0], values)),
    lambda shape: AD_FILTERS.samples(shape[0]),
)
_THEMES = CompiledQuery(lambda _shape: AdTheme.objects.all(), ())
_CARRIERS = CompiledQuery(lambda _shape: AdCarrier.objects.all(), ())
# Only bureaus and years that public works have.
_BUREAUS = CompiledQuery(
    lambda _shape: (
        BureauPage.objects.filter(pk__in=_live().values("bureau_id")).order_by("path").only("id", "title", "slug")
    ),
    (),
)
_YEARS = CompiledQuery(
    lambda _shape: _live().order_by().values_list(ExtractYear("valid_from"), flat=True).distinct(), ()
)


def _chosen_filters(request):
    """The visitor's filters read against their choices: (filters, {name: (values…)} in
    AD_FILTERS' order, choices)."""
    filters = ListingFilters(request.GET)
    paths = restricted_shape()
    themes, carriers = _THEMES.fetch(), _CARRIERS.fetch()
    bureaus = _BUREAUS.fetch(shape=paths)
    years = sorted({year for year in _YEARS.fetch(shape=paths) if year is not None}, reverse=True)

    chosen = {}
    theme = filters.by_slug("zhuti", themes, label=lambda theme: theme.name)
    if theme:
        chosen["theme"] = (theme.pk,)
    medium = filters.choice("meiti", AdMedium)
    if medium:
        chosen["medium"] = (str(medium),)
    year = filters.year("nian", YEARS)
    if year:
        chosen["year"] = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    carrier = filters.by_slug("zaiti", carriers, label=lambda carrier: carrier.name)
    if carrier:
        chosen["carrier"] = (carrier.pk,)
    bureau = filters.by_slug("danwei", bureaus, label=lambda bureau: bureau.title)
    if bureau:
        chosen["bureau"] = (bureau.pk,)
    chosen = AD_FILTERS.in_order(chosen)
    choices = {"themes": themes, "carriers": carriers, "bureaus": bureaus, "years": years}
    return filters, chosen, choices


def filtered_ads(request):
    """The public works with the visitor's filters applied (newest first), the filters, and the
    filters' choices: the list page and /api/v1/ads/ read the same."""
    filters, chosen, choices = _chosen_filters(request)
    works = AD_FILTERS.narrowed(_live(), tuple(chosen), AD_FILTERS.arguments(chosen)).select_related("theme", "bureau")
    return works.order_by("-first_published_at", "-id"), filters, choices


def artworks_with_rendition(filter_spec):
    """A work's artworks in order, each image with its one rendition of `filter_spec` prefetched."""
    return Prefetch(
        "artworks",
        queryset=AdArtwork.objects.order_by("sort_order")
        .select_related("image")
        .prefetch_related(Prefetch("image__renditions", queryset=Rendition.objects.filter(filter_spec=filter_spec))),
    )


#: The rendition of a work's first artwork on its card (the list and /api/v1/ads/ share the files).
AD_CARD_IMAGE = "fill-480x360"

_ARTWORKS = CompiledRelated(
    lambda _shape: AdArtwork.objects.order_by("sort_order", "pk").select_related("image"), "page_id"
)


def attach_artworks(works, *filter_specs):
    """What `artworks_with_rendition()` does, for works already fetched: their artworks in order
    (what `work.artworks.all()` answers), each image with its renditions of `filter_specs` (none:
    Wagtail's rendition cache answers); one or two queries compiled once, whatever the number of
    works."""
    rows = _ARTWORKS.attach(works, cache_name="artworks")
    if filter_specs:
        attach_renditions([row.image for row in rows], filter_specs)
    return works


def _card_artworks(works):
    return attach_artworks(works, AD_CARD_IMAGE)


def ad_listing(request):
    filters, chosen, choices = _chosen_filters(request)
    # The cards' query and count are compiled once per combination of active filters (and of
    # private sections); the filters' values travel as parameters (core/compiled_queries.py).
    listing = CompiledListing(
        _CARD_PAGE,
        _CARD_TOTAL,
        AD_FILTERS.arguments(chosen),
        (tuple(chosen), restricted_shape()),
        prefetch=(_card_artworks,),
    )
    paginator = Paginator(listing, PAGE_SIZE)
    page = paginator.get_page(filters.page_number)
    return {
        "works_page": page,
        "themes": choices["themes"],
        "carriers": choices["carriers"],
        "media": AdMedium.choices,
        "years": choices["years"],
        "filter_bureaus": choices["bureaus"],
        "active_filters": filters.active,
        "filter_query": filters.query(),
    }

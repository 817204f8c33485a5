"""The /gongyi/ listing: works across all bureaus, filtered by theme, medium, year, carrier and
bureau, paginated, with a bounded number of queries whatever the page size."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from wagtail.images.models import Rendition

from bureaus.models.bureaus import BureauPage
from content.ads.models.works import AdArtwork, AdCarrier, AdMedium, AdTheme, PublicServiceAdPage
from core.listing_filters import YEARS, ListingFilters
from core.public_pages import LINKED_PAGE_FIELDS, public

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


def filtered_ads(request):
    """The public works with the visitor's filters applied (newest first), the filters, and the
    filters' choices: the list page and /api/v1/ads/ read the same."""
    filters = ListingFilters(request.GET)
    live = public(PublicServiceAdPage.objects.live())
    works = live.select_related("theme", "bureau")
    themes = list(AdTheme.objects.all())
    carriers = list(AdCarrier.objects.all())
    bureaus = list(
        BureauPage.objects.filter(pk__in=live.values("bureau_id")).order_by("path").only("id", "title", "slug")
    )

    theme = filters.by_slug("zhuti", themes, label=lambda theme: theme.name)
    if theme:
        works = works.filter(theme=theme)
    medium = filters.choice("meiti", AdMedium)
    if medium:
        works = works.filter(medium=medium)
    year = filters.year("nian", YEARS)
    if year:
        works = works.filter(valid_from__year__lte=year).exclude(valid_to__year__lt=year)
    carrier = filters.by_slug("zaiti", carriers, label=lambda carrier: carrier.name)
    if carrier:
        works = works.filter(placements__carrier=carrier).distinct()
    bureau = filters.by_slug("danwei", bureaus, label=lambda bureau: bureau.title)
    if bureau:
        works = works.filter(bureau=bureau)
    years = sorted({d.year for d in live.dates("valid_from", "year")}, reverse=True)
    choices = {"themes": themes, "carriers": carriers, "bureaus": bureaus, "years": years}
    return works.order_by("-first_published_at", "-id"), filters, choices


def artworks_with_rendition(filter_spec):
    """A work's artworks in order, each image with its one rendition of `filter_spec` prefetched."""
    return Prefetch(
        "artworks",
        queryset=AdArtwork.objects.order_by("sort_order")
        .select_related("image")
        .prefetch_related(Prefetch("image__renditions", queryset=Rendition.objects.filter(filter_spec=filter_spec))),
    )


def ad_listing(request):
    works, filters, choices = filtered_ads(request)
    works = works.only(*CARD_FIELDS).prefetch_related(artworks_with_rendition("fill-480x360"))
    paginator = Paginator(works, PAGE_SIZE)
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

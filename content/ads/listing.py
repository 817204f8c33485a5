"""The /gongyi/ listing: works across all bureaus, filtered by theme, medium, year, carrier and
bureau, paginated, with a bounded number of queries whatever the page size."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from wagtail.images.models import Rendition

from bureaus.models.bureaus import BureauPage
from content.ads.models.works import AdArtwork, AdCarrier, AdMedium, AdTheme, PublicServiceAdPage

PAGE_SIZE = 12


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def ad_listing(request):
    params = request.GET
    works = PublicServiceAdPage.objects.live().public().select_related("theme", "bureau")
    themes = list(AdTheme.objects.all())
    carriers = list(AdCarrier.objects.all())
    active = {}

    theme = next((t for t in themes if t.slug == params.get("zhuti")), None)
    if theme:
        works = works.filter(theme=theme)
        active["zhuti"] = theme.name
    medium = params.get("meiti")
    if medium in AdMedium.values:
        works = works.filter(medium=medium)
        active["meiti"] = AdMedium(medium).label
    year = _int(params.get("nian"))
    if year:
        works = works.filter(valid_from__year__lte=year).exclude(valid_to__year__lt=year)
        active["nian"] = year
    carrier = next((c for c in carriers if c.slug == params.get("zaiti")), None)
    if carrier:
        works = works.filter(placements__carrier=carrier).distinct()
        active["zaiti"] = carrier.name
    bureau_slug = params.get("danwei")
    if bureau_slug:
        works = works.filter(bureau__slug=bureau_slug)
        active["danwei"] = bureau_slug

    works = works.order_by("-first_published_at", "-id").prefetch_related(
        Prefetch(
            "artworks",
            queryset=AdArtwork.objects.order_by("sort_order")
            .prefetch_related(
                Prefetch("image__renditions", queryset=Rendition.objects.filter(filter_spec="fill-480x360"))
            )
            .select_related("image"),
        )
    )
    paginator = Paginator(works, PAGE_SIZE)
    page = paginator.get_page(params.get("page"))
    years = sorted({d.year for d in PublicServiceAdPage.objects.live().dates("valid_from", "year")}, reverse=True)

    bureaus = BureauPage.objects.filter(pk__in=PublicServiceAdPage.objects.live().values("bureau_id")).order_by("path")
    query = params.copy()
    query.pop("page", None)
    return {
        "works_page": page,
        "themes": themes,
        "carriers": carriers,
        "media": AdMedium.choices,
        "years": years,
        "filter_bureaus": bureaus.only("id", "title", "slug"),
        "active_filters": active,
        "filter_query": query.urlencode(),
    }

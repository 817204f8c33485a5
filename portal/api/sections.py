"""The section listings: 公益广告, 好人榜, 文明礼仪, 曝光台, 牵头单位 and 创建任务.

Each takes the filters of its public listing page, under the same names and read by the same
`core.listing_filters.ListingFilters` (an unknown value is ignored, never an error), over the
same queryset: live pages outside any view restriction (`core.public_pages.public`), with what
an item shows joined or prefetched, so a page of 100 items costs the queries of a page of 10
(tests/portal/api/test_api_queries.py). tests/portal/api/test_api_listings.py checks that each
filter picks the same items as the HTML listing."""

from django.db.models import Count, F, Prefetch
from django.utils import timezone

from bureaus.models.bureaus import BureauKind, BureauPage
from bureaus.models.directive import CreationTaskLeadBureau, CreationTaskPage
from bureaus.models.districts import District
from content.ads.listing import AD_CARD_IMAGE, artworks_with_rendition, filtered_ads
from content.ads.models.works import AdMedium
from content.exemplars.models import ExemplarCategory, ExemplarPage, HonourLevel, exemplar_cards
from content.exposure.listing import SUMMARY_ORDER, annotate_card, filtered_board, with_details
from content.exposure.models import NoticeKind, RectificationStatus
from content.handbooks.models import EtiquetteHandbookPage, HandbookAudience
from content.photos.models import PhotoPurpose
from core.listing_filters import YEARS, ListingFilters
from core.public_pages import public
from portal.api import fields as f
from portal.api.http import endpoint, json_response

HANDBOOK_COVER = "width-640"


def _options(rows, name_field="name"):
    return [{"value": row.slug, "label": getattr(row, name_field)} for row in rows]


def _choices(choices):
    return [{"value": value, "label": str(label)} for value, label in choices.choices]


# -- 公益广告 ---------------------------------------------------------------------------------


def ad_item(work, request):
    artworks = list(work.artworks.all())
    first = artworks[0] if artworks else None
    return {
        "id": work.pk,
        "type": "ad",
        "title": work.title,
        **f.page_urls(work, request),
        "theme": f.named(work.theme),
        "medium": f.choice(work.medium, AdMedium),
        "valid_from": work.valid_from,
        "valid_to": work.valid_to,
        "bureau": f.bureau_ref(work.bureau),
        "first_published_at": work.first_published_at,
        "image": f.image(first.image, AD_CARD_IMAGE, first.alt_text) if first else None,
    }


@endpoint()
def ads(request):
    works, filters, choices = filtered_ads(request)
    works = works.prefetch_related(artworks_with_rendition(AD_CARD_IMAGE))
    themes, carriers, bureaus, years = choices["themes"], choices["carriers"], choices["bureaus"], choices["years"]
    options = {
        "zhuti": _options(themes),
        "meiti": _choices(AdMedium),
        "nian": [{"value": str(y), "label": str(y)} for y in years],
        "zaiti": _options(carriers),
        "danwei": _options(bureaus, "title"),
    }
    data = f.listing(request, "ads/", works, lambda work: ad_item(work, request), filters, options=options)
    return json_response(data)


# -- 好人榜 -----------------------------------------------------------------------------------


def exemplar_item(exemplar, request):
    photos = [
        f.protected_photo(link.photo, PhotoPurpose.EXEMPLAR, link.alt_text, link.caption)
        for link in exemplar.shown_photos
    ]
    photos = [photo for photo in photos if photo]
    return {
        "id": exemplar.pk,
        "type": "exemplar",
        "title": exemplar.title,
        **f.page_urls(exemplar, request),
        "person_name": exemplar.person_name,
        "honour_level": f.choice(exemplar.honour_level, HonourLevel),
        "category": f.choice(exemplar.category, ExemplarCategory),
        "year": exemplar.year,
        "quarter": exemplar.quarter,
        "district": f.named(exemplar.district),
        "deed": exemplar.deed,
        "like_count": exemplar.like_count,
        "bureau": f.bureau_ref(exemplar.bureau),
        "photo": photos[0] if photos else None,
    }


@endpoint()
def exemplars(request):
    filters = ListingFilters(request.GET)
    live = public(ExemplarPage.objects.live())
    items = exemplar_cards(live)
    level = filters.choice("jibie", HonourLevel)
    if level:
        items = items.filter(honour_level=level)
    category = filters.choice("leibie", ExemplarCategory)
    if category:
        items = items.filter(category=category)
    districts = list(District.objects.filter(pk__in=live.values("district_id")).only("id", "name", "slug"))
    district = filters.by_slug("diqu", districts, label=lambda district: district.name)
    if district is not None:
        items = items.filter(district=district)
    year = filters.year("nian", YEARS)
    if year:
        items = items.filter(year=year)
    # The 好人榜's order: newest year first, yearly honours before the quarters, newest quarter first.
    items = items.order_by("-year", F("quarter").desc(nulls_first=True), "honour_level", "category", "pk")
    options = {
        "jibie": _choices(HonourLevel),
        "leibie": _choices(ExemplarCategory),
        "diqu": _options(districts),
        "nian": [
            {"value": str(y), "label": str(y)} for y in live.order_by("-year").values_list("year", flat=True).distinct()
        ],
    }
    data = f.listing(request, "exemplars/", items, lambda e: exemplar_item(e, request), filters, options=options)
    return json_response(data)


# -- 文明礼仪 ---------------------------------------------------------------------------------


def handbook_item(handbook, request):
    return {
        "id": handbook.pk,
        "type": "handbook",
        "title": handbook.title,
        **f.page_urls(handbook, request),
        "year": handbook.year,
        "audience": f.choice(handbook.audience, HandbookAudience),
        "edition_number": handbook.edition_number,
        "summary": handbook.summary,
        "bureau": f.bureau_ref(handbook.bureau),
        "cover": f.image(handbook.cover_image, HANDBOOK_COVER) if handbook.cover_image_id else None,
        "print_edition": _print_edition(handbook),
    }


def _print_edition(handbook):
    edition = handbook.print_edition()
    return {"url": f.absolute(edition["url"]), "size": edition["size"]} if edition else None


@endpoint()
def handbooks(request):
    # The 文明礼仪 page lists every edition without filters; so does the API.
    filters = ListingFilters(request.GET)
    items = (
        public(EtiquetteHandbookPage.objects.live())
        .select_related("bureau", "cover_image")
        .prefetch_related(f.prefetch_renditions("cover_image", HANDBOOK_COVER))
        .defer("body", "quiz")
        .order_by("-first_published_at", "-id")
    )
    data = f.listing(request, "handbooks/", items, lambda h: handbook_item(h, request), filters)
    return json_response(data)


# -- 曝光台 -----------------------------------------------------------------------------------


def notice_item(notice, request):
    photos = [
        f.protected_photo(link.photo, PhotoPurpose.EXPOSURE, link.alt_text, link.caption)
        for link in notice.photos.all()
    ]
    photos = [photo for photo in photos if photo]
    item = {
        "id": notice.pk,
        "type": "exposure_notice",
        "title": notice.title,
        **f.page_urls(notice, request),
        "kind": f.choice(notice.kind, NoticeKind),
        "district": f.named(notice.district),
        "found_on": notice.found_on,
        "description": notice.description,
        "rectification": {
            "status": f.choice(notice.status_today, RectificationStatus),
            "deadline": notice.deadline,
            "closed_on": notice.closed_on,
            "days_overdue": notice.overdue_days,
        },
        "bureau": f.bureau_ref(notice.bureau),
        "photo": photos[0] if photos else None,
    }
    if notice.behaviour is not None:
        item["behaviour_type"] = f.named(notice.behaviour.behaviour_type)
        item["place"] = notice.behaviour.place
    if notice.unit is not None:
        unit = notice.unit
        item["unit"] = {"name": unit.unit_bureau.title if unit.unit_bureau_id else unit.unit_name}
        item["unit"]["bureau"] = f.bureau_ref(unit.unit_bureau)
    return item


@endpoint()
def exposure(request):
    today = timezone.localdate()
    board = filtered_board(request, today)
    counts, filters = board.counts, board.filters
    districts, bureaus, behaviour_types = board.districts, board.bureaus, board.behaviour_types
    notices = with_details(board.notices()).order_by("-found_on", "-pk")
    summary = {
        "total": counts["total"],
        "by_status": [{"value": s.value, "label": str(s.label), "count": counts[s.value]} for s in SUMMARY_ORDER],
    }
    options = {
        "leixing": _choices(NoticeKind),
        "zhuangtai": [{"value": s.value, "label": str(s.label)} for s in SUMMARY_ORDER],
        "quxian": _options(districts),
        "danwei": _options(bureaus, "title"),
        "xingwei": _options(behaviour_types),
    }
    data = f.listing(
        request,
        "exposure/",
        notices,
        lambda notice: notice_item(annotate_card(notice, today), request),
        filters,
        extra_meta={"board": summary, "today": today},
        options=options,
    )
    return json_response(data)


# -- 牵头单位 and 创建任务 ---------------------------------------------------------------------


def bureau_item(bureau, request):
    return {
        "id": bureau.pk,
        "type": "bureau",
        "title": bureau.title,
        **f.page_urls(bureau, request),
        "slug": bureau.slug,
        "kind": f.choice(bureau.kind, BureauKind),
        "intro": bureau.intro,
        "task_count": bureau.task_count,
    }


@endpoint()
def bureaus(request):
    # The /danwei/ directory lists every bureau, grouped by kind, without filters.
    filters = ListingFilters(request.GET)
    items = (
        public(BureauPage.objects.live())
        .only("id", "title", "slug", "url_path", "path", "depth", "kind", "intro")
        .annotate(task_count=Count("led_tasks"))
        .order_by("path")
    )
    data = f.listing(request, "bureaus/", items, lambda b: bureau_item(b, request), filters)
    return json_response(data)


def task_item(task, request, leads):
    return {
        "id": task.pk,
        "type": "task",
        "title": task.title,
        **f.page_urls(task, request),
        "mechanism": {
            "number": task.mechanism.number,
            "title": task.mechanism.title,
            "ordinal": task.mechanism.ordinal,
        },
        "number": task.number,
        "lead_bureaus": [f.bureau_ref(link.bureau) for link in leads],
    }


@endpoint()
def tasks(request):
    """The /renwu/ register, filterable by lead bureau (`danwei`, its slug) as the page is."""
    filters = ListingFilters(request.GET)
    bureaus = list(public(BureauPage.objects.live()).order_by("path").only("id", "title", "slug"))
    items = public(CreationTaskPage.objects.live()).select_related("mechanism")
    bureau = filters.by_slug("danwei", bureaus, label=lambda bureau: bureau.title)
    if bureau is not None:
        items = items.filter(lead_bureaus__bureau=bureau)
    items = items.prefetch_related(
        Prefetch(
            "lead_bureaus",
            queryset=CreationTaskLeadBureau.objects.select_related("bureau").order_by("sort_order"),
            to_attr="leads",
        )
    ).order_by("mechanism__number", "number")
    options = {"danwei": _options(bureaus, "title")}
    data = f.listing(
        request, "tasks/", items, lambda task: task_item(task, request, task.leads), filters, options=options
    )
    return json_response(data)

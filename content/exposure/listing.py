"""The /baoguang/ board: counts by rectification status and the notice list across all bureaus,
filtered by kind, status, district, bureau and behaviour type, with a bounded number of queries.

The status shown, counted and filtered on is the one for today (`status_on`), computed in SQL,
so the board is right even before the daily overdue job has run. The counts are board-wide (the
overall progress, as in Kunming's rectification lists); the filtered list has its own count."""

import datetime
from types import SimpleNamespace

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District
from content.exposure.models import (
    BehaviourType,
    ExposureNoticePage,
    ExposurePhoto,
    NoticeKind,
    RectificationStatus,
    status_expression,
)
from content.photos.models import attach_public_renditions, prefetch_public_photos
from core.compiled_queries import (
    NOT_IN_QUERY,
    CompiledListing,
    CompiledQuery,
    CompiledRelated,
    ListFilters,
    total_count,
)
from core.listing_filters import ListingFilters
from core.public_pages import LINKED_PAGE_FIELDS, public, restricted_shape

PAGE_SIZE = 12
S = RectificationStatus

#: The order of the summary: done first, as in "73 problems: 43 done, 30 in progress".
SUMMARY_ORDER = [S.DONE, S.IN_PROGRESS, S.PENDING, S.OVERDUE]


def public_notices(today):
    return public(ExposureNoticePage.objects.live()).annotate(current_status=status_expression(today))


def _status_count_rows(_shape, today):
    return (
        public_notices(today)
        .values("current_status")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("current_status", "count")
    )


#: A date no notice is found on or due by: it stands for `today` when the queries are compiled
#: (core/compiled_queries.py). The status expression compares it several times.
TODAY_SAMPLE = datetime.date(1901, 2, 3)
_STATUS_COUNTS = CompiledQuery(_status_count_rows, (TODAY_SAMPLE,))


def status_counts(today):
    """The board-wide counts of the public notices by today's status, in one grouped query
    compiled once per set of private sections: {"total": n, <status>: n, …}. (One count per status
    would compile the status expression once per status.)"""
    counts = {status.value: 0 for status in S}
    for status, count in _STATUS_COUNTS.fetch(today, shape=restricted_shape()):
        counts[status] = count
    counts["total"] = sum(counts.values())
    return counts


def summary_rows(counts):
    """The counts in the summary's order, each with its status and label (the board, the home page)."""
    return [{"status": s.value, "label": s.label, "count": counts[s.value]} for s in SUMMARY_ORDER]


def board_summary(today):
    """The board-wide counts as the home page shows them: {"total": n, "rows": [...]} (one query)."""
    counts = status_counts(today)
    return {"total": counts["total"], "rows": summary_rows(counts)}


def with_related(notices):
    """The rows a card or detail reads beside the notice, in the notice's own query."""
    return notices.select_related(
        "bureau",
        "district",
        "behaviournoticepage__behaviour_type",
        "unitnoticepage__unit_bureau",
    )


def with_details(notices):
    """Everything a card or detail needs, without a query per notice."""
    return with_related(notices).prefetch_related(notice_photos_prefetch())


# What a card shows (templates/content/includes/exposure_card.html), and what `{% pageurl %}`
# needs: a notice row has a bureau, a district and a subclass row, each a full page or model that
# would otherwise be read and built whole, a third of the board's time.
CARD_FIELDS = (
    *LINKED_PAGE_FIELDS,
    "kind",
    "status",
    "deadline",
    "found_on",
    "district__name",
    *(f"bureau__{name}" for name in LINKED_PAGE_FIELDS),
    "behaviournoticepage__place",
    "behaviournoticepage__behaviour_type__name",
    "unitnoticepage__unit_name",
    "unitnoticepage__unit_bureau__title",
)


def notice_photos_prefetch(to_attr=None):

    return Prefetch(
        "photos",
        queryset=ExposurePhoto.objects.order_by("sort_order", "pk")
        .select_related("photo")
        .prefetch_related(prefetch_public_photos("photo")),
        to_attr=to_attr,
    )


_CARD_PHOTOS = CompiledRelated(
    lambda _shape: ExposurePhoto.objects.order_by("sort_order", "pk").select_related("photo"), "page_id"
)


def attach_card_photos(notices):
    """What `notice_photos_prefetch()` does, for notices already fetched: their photos (what
    `notice.photos.all()` answers) and the photos' public renditions, in two queries compiled once."""
    rows = _CARD_PHOTOS.attach(notices, cache_name="photos")
    attach_public_renditions([row.photo for row in rows])
    return notices


def annotate_card(notice, today):
    """Attributes the card template reads: the subclass row, today's status and days overdue."""
    notice.behaviour = getattr(notice, "behaviournoticepage", None)
    notice.unit = getattr(notice, "unitnoticepage", None)
    notice.status_today = notice.current_status
    notice.status_today_label = S(notice.current_status).label
    notice.overdue_days = (today - notice.deadline).days if notice.current_status == S.OVERDUE else 0
    return notice


#: The board's filters (core/compiled_queries.py, ListFilters): a sample standing for each value
#: when compiling, and how the filter narrows the notices.
NOTICE_FILTERS = ListFilters(
    ("kind", "\x00kind", lambda notices, kind: notices.filter(kind=kind)),
    ("status", "\x00status", lambda notices, status: notices.filter(current_status=status)),
    ("district", -9_876_011, lambda notices, pk: notices.filter(district_id=pk)),
    # A bureau is "involved" in a notice it published or one naming it as the unit slow to rectify.
    ("bureau", -9_876_012, lambda notices, pk: notices.filter(Q(bureau_id=pk) | Q(unitnoticepage__unit_bureau_id=pk))),
    ("behaviour_type", -9_876_013, lambda notices, pk: notices.filter(behaviournoticepage__behaviour_type_id=pk)),
)


def _samples(names, counting=False):
    # A count reads today's status only to filter by it (_card_total).
    today = NOT_IN_QUERY if counting and "status" not in names else TODAY_SAMPLE
    return (today, *NOTICE_FILTERS.samples(names))


def _card_page(shape, today, *values):
    (names, _paths), start, stop = shape
    notices = NOTICE_FILTERS.narrowed(public_notices(today), names, values)
    return with_related(notices).only(*CARD_FIELDS).order_by("-found_on", "-pk")[start:stop]


def _card_total(shape, today, *values):
    names, _paths = shape
    notices = public_notices(today) if "status" in names else _shown()
    return total_count(NOTICE_FILTERS.narrowed(notices, names, values))


def _shown():
    return public(ExposureNoticePage.objects.live())


_CARD_PAGE = CompiledQuery(_card_page, lambda shape: _samples(shape[0][0]))
_CARD_TOTAL = CompiledQuery(_card_total, lambda shape: _samples(shape[0], counting=True))
# The filters' choices need no status: the plain public notices make smaller subqueries.
_DISTRICTS = CompiledQuery(lambda _shape: District.objects.filter(pk__in=_shown().values("district_id")), ())
_BUREAUS = CompiledQuery(
    lambda _shape: (
        BureauPage.objects.filter(
            Q(pk__in=_shown().values("bureau_id")) | Q(pk__in=_shown().values("unitnoticepage__unit_bureau_id"))
        )
        .order_by("path")
        .only("title", "slug")
    ),
    (),
)
_BEHAVIOUR_TYPES = CompiledQuery(lambda _shape: BehaviourType.objects.all(), ())


def filtered_board(request, today):
    """The board's public notices for `today` with the visitor's filters applied (`notices()`, a
    queryset built when asked for, and `chosen`: {filter name: (value,)} in NOTICE_FILTERS' order;
    the page reads compiled queries from these instead), the board-wide status counts, the
    filters' choices and the filters read. The page and the JSON API (portal/api/sections.py)
    both list from it."""
    paths = restricted_shape()
    behaviour_types = _BEHAVIOUR_TYPES.fetch()
    districts = _DISTRICTS.fetch(shape=paths)
    bureaus = _BUREAUS.fetch(shape=paths)

    filters = ListingFilters(request.GET)
    chosen = {}
    kind = filters.choice("leixing", NoticeKind)
    if kind:
        chosen["kind"] = (str(kind),)
    status = filters.choice("zhuangtai", S)
    if status:
        chosen["status"] = (str(status),)
    district = filters.by_slug("quxian", districts, label=lambda district: district.name)
    if district:
        chosen["district"] = (district.pk,)
    bureau = filters.by_slug("danwei", bureaus, label=lambda bureau: bureau.title)
    if bureau:
        chosen["bureau"] = (bureau.pk,)
    behaviour_type = filters.by_slug("xingwei", behaviour_types, label=lambda kind: kind.name)
    if behaviour_type:
        chosen["behaviour_type"] = (behaviour_type.pk,)
    chosen = NOTICE_FILTERS.in_order(chosen)
    return SimpleNamespace(
        notices=lambda: NOTICE_FILTERS.narrowed(public_notices(today), tuple(chosen), NOTICE_FILTERS.arguments(chosen)),
        chosen=chosen,
        counts=status_counts(today),
        behaviour_types=behaviour_types,
        districts=districts,
        bureaus=bureaus,
        filters=filters,
    )


def exposure_board(index_page, request, today=None):
    today = today or timezone.localdate()
    board = filtered_board(request, today)
    counts, filters = board.counts, board.filters
    behaviour_types, districts, bureaus = board.behaviour_types, board.districts, board.bureaus
    summary = summary_rows(counts)

    # The cards' query and count are compiled once per combination of active filters (and of
    # private sections); today and the filters' values travel as parameters.
    names = tuple(board.chosen)
    listing = CompiledListing(
        _CARD_PAGE,
        _CARD_TOTAL,
        (today, *NOTICE_FILTERS.arguments(board.chosen)),
        (names, restricted_shape()),
        prefetch=(attach_card_photos,),
    )
    paginator = Paginator(listing, PAGE_SIZE)
    page = paginator.get_page(filters.page_number)
    page.object_list = [annotate_card(notice, today) for notice in page.object_list]
    return {
        "status_counts": counts,
        "status_summary": summary,
        "notices_page": page,
        "kinds": NoticeKind.choices,
        "statuses": [(s.value, s.label) for s in SUMMARY_ORDER],
        "behaviour_types": behaviour_types,
        "filter_districts": districts,
        "filter_bureaus": bureaus,
        "active_filters": filters.active,
        "filter_query": filters.query(),
        "today": today,
    }

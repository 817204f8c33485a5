"""The /baoguang/ board: counts by rectification status and the notice list across all bureaus,
filtered by kind, status, district, bureau and behaviour type, with a bounded number of queries.

The status shown, counted and filtered on is the one for today (`status_on`), computed in SQL,
so the board is right even before the daily overdue job has run. The counts are board-wide (the
overall progress, as in Kunming's rectification lists); the filtered list has its own count."""

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
from content.photos.models import prefetch_public_photos
from core.listing_filters import ListingFilters
from core.public_pages import LINKED_PAGE_FIELDS, public

PAGE_SIZE = 12
S = RectificationStatus

#: The order of the summary: done first, as in "73 problems: 43 done, 30 in progress".
SUMMARY_ORDER = [S.DONE, S.IN_PROGRESS, S.PENDING, S.OVERDUE]


def public_notices(today):
    return public(ExposureNoticePage.objects.live()).annotate(current_status=status_expression(today))


def status_counts(notices):
    """One grouped query: {"total": n, <status>: n, …}. (One count per status would compile
    the status expression once per status.)"""
    counts = {status.value: 0 for status in S}
    for row in notices.values("current_status").annotate(count=Count("pk")).order_by():
        counts[row["current_status"]] = row["count"]
    counts["total"] = sum(counts.values())
    return counts


def summary_rows(counts):
    """The counts in the summary's order, each with its status and label (the board, the home page)."""
    return [{"status": s.value, "label": s.label, "count": counts[s.value]} for s in SUMMARY_ORDER]


def board_summary(today):
    """The board-wide counts as the home page shows them: {"total": n, "rows": [...]} (one query)."""
    counts = status_counts(public_notices(today))
    return {"total": counts["total"], "rows": summary_rows(counts)}


def with_details(notices):
    """Everything a card or detail needs, without a query per notice."""
    return notices.select_related(
        "bureau",
        "district",
        "behaviournoticepage__behaviour_type",
        "unitnoticepage__unit_bureau",
    ).prefetch_related(notice_photos_prefetch())


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


def annotate_card(notice, today):
    """Attributes the card template reads: the subclass row, today's status and days overdue."""
    notice.behaviour = getattr(notice, "behaviournoticepage", None)
    notice.unit = getattr(notice, "unitnoticepage", None)
    notice.status_today = notice.current_status
    notice.status_today_label = S(notice.current_status).label
    notice.overdue_days = (today - notice.deadline).days if notice.current_status == S.OVERDUE else 0
    return notice


def filtered_board(request, today):
    """The board's public notices for `today` with the visitor's filters applied (`notices`), the
    board-wide status counts, the filters' choices and the filters read. The page and the JSON
    API (portal/api/sections.py) both list from it."""
    notices = public_notices(today)
    counts = status_counts(notices)
    behaviour_types = list(BehaviourType.objects.all())
    # The filters' choices need no status: the plain public notices make smaller subqueries.
    shown = public(ExposureNoticePage.objects.live())
    districts = list(District.objects.filter(pk__in=shown.values("district_id")))
    # A bureau is "involved" in a notice it published or one naming it as the unit slow to rectify.
    bureaus = list(
        BureauPage.objects.filter(
            Q(pk__in=shown.values("bureau_id")) | Q(pk__in=shown.values("unitnoticepage__unit_bureau_id"))
        )
        .order_by("path")
        .only("title", "slug")
    )

    filters = ListingFilters(request.GET)
    kind = filters.choice("leixing", NoticeKind)
    if kind:
        notices = notices.filter(kind=kind)
    status = filters.choice("zhuangtai", S)
    if status:
        notices = notices.filter(current_status=status)
    district = filters.by_slug("quxian", districts, label=lambda district: district.name)
    if district:
        notices = notices.filter(district=district)
    bureau = filters.by_slug("danwei", bureaus, label=lambda bureau: bureau.title)
    if bureau:
        notices = notices.filter(Q(bureau=bureau) | Q(unitnoticepage__unit_bureau=bureau))
    behaviour_type = filters.by_slug("xingwei", behaviour_types, label=lambda kind: kind.name)
    if behaviour_type:
        notices = notices.filter(behaviournoticepage__behaviour_type=behaviour_type)
    return SimpleNamespace(
        notices=notices,
        counts=counts,
        behaviour_types=behaviour_types,
        districts=districts,
        bureaus=bureaus,
        filters=filters,
    )


def exposure_board(index_page, request, today=None):
    today = today or timezone.localdate()
    board = filtered_board(request, today)
    notices, counts, filters = board.notices, board.counts, board.filters
    behaviour_types, districts, bureaus = board.behaviour_types, board.districts, board.bureaus
    summary = summary_rows(counts)

    paginator = Paginator(with_details(notices).only(*CARD_FIELDS).order_by("-found_on", "-pk"), PAGE_SIZE)
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

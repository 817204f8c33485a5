"""The /baoguang/ board: counts by rectification status and the notice list across all bureaus,
filtered by kind, status, district, bureau and behaviour type, with a bounded number of queries.

The status shown, counted and filtered on is the one for today (`status_on`), computed in SQL,
so the board is right even before the daily overdue job has run. The counts are board-wide (the
overall progress, as in Kunming's rectification lists); the filtered list has its own count."""

from django.core.paginator import Paginator
from django.db.models import Case, CharField, Count, Prefetch, Q, Value, When
from django.utils import timezone

from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District
from content.exposure.models import BehaviourType, ExposureNoticePage, ExposurePhoto, NoticeKind, RectificationStatus
from content.photos.models import prefetch_public_photos

PAGE_SIZE = 12
S = RectificationStatus

#: The order of the summary: done first, as in "73 problems: 43 done, 30 in progress".
SUMMARY_ORDER = [S.DONE, S.IN_PROGRESS, S.PENDING, S.OVERDUE]


def current_status(today):
    """`status_on(status, deadline, today)` as a database expression."""
    past_deadline = Q(deadline__isnull=False, deadline__lt=today)
    return Case(
        When(status=S.DONE, then=Value(S.DONE.value)),
        When(past_deadline, then=Value(S.OVERDUE.value)),
        When(status=S.OVERDUE, then=Value(S.IN_PROGRESS.value)),
        default="status",
        output_field=CharField(),
    )


def public_notices(today):
    return ExposureNoticePage.objects.live().public().annotate(current_status=current_status(today))


def status_counts(notices):
    """One aggregate query: {"total": n, <status>: n, …}."""
    aggregates = {"total": Count("pk")}
    for status in S:
        aggregates[status.value] = Count("pk", filter=Q(current_status=status.value))
    return notices.aggregate(**aggregates)


def with_details(notices):
    """Everything a card or detail needs, without a query per notice."""
    return notices.select_related(
        "bureau",
        "district",
        "behaviournoticepage__behaviour_type",
        "unitnoticepage__unit_bureau",
    ).prefetch_related(notice_photos_prefetch())


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


def exposure_board(index_page, request, today=None):
    today = today or timezone.localdate()
    params = request.GET
    notices = public_notices(today)
    counts = status_counts(notices)
    summary = [{"status": s.value, "label": s.label, "count": counts[s.value]} for s in SUMMARY_ORDER]

    behaviour_types = list(BehaviourType.objects.all())
    districts = list(District.objects.filter(pk__in=notices.values("district_id")))
    # A bureau is "involved" in a notice it published or one naming it as the unit slow to rectify.
    bureaus = list(
        BureauPage.objects.filter(
            Q(pk__in=notices.values("bureau_id")) | Q(pk__in=notices.values("unitnoticepage__unit_bureau_id"))
        )
        .order_by("path")
        .only("title", "slug")
    )

    # Unknown values are ignored (an old bookmark or a hand-typed link must not fail).
    active = {}
    kind = params.get("leixing")
    if kind in NoticeKind.values:
        notices = notices.filter(kind=kind)
        active["leixing"] = NoticeKind(kind).label
    status = params.get("zhuangtai")
    if status in S.values:
        notices = notices.filter(current_status=status)
        active["zhuangtai"] = S(status).label
    district = next((d for d in districts if d.slug == params.get("quxian")), None)
    if district:
        notices = notices.filter(district=district)
        active["quxian"] = district.name
    bureau = next((b for b in bureaus if b.slug == params.get("danwei")), None)
    if bureau:
        notices = notices.filter(Q(bureau=bureau) | Q(unitnoticepage__unit_bureau=bureau))
        active["danwei"] = bureau.title
    behaviour_type = next((t for t in behaviour_types if t.slug == params.get("xingwei")), None)
    if behaviour_type:
        notices = notices.filter(behaviournoticepage__behaviour_type=behaviour_type)
        active["xingwei"] = behaviour_type.name

    paginator = Paginator(with_details(notices).order_by("-found_on", "-pk"), PAGE_SIZE)
    page = paginator.get_page(params.get("page"))
    page.object_list = [annotate_card(notice, today) for notice in page.object_list]
    query = params.copy()
    query.pop("page", None)
    return {
        "status_counts": counts,
        "status_summary": summary,
        "notices_page": page,
        "kinds": NoticeKind.choices,
        "statuses": [(s.value, s.label) for s in SUMMARY_ORDER],
        "behaviour_types": behaviour_types,
        "filter_districts": districts,
        "filter_bureaus": bureaus,
        "active_filters": active,
        "filter_query": query.urlencode(),
        "today": today,
    }

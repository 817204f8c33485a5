"""The /dongtai/ list (创建动态): live news across all bureaus, newest publication date first,
filtered by bureau, mechanism, directive task and month, paginated, at a bounded number of
queries: the filters' choices are three small queries, the page of cards one, and the lead
images' renditions one prefetch, however many articles there are (tests/news/)."""

import datetime
import re

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from wagtail.images.models import Rendition

from bureaus.models.bureaus import BureauPage
from bureaus.models.directive import CreationTaskPage
from content.news.models import NewsPage
from core.listing_filters import ListingFilters
from core.public_pages import LINKED_PAGE_FIELDS, public

PAGE_SIZE = 12
#: The lead image on a card; the detail page shows a larger one.
CARD_RENDITION = "fill-480x270"
MONTH = re.compile(r"^(\d{4})-(\d{2})$")

CARD_FIELDS = (
    *LINKED_PAGE_FIELDS,
    "published_on",
    "summary",
    "source",
    "lead_image",
    "lead_image_alt",
    "bureau__title",
)


def public_news():
    return public(NewsPage.objects.live())


def news_cards(news, rendition=CARD_RENDITION):
    """What a card shows, joined, with the lead image's one rendition prefetched."""
    return (
        news.select_related("bureau", "lead_image")
        .only(*CARD_FIELDS)
        .prefetch_related(Prefetch("lead_image__renditions", queryset=Rendition.objects.filter(filter_spec=rendition)))
        .order_by("-published_on", "-first_published_at", "-pk")
    )


def month_label(month):
    return _("%(month)s/%(year)s") % {"year": month.year, "month": month.month}


def month_filter(filters, months):
    """The ?yuefen=YYYY-MM value when it names a month that has news, else None."""
    match = MONTH.match(filters.params.get("yuefen", ""))
    if not match:
        return None
    try:
        month = datetime.date(int(match[1]), int(match[2]), 1)
    except ValueError:
        return None
    if month not in months:
        return None
    filters.active["yuefen"] = month_label(month)
    return month


def filtered_news(request):
    """The public news with the visitor's filters applied, the filters' choices and the filters."""
    filters = ListingFilters(request.GET)
    live = public_news()
    news = live
    bureaus = list(
        BureauPage.objects.filter(pk__in=live.values("bureau_id")).order_by("path").only("id", "title", "slug")
    )
    # The tasks some article reports on, with their mechanisms: the task and mechanism choices.
    tasks = list(
        CreationTaskPage.objects.live()
        .filter(pk__in=live.values("related_tasks"))
        .select_related("mechanism")
        .only("id", "title", "slug", "number", "mechanism__title", "mechanism__slug", "mechanism__number")
        .order_by("mechanism__number", "number")
    )
    mechanisms = list({task.mechanism_id: task.mechanism for task in tasks}.values())
    months = list(live.dates("published_on", "month", order="DESC"))

    bureau = filters.by_slug("danwei", bureaus, label=lambda bureau: bureau.title)
    if bureau is not None:
        news = news.filter(bureau=bureau)
    mechanism = filters.by_slug("jizhi", mechanisms, label=lambda mechanism: mechanism.title)
    if mechanism is not None:
        news = news.filter(pk__in=live.filter(related_tasks__mechanism=mechanism).values("pk"))
    task = filters.by_slug("renwu", tasks, label=lambda task: task.title)
    if task is not None:
        news = news.filter(pk__in=live.filter(related_tasks=task).values("pk"))
    month = month_filter(filters, months)
    if month is not None:
        news = news.filter(published_on__year=month.year, published_on__month=month.month)
    return news, filters, {"bureaus": bureaus, "mechanisms": mechanisms, "tasks": tasks, "months": months}


def news_board(request):
    news, filters, choices = filtered_news(request)
    paginator = Paginator(news_cards(news), PAGE_SIZE)
    page = paginator.get_page(filters.page_number)
    return {
        "news_page": page,
        "filter_bureaus": choices["bureaus"],
        "filter_mechanisms": choices["mechanisms"],
        "filter_tasks": [
            (task.slug, f"{task.mechanism.title} {task.number}. {task.title}") for task in choices["tasks"]
        ],
        "filter_months": [(month.strftime("%Y-%m"), month_label(month)) for month in choices["months"]],
        "active_filters": filters.active,
        "filter_query": filters.query(),
    }

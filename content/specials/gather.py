"""What a special lists: for each kind (news, ads, exemplars, exposure notices) the live public
pages an editor chose, and those carrying the special's tag (news, ads and exemplars have tags;
notices are only chosen). One query for the chosen pages' ids, then one per kind (and one for the
news cards' lead images), however many pages are gathered."""

from django.db.models import Q

from content.ads.models.works import PublicServiceAdPage
from content.exemplars.models import ExemplarPage
from content.exposure.models import ExposureNoticePage
from content.news.listing import news_cards
from content.news.models import NewsPage
from core.public_pages import LINKED_PAGE_FIELDS, public

#: At most this many of each kind on a special.
PER_KIND = 12
BUREAU_TITLE = "bureau__title"


def chosen_page_ids(special):
    # On a preview the chosen rows are in memory; on a served page this is one query.
    return [item.page_id for item in special.chosen_items.all() if item.page_id]


def _gathered(model, ids, tag):
    wanted = Q(pk__in=ids)
    if tag and hasattr(model, "tags"):
        wanted |= Q(pk__in=model.objects.filter(tags__name=tag).values("pk"))
    return public(model.objects.live()).filter(wanted)


def gathered_lists(special):
    ids = chosen_page_ids(special)
    tag = special.gather_tag.strip()
    if not ids and not tag:
        return {"special_news": [], "special_ads": [], "special_exemplars": [], "special_notices": []}
    linked = (*LINKED_PAGE_FIELDS, BUREAU_TITLE)
    return {
        "special_news": list(news_cards(_gathered(NewsPage, ids, tag))[:PER_KIND]),
        "special_ads": list(
            _gathered(PublicServiceAdPage, ids, tag)
            .select_related("bureau", "theme")
            .only(*linked, "valid_from", "theme__name")
            .order_by("-first_published_at", "-pk")[:PER_KIND]
        ),
        "special_exemplars": list(
            _gathered(ExemplarPage, ids, tag)
            .select_related("bureau")
            .only(*linked, "person_name", "deed", "year")
            .order_by("-year", "-pk")[:PER_KIND]
        ),
        "special_notices": list(
            _gathered(ExposureNoticePage, ids, tag)
            .select_related("bureau")
            .only(*linked, "found_on", "status")
            .order_by("-found_on", "-pk")[:PER_KIND]
        ),
    }

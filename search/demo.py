"""Demo of what editors see of the searches: editors' picks for two important queries and four
weeks of the search log (real counts of results, made-up numbers of searches), so the report
(报告 → 搜索统计) has missed and frequent queries to show. Idempotent, as load_demo."""

import datetime

from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from search import service, vocabulary
from search.models import QueryLog, week_of
from search.query_log import normalise

PICKS = [
    ("推荐好人", "/tuijian/", "在线推荐您身边的好人好事，全程可查询进度。"),
    ("曝光", "/baoguang/", "不文明行为和单位的曝光及整改情况。"),
]
# (query, searches per week, newest week first)
LOG = [
    ("垃圾分类", (46, 38, 41, 29)),
    ("好人榜", (31, 27, 22, 25)),
    ("laojiuxiaoqu", (12, 9, 0, 0)),
    ("城管电话", (18, 15, 11, 7)),
    ("噪音扰民", (14, 11, 9, 12)),
    ("电动车上牌", (9, 13, 6, 0)),
    ("文明养犬", (8, 5, 7, 4)),
    ("志愿者证书怎么打印", (6, 4, 0, 3)),
    ("ljfl", (5, 3, 2, 0)),
]


def build_search(builder):
    for query_string, suffix, description in PICKS:
        page = Page.objects.live().filter(url_path__endswith=suffix).order_by("depth").first()
        if page is None:
            continue
        SearchPromotion.objects.update_or_create(
            query=Query.get(query_string), page=page, defaults={"description": description, "sort_order": 0}
        )
    this_week = week_of(timezone.localdate())
    thesaurus = vocabulary.thesaurus()
    for query, weekly in LOG:
        results = service.run(query, {}, "relevance", thesaurus).total_matches
        for weeks_ago, searches in enumerate(weekly):
            if searches:
                QueryLog.objects.update_or_create(
                    query=normalise(query),
                    week=this_week - datetime.timedelta(weeks=weeks_ago),
                    defaults={"searches": searches, "results": results},
                )
    builder.log(f"Search: {len(PICKS)} editors' picks, {len(LOG)} logged queries.")

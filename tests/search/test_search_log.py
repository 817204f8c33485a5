"""What editors see of the searches: the weekly log (no personal data), the report of queries
with no or few results and the most frequent ones, and editors' picks on /search/."""

import datetime

import pytest
from django.core.cache import caches
from django.test import override_settings
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from search import query_log
from search.models import QueryLog, week_of

pytestmark = pytest.mark.django_db


def test_the_log_holds_only_the_query_its_week_and_counts():
    assert {f.name for f in QueryLog._meta.get_fields()} == {"id", "query", "week", "searches", "results"}


def test_a_search_is_logged_once_per_new_search_with_its_result_count(client):
    this_week = week_of(datetime.date.today())
    assert this_week.weekday() == 0
    before = QueryLog.objects.filter(query="垃圾分类", week=this_week).values_list("searches", flat=True).first() or 0
    client.get("/search/", {"q": "  垃圾分類  "})
    client.get("/search/", {"q": "垃圾分类"})
    client.get("/search/", {"q": "垃圾分类", "page": "2"})  # the next page is the same search
    client.get("/search/", {"q": "垃圾分类", "sort": "date"})
    row = QueryLog.objects.get(query="垃圾分类", week=this_week)
    assert row.searches == before + 2
    assert row.results > 0


def test_numbers_and_addresses_typed_into_the_box_are_not_stored(client):
    client.get("/search/", {"q": "13812345678 举报"})
    client.get("/search/", {"q": "wang@example.cn 好人"})
    stored = list(QueryLog.objects.values_list("query", flat=True))
    assert "＊ 举报" in stored and "＊ 好人" in stored
    assert not any("13812345678" in q or "example" in q for q in stored)


@pytest.fixture
def nothing_counted(settings):
    """No count waiting in this process and no stored page: each search below starts afresh."""
    query_log.flush()
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    query_log.flush()
    caches[settings.PAGE_CACHE_ALIAS].clear()


def searches(query):
    row = QueryLog.objects.filter(query=query, week=week_of(datetime.date.today())).first()
    return row.searches if row else 0


@override_settings(PAGE_CACHE_SECONDS=300, SEARCH_LOG_BATCH=3, SEARCH_LOG_SECONDS=60)
def test_searches_served_from_the_page_cache_are_counted_in_batches(client, empty_cache, nothing_counted):
    volunteers, sorting = searches("志愿服务"), searches("垃圾分类")
    first = client.get("/search/", {"q": "志愿服务"})
    assert first["X-Page-Cache"] == "miss"
    assert searches("志愿服务") == volunteers + 1, "a search the server answers is written at once"
    assert client.get("/search/", {"q": "志愿服务"})["X-Page-Cache"] == "hit"
    client.get("/search/", {"q": "垃圾分类"})
    assert client.get("/search/", {"q": "垃圾分类"})["X-Page-Cache"] == "hit"
    assert (searches("志愿服务"), searches("垃圾分类")) == (volunteers + 1, sorting + 1), "not yet written"
    assert client.get("/search/", {"q": "志愿服务"})["X-Page-Cache"] == "hit"
    assert (searches("志愿服务"), searches("垃圾分类")) == (volunteers + 3, sorting + 2), (
        "the third answer from the cache is written with the others"
    )


@override_settings(PAGE_CACHE_SECONDS=300, SEARCH_LOG_BATCH=100, SEARCH_LOG_SECONDS=60)
def test_a_count_from_the_page_cache_waits_at_most_the_set_seconds(client, empty_cache, nothing_counted, monkeypatch):
    clock = [1_000.0]
    monkeypatch.setattr(query_log.time, "monotonic", lambda: clock[0])
    before = searches("志愿服务")
    assert client.get("/search/", {"q": "志愿服务"})["X-Page-Cache"] == "miss"
    assert client.get("/search/", {"q": "志愿服务"})["X-Page-Cache"] == "hit"
    clock[0] += 59
    client.get("/search/", {"q": "志愿服务"})
    assert searches("志愿服务") == before + 1
    clock[0] += 1
    client.get("/search/", {"q": "志愿服务"})
    assert searches("志愿服务") == before + 4, "the oldest waited 60 s: all three written"
    client.get("/search/", {"q": "志愿服务"})
    assert searches("志愿服务") == before + 4
    query_log.flush()  # what the process does when it exits
    assert searches("志愿服务") == before + 5


def test_logging_is_one_statement(django_assert_num_queries):
    with django_assert_num_queries(1):
        query_log.record("文明交通", 12)
    with django_assert_num_queries(1):
        query_log.record("文明交通", 10)
    row = QueryLog.objects.get(query="文明交通")
    assert (row.searches, row.results) == (2, 10)


def test_the_report_lists_missed_and_frequent_queries_for_superusers_only(client, make_user):
    client.get("/search/", {"q": "zzqqxx不存在的词"})
    for _ in range(3):
        client.get("/search/", {"q": "文明"})
    last_week = week_of(datetime.date.today()) - datetime.timedelta(days=7)
    QueryLog.objects.create(query="去年的查询", week=last_week, searches=9, results=0)
    admin = make_user("report-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get("/admin/search-report/").content.decode()
    missed = html.split('id="search-report-missed"', 1)[1].split("</table>", 1)[0]
    frequent = html.split('id="search-report-frequent"', 1)[1].split("</table>", 1)[0]
    assert "zzqqxx不存在的词" in missed and ">文明<" not in missed
    assert frequent.index(">文明<") < frequent.index("zzqqxx不存在的词")
    assert "去年的查询" not in html
    older = client.get("/admin/search-report/", {"week": last_week.isoformat()}).content.decode()
    assert "去年的查询" in older
    editor = make_user("report-editor", is_staff=True)
    client.force_login(editor)
    assert client.get("/admin/search-report/").status_code in (302, 403)


def test_editors_picks_come_first_on_the_search_page(client):
    page = Page.objects.live().get(url_path__endswith="/tuijian/")
    query = Query.get("文明交通")
    SearchPromotion.objects.create(query=query, page=page, description="推荐身边好人的入口", sort_order=0)
    html = client.get("/search/", {"q": "文明交通"}).content.decode()
    picks = html.split('class="search-picks"', 1)[1].split("</section>", 1)[0]
    assert 'href="/tuijian/"' in picks and "推荐身边好人的入口" in picks
    assert html.index('class="search-picks"') < html.index('class="search-results"')
    # Traditional characters and case are the same query.
    assert 'class="search-picks"' in client.get("/search/", {"q": "文明交通 "}).content.decode()
    assert 'class="search-picks"' not in client.get("/search/", {"q": "交通"}).content.decode()


def test_a_pick_of_a_page_that_is_no_longer_live_is_not_shown(client):
    page = Page.objects.live().get(url_path__endswith="/tuijian/")
    SearchPromotion.objects.create(query=Query.get("推荐"), page=page, sort_order=0)
    page.unpublish()
    html = client.get("/search/", {"q": "推荐"}).content.decode()
    assert 'class="search-picks"' not in html

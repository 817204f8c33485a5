"""The search page: a box on every page, results, facets, paging, outages and hostile queries."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def zh(msgid):
    """The Chinese a citizen sees for a new message (the catalogue's, or the msgid until it is merged)."""
    with translation.override("zh-hans"):
        return translation.gettext(msgid)


XSS_PROBES = Path(settings.BASE_DIR).parent / "shared" / "security" / "xss-payloads.txt"


@pytest.mark.parametrize("path", ["/", "/danwei/", "/renwu/", "/renwu/chengshi-guanli-1/", "/no-such-page/"])
def test_every_page_has_a_labelled_search_box(client, path):
    html = client.get(path).content.decode()
    assert 'role="search"' in html
    assert 'action="/search/"' in html
    labels = re.findall(r'<label for="([a-z-]+-q)">', html)
    assert len(labels) == 1, "one search form per page, so its label is unambiguous"
    assert f'id="{labels[0]}"' in html


def test_searching_a_task_title_finds_the_task(client):
    response = client.get("/search/", {"q": "深化城市执法体制改革"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/renwu/chengshi-guanli-1/"' in html


def test_an_empty_query_shows_the_form_without_results(client):
    html = client.get("/search/", {"q": "   "}).content.decode()
    assert "search-results" not in html
    assert "结果" not in html


def test_nothing_found_says_so(client):
    html = client.get("/search/", {"q": "zzzqqq"}).content.decode()
    assert "没有找到相关内容" in html


def test_a_failing_search_backend_degrades_to_a_notice(client, monkeypatch):
    # The database itself failing is simulated at the search call.
    from search import service

    def unreachable(*args, **kwargs):
        raise ConnectionError("search cluster unreachable")

    monkeypatch.setattr(service, "database_hits", unreachable)
    response = client.get("/search/", {"q": "文明"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "搜索暂时不可用" in html
    assert "unreachable" not in html


def test_every_xss_probe_in_the_query_is_shown_escaped(client):
    if not XSS_PROBES.exists():
        pytest.skip(f"{XSS_PROBES} not present (it lives in the shared folder beside the repository)")
    probes = [line for line in XSS_PROBES.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    assert len(probes) > 2000
    # The page's own markup (e.g. "<head>") is not a reflection: compare with a neutral query.
    baseline = client.get("/search/", {"q": "x"}).content.decode()
    for probe in probes:
        response = client.get("/search/", {"q": probe})
        assert response.status_code == 200, probe
        html = response.content.decode()
        shown = " ".join(probe.split())[:100]
        if any(c in shown for c in "<>\"'"):
            assert html.count(shown) == baseline.count(shown), probe
        assert escape(shown) in html, probe
        assert "搜索暂时不可用" not in html, probe


def test_the_old_address_redirects_with_the_query(client):
    response = client.get("/sousuo/", {"q": "文明"})
    assert response.status_code == 301
    assert response["Location"] == "/search/?q=%E6%96%87%E6%98%8E"


def test_result_pages_are_noindex_and_keep_the_query_out_of_the_title(client):
    html = client.get("/search/", {"q": "垃圾分类"}).content.decode()
    assert '<meta name="robots" content="noindex">' in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "垃圾分类" not in title


def test_results_show_type_date_bureau_and_a_highlighted_snippet(client):
    html = client.get("/search/", {"q": "垃圾分类"}).content.decode()
    assert "<mark>垃圾分类</mark>" in html
    item = html[html.index('class="search-result"') :]
    item = item[: item.index("</li>")]
    assert "search-result__type" in item
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', item)


def test_an_overlong_query_is_cut_with_a_chinese_message(client):
    html = client.get("/search/", {"q": "文明" * 80}).content.decode()
    assert (
        escape(
            zh("Your search was longer than %(limit)s characters, so only the first %(limit)s were used.")
            % {"limit": 100}
        )
        in html
    )
    assert "文明" * 51 not in html


def test_the_empty_query_offers_popular_searches(client):
    html = client.get("/search/").content.decode()
    assert zh("Popular searches") in html
    assert "?q=%E5%A5%BD%E4%BA%BA%E6%A6%9C" in html  # 好人榜


def test_a_query_with_one_unknown_word_falls_back_to_pages_with_some_words(client):
    html = client.get("/search/", {"q": "垃圾分类 zzzqqq"}).content.decode()
    assert 'href="/gongyi/"' in html
    assert zh("No page contains all of your words; showing pages that contain some of them.") in html


def test_sorting_by_date_lists_newest_first(client):
    from wagtail.models import Page

    # The demo is published in one day: spread the pages over past days, in no particular order.
    today = timezone.now()
    for page_id in Page.objects.live().order_by("?").values_list("pk", flat=True):
        Page.objects.filter(pk=page_id).update(first_published_at=today - datetime.timedelta(days=page_id % 97))
    html = client.get("/search/", {"q": "文明", "sort": "date"}).content.decode()
    dates = re.findall(r'<time datetime="([\d-]+)">', html)
    assert len(set(dates)) >= 2  # a sort is only shown by results of different dates
    assert dates == sorted(dates, reverse=True)
    assert Page.objects.live().count() > 10


def test_query_count_does_not_grow_with_the_number_of_results(client, django_assert_max_num_queries):
    # Bounded by the number of content types (facet data, one page of specific pages), not by hits.
    with django_assert_max_num_queries(40):
        response = client.get("/search/", {"q": "文明"})
    assert response.status_code == 200
    with django_assert_max_num_queries(40):
        client.get("/search/", {"q": "文明", "page": 3})


def test_suggestions_are_json_titles(client):
    response = client.get("/search/suggest/", {"q": "推荐"})
    assert response.status_code == 200
    data = response.json()
    assert {"title": "我要推荐", "url": "/tuijian/"} in data["suggestions"]
    assert client.get("/search/suggest/", {"q": ""}).json()["suggestions"] == []


def test_suggestions_are_rate_limited(client, monkeypatch, empty_cache):
    from search import views

    hits = [client.get("/search/suggest/", {"q": "文明"}, REMOTE_ADDR="203.0.113.9") for _ in range(3)]
    assert all(h.status_code == 200 for h in hits)
    monkeypatch.setattr(views, "SUGGEST_LIMIT", type(views.SUGGEST_LIMIT)("search-suggest-test", limit=1, window=60))
    assert client.get("/search/suggest/", {"q": "文明"}, REMOTE_ADDR="203.0.113.10").status_code == 200
    assert client.get("/search/suggest/", {"q": "文明"}, REMOTE_ADDR="203.0.113.10").status_code == 429

"""Chinese search: words inside titles and bodies, pinyin, traditional characters and questions
find their pages, in the public search and in the admin search (both use search.backend)."""

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import parse_query_string

from core.chinese import index_text, query_terms
from search.backend import segment_query

pytestmark = pytest.mark.django_db


def found(query, **kwargs):
    results = get_search_backend().search(query, Page.objects.live(), **kwargs)
    return {page.url_path for page in results}


def public_hrefs(client, query):
    html = client.get("/search/", {"q": query}).content.decode()
    return html


def test_the_default_backend_is_the_chinese_one():
    assert type(get_search_backend()).__name__ in {"ChineseSQLiteSearchBackend", "ChinesePostgresSearchBackend"}


def test_query_words_are_cut_and_question_words_dropped():
    assert query_terms("哪里可以推荐好人") == ["推荐", "好人"]
    assert query_terms("創建文明城市") == ["创建", "文明城市"]
    assert query_terms("可以") == ["可以"], "a query of stop words only is still searched"
    assert "wenming" in index_text("文明交通").split()
    assert {"滇池", "好人榜", "曝光台", "文明办"} <= set(index_text("滇池边的好人榜和曝光台由市文明办管理").split())


@pytest.mark.parametrize(
    "query, url",
    [
        ("垃圾分类", "/gongyi/"),  # from the middle of the section's introduction
        ("诚实守信", "/haoren/"),
        ("整改期限", "/baoguang/"),
        ("推荐好人", "/tuijian/"),
        ("哪里可以推荐好人", "/tuijian/"),
        ("不公开个人身份", "/baoguang/"),
    ],
)
def test_a_word_from_the_middle_of_a_body_finds_its_page(client, query, url):
    assert any(path.endswith(url) for path in found(query)), query
    html = client.get("/search/", {"q": query}).content.decode()
    assert f'href="{url}"' in html, query


def test_pinyin_and_traditional_characters_find_simplified_content(client):
    assert any(p.endswith("/gongyi/") for p in found("lajifenlei"))
    assert any(p.endswith("/gongyi/") for p in found("垃圾分類"))
    html = client.get("/search/", {"q": "baoguangtai"}).content.decode()
    assert 'href="/baoguang/"' in html


def test_multi_word_and_mixed_queries(client):
    assert any(p.endswith("/gongyi/") for p in found("垃圾分类 志愿服务"))
    assert any(p.endswith("/gongyi/") for p in found("LED电子屏"))


def test_wagtail_parsed_queries_are_segmented_too():
    _filters, parsed = parse_query_string('"垃圾分类" 志愿服务')
    assert any(p.endswith("/gongyi/") for p in found(parsed))
    assert segment_query(parsed) is not None
    _filters, single = parse_query_string("垃圾分类")
    assert any(p.endswith("/gongyi/") for p in found(single))


def test_autocomplete_finds_a_word_inside_a_title():
    results = get_search_backend().autocomplete("推荐", Page.objects.live())
    assert any(page.url_path.endswith("/tuijian/") for page in results)


def test_admin_page_search_finds_a_word_from_the_middle_of_a_body(client, make_user):
    admin = make_user("search-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get("/admin/pages/search/", {"q": "垃圾分类"}).content.decode()
    assert "公益广告" in html
    html = client.get("/admin/pages/search/", {"q": "不公开个人身份"}).content.decode()
    assert "曝光台" in html
    html = client.get("/admin/pages/search/", {"q": "zzqqxx不存在的词"}).content.decode()
    assert "曝光台" not in html

"""The public search's hit query (search/page_hits.py): only live public pages, title matches
first, and on PostgreSQL a bounded candidate set that still keeps every title match in play."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from bureaus.models.directive import CreationTaskIndexPage, CreationTaskPage, Mechanism
from search import page_hits, service

pytestmark = pytest.mark.django_db


def task_page(title, text, number, days_ago):
    index = CreationTaskIndexPage.objects.first()
    page = CreationTaskPage(
        title=title,
        slug=f"hits-{number}",
        mechanism=Mechanism.objects.order_by("number").first(),
        number=200 + number,
        text=text,
        first_published_at=timezone.now() - timedelta(days=days_ago),
    )
    index.add_child(instance=page)
    return page


def hit_ids(query, **kwargs):
    return [hit[0] for hit in page_hits.best_public_pages(query.split(), **kwargs)]


def test_a_title_match_outranks_pages_with_the_word_only_in_their_body():
    in_title = task_page("zqxjuniper 志愿服务站点建设", "推进社区志愿服务站点建设。", 1, 900)
    in_body = [task_page(f"社区环境整治{n}", f"第{n}批整治 zqxjuniper 点位。", 2 + n, 10 - n) for n in range(3)]
    found = hit_ids("zqxjuniper")
    assert found[0] == in_title.pk
    assert set(found) == {in_title.pk, *(p.pk for p in in_body)}


def test_a_capped_candidate_set_still_ranks_an_old_title_match_first():
    """On PostgreSQL only the newest matches and the newest title matches are ranked (SQLite
    ranks all of them in FTS5): the old page titled with the word, older than four pages with it
    in their body, is still a candidate and still comes first."""
    oldest_in_title = task_page("zqxmagnolia 文明交通劝导", "路口文明劝导。", 5, 900)
    body_only = [task_page(f"街道巡查{n}", f"巡查发现 zqxmagnolia 问题{n}。", 6 + n, 10 - n) for n in range(4)]
    found = hit_ids("zqxmagnolia", candidates=3, limit=3)
    assert found == [oldest_in_title.pk, body_only[3].pk, body_only[2].pk]


def test_drafts_and_pages_behind_a_view_restriction_are_never_hits():
    public = task_page("zqxcamellia 公开任务", "公开。", 11, 5)
    draft = task_page("zqxcamellia 草稿任务", "草稿。", 12, 4)
    draft.unpublish()
    private = task_page("zqxcamellia 内部任务", "内部。", 13, 3)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert hit_ids("zqxcamellia") == [public.pk]
    assert [hit[0] for hit in service.database_hits("zqxcamellia")] == [public.pk]
    assert page_hits.suggested_pages(["zqxcamellia"]) == [public.pk]
    # A restriction on a section hides everything below it.
    PageViewRestriction.objects.create(page=public.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert hit_ids("zqxcamellia") == []
    assert page_hits.suggested_pages(["zqxcamellia"]) == []


def test_every_word_is_required_unless_any_word_is_asked_for():
    both = task_page("zqxlotus zqxorchid 双词任务", "两个词。", 14, 5)
    one = task_page("zqxlotus 单词任务", "一个词。", 15, 4)
    assert hit_ids("zqxlotus zqxorchid") == [both.pk]
    assert set(hit_ids("zqxlotus zqxorchid", operator="or")) == {both.pk, one.pk}


def test_query_syntax_in_a_term_is_searched_as_text_not_obeyed():
    page = task_page("zqxpeony 任务", "正文。", 16, 5)
    hostile = ["zqxpeony", 'x"y', "&|!:*", "NEAR(", "{title}"]
    assert [hit[0] for hit in page_hits.best_public_pages(hostile, operator="or")] == [page.pk]
    assert page_hits.best_public_pages(hostile, operator="and") == []


def test_more_matches_than_the_cap_are_counted_as_the_best_ones_with_a_notice(client, monkeypatch):
    for n in range(4):
        task_page(f"zqxwisteria 任务{n}", "正文。", 20 + n, 10 - n)
    monkeypatch.setattr(service, "MAX_HITS", 3)
    outcome = service.run("zqxwisteria", {})
    assert outcome.capped
    assert len(outcome.rows) == 3
    assert sum(outcome.counts["type"].values()) == 3
    html = client.get("/search/", {"q": "zqxwisteria"}).content.decode()
    assert "共有3条结果" in html
    assert "只统计了最相关的结果" in html


def test_suggestions_complete_the_last_word_from_live_titles(client):
    titled = task_page("zqxfern 文明劝导", "正文。", 30, 5)
    task_page("社区巡查", "正文提到 zqxfern。", 31, 4)  # only in the body: not a title suggestion
    draft = task_page("zqxfern 草稿", "正文。", 32, 3)
    draft.unpublish()
    data = client.get("/search/suggest/", {"q": "zqxfe"}).json()
    assert data["suggestions"] == [{"title": "zqxfern 文明劝导", "url": titled.url}]
    # Whole words before the last one must all be in the title too.
    assert client.get("/search/suggest/", {"q": "文明 zqxfe"}).json()["suggestions"] == data["suggestions"]
    assert client.get("/search/suggest/", {"q": "礼仪 zqxfe"}).json()["suggestions"] == []


def test_suggestion_syntax_characters_are_text():
    """Quotes, backslashes and operators neither break the query nor widen it (a word made only
    of punctuation may be dropped, as the index drops it)."""
    page = task_page("zqxivy 任务", "正文。", 33, 5)
    for hostile in (["zqxivy", "'"], ["zqxivy", "a'b\\"], ["zqxivy", '"'], ["zqxivy", ":*&|!("], ["'", "zqxiv"]):
        assert set(page_hits.suggested_pages(hostile)) <= {page.pk}
    assert page_hits.suggested_pages(["zqxiv"]) == [page.pk]
    assert page_hits.suggested_pages(["zqxivy", "zqxnothing"]) == []

"""创建动态 (/dongtai/) and the task pages' news, as a citizen reads them; the editor's checks."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction

from bureaus.models.directive import CreationTaskPage
from content.news.models import NewsPage
from tests.helpers import bureau

pytestmark = pytest.mark.django_db


def titles(html):
    return re.findall(r'<h2 class="work-card__title"><a href="[^"]+">([^<]+)</a>', html)


def add_news(bureau_slug, slug, title, tasks=(), live=True, **fields):
    values = {
        "title": title,
        "slug": slug,
        "summary": f"{title}的摘要",
        "body": "<p>正文</p>",
        "published_on": datetime.date(2026, 3, 5),
        **fields,
    }
    page = NewsPage(**values, live=live)
    bureau(bureau_slug).add_child(instance=page)
    page.related_tasks.set(tasks)
    page.save()
    return page


def test_the_demo_has_news_of_several_bureaus_linked_to_tasks():
    news = NewsPage.objects.live()
    assert news.count() >= 6
    assert news.values("bureau").distinct().count() >= 5
    assert all(page.related_tasks.exists() for page in news)


def test_the_list_shows_every_live_article_newest_first(client):
    html = client.get("/dongtai/").content.decode()
    expected = list(
        NewsPage.objects.live().order_by("-published_on", "-first_published_at").values_list("title", flat=True)
    )
    assert titles(html) == expected[:12]
    assert "来源：昆明日报" in html


def test_the_filters_pick_by_bureau_mechanism_task_and_month(client):
    task = CreationTaskPage.objects.get(slug="jiaotong-guanli-3")
    traffic = add_news("gongan", "ceshi-jiaotong", "测试交通动态", [task])
    other = add_news("minzheng", "ceshi-shequ", "测试社区动态", [CreationTaskPage.objects.get(slug="shequ-zhili-2")])

    by_bureau = titles(client.get("/dongtai/?danwei=minzheng").content.decode())
    assert by_bureau == [other.title]
    by_mechanism = titles(client.get("/dongtai/?jizhi=jiaotong-guanli").content.decode())
    assert traffic.title in by_mechanism and other.title not in by_mechanism
    by_task = titles(client.get("/dongtai/?renwu=jiaotong-guanli-3").content.decode())
    assert traffic.title in by_task and other.title not in by_task
    html = client.get("/dongtai/?yuefen=2026-03").content.decode()
    assert sorted(titles(html)) == sorted([traffic.title, other.title])
    assert "2026年3月" in html
    # Unknown values are ignored, never an error.
    unfiltered = titles(client.get("/dongtai/").content.decode())
    assert titles(client.get("/dongtai/?yuefen=2026-13&danwei=nobody&renwu=x").content.decode()) == unfiltered


def test_drafts_and_restricted_articles_stay_off_the_list_the_task_page_and_the_feed(client):
    task = CreationTaskPage.objects.get(slug="jiaotong-guanli-3")
    draft = add_news("gongan", "ceshi-caogao", "测试未发布动态", [task], live=False)
    private = add_news("gongan", "ceshi-shouxian", "测试受限动态", [task])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for path in ("/dongtai/?renwu=jiaotong-guanli-3", "/renwu/jiaotong-guanli-3/", "/dingyue/dongtai/rss.xml"):
        html = client.get(path).content.decode()
        assert draft.title not in html and private.title not in html, path


def test_the_task_page_lists_its_news_and_the_article_its_tasks(client):
    task = CreationTaskPage.objects.get(slug="jiaotong-guanli-3")
    article = NewsPage.objects.live().filter(related_tasks=task).first()
    task_html = client.get(task.url).content.decode()
    assert "本任务的创建动态" in task_html
    assert f'href="/dongtai/{article.bureau.slug}/{article.slug}/"' in task_html

    article_html = client.get(article.url).content.decode()
    assert article.url.startswith("/dongtai/")
    assert "本文涉及的创建任务" in article_html and f'href="{task.url}"' in article_html
    assert "发布单位" in article_html and article.summary in article_html


def test_a_task_with_many_articles_links_to_all_of_them(client):
    task = CreationTaskPage.objects.get(slug="xietiao-liandong-2")
    for n in range(11):
        add_news("wenmingban", f"ceshi-duo-{n}", f"测试多条动态{n}", [task])
    html = client.get(task.url).content.decode()
    assert html.count("测试多条动态") == 10
    assert f'href="/dongtai/?renwu={task.slug}"' in html


def test_the_feeds_and_sitemap_list_news_at_the_section_address(client):
    article = NewsPage.objects.live().order_by("-published_on").first()
    rss = client.get("/dingyue/dongtai/rss.xml").content.decode()
    assert article.title in rss and f"/dongtai/{article.bureau.slug}/{article.slug}/" in rss
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/dongtai/{article.bureau.slug}/{article.slug}/</loc>" in sitemap
    assert 'href="/dingyue/dongtai/rss.xml"' in client.get("/dongtai/").content.decode()


def test_a_lead_image_needs_its_text_alternative():
    image = NewsPage.objects.live().exclude(lead_image=None).first().lead_image
    page = NewsPage(title="测试", slug="ceshi", summary="摘要", body="<p>正文</p>", lead_image=image)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "lead_image_alt" in error.value.message_dict


def test_news_is_found_by_the_chinese_search(client):
    html = client.get("/search/?q=公交专用道").content.decode()
    assert 'href="/dongtai/jiaotong-yunshu/gongjiao-zhuanyong-daotisu/"' in html

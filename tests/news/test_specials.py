"""专题 (/zhuanti/): what a special gathers, and the specials the home page features."""

import datetime
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page, PageViewRestriction

from content.exemplars.models import ExemplarPage
from content.news.models import NewsPage
from content.specials.models import CampaignSpecialPage, SpecialChosenItem
from tests.helpers import bureau

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 28)


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def add_special(slug, title, chosen=(), tag="", **fields):
    special = CampaignSpecialPage(title=title, slug=slug, intro=f"{title}的介绍", gather_tag=tag, **fields)
    special.chosen_items = [SpecialChosenItem(page=Page.objects.get(pk=page.pk)) for page in chosen]
    bureau("wenmingban").add_child(instance=special)
    return special


def add_news(slug, title, tags=(), live=True):
    page = NewsPage(title=title, slug=slug, summary="摘要", body="<p>正文</p>", live=live)
    bureau("gongan").add_child(instance=page)
    page.tags.set(list(tags))
    page.save()
    return page


def test_the_demo_has_two_specials_with_banners_and_gathered_pages(client):
    specials = CampaignSpecialPage.objects.live()
    assert specials.count() >= 2
    for special in specials:
        assert special.banner_image_id and special.banner_alt
        html = client.get(special.url).content.decode()
        assert special.url.startswith("/zhuanti/") and special.intro in html
        assert 'class="special__banner"' in html
    traffic = client.get("/zhuanti/gongan/wenming-jiaotong-yue/").content.decode()
    assert "全市开展“礼让斑马线”专项整治行动" in traffic  # by its tag
    assert "礼让斑马线 文明你我他" in traffic  # an ad chosen by hand
    listing = client.get("/zhuanti/").content.decode()
    assert all(special.title in listing for special in specials)


def test_a_special_lists_chosen_and_tagged_pages_that_are_public(client):
    exemplar = ExemplarPage.objects.live().order_by("path").first()
    tagged = add_news("ceshi-biaoqian", "测试按标签汇集", tags=["垃圾分类宣传周"])
    draft = add_news("ceshi-caogao", "测试未发布的动态", tags=["垃圾分类宣传周"], live=False)
    private = add_news("ceshi-shouxian", "测试受限的动态", tags=["垃圾分类宣传周"])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    untagged = add_news("ceshi-wubiaoqian", "测试无关的动态")
    special = add_special("laji-fenlei-zhou", "垃圾分类宣传周", chosen=[exemplar], tag="垃圾分类宣传周")
    html = client.get(special.url).content.decode()
    assert tagged.title in html and exemplar.person_name in html
    for hidden in (draft, private, untagged):
        assert hidden.title not in html


def test_the_home_page_features_the_specials_of_today(client, fixed_today):
    day = datetime.timedelta(days=1)
    CampaignSpecialPage.objects.update(featured_from=None, featured_until=None)
    add_special("dangqian", "测试当前专题", featured_from=TODAY - day, featured_until=TODAY + day)
    add_special("guoqi", "测试过期专题", featured_from=TODAY - 9 * day, featured_until=TODAY - day)
    add_special("weilai", "测试未来专题", featured_from=TODAY + day, featured_until=TODAY + 9 * day)
    html = client.get("/").content.decode()
    assert "当前专题" in html and "测试当前专题" in html
    assert "测试过期专题" not in html and "测试未来专题" not in html


def test_the_home_page_has_no_specials_area_when_none_is_current(client, fixed_today):
    CampaignSpecialPage.objects.update(featured_from=None, featured_until=None)
    assert 'id="home-specials-title"' not in client.get("/").content.decode()


def test_home_page_dates_come_in_pairs_and_in_order():
    special = CampaignSpecialPage(title="测试", slug="ceshi", intro="介绍", featured_from=TODAY)
    with pytest.raises(ValidationError) as error:
        special.full_clean()
    assert "featured_until" in error.value.message_dict
    special.featured_until = TODAY - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        special.full_clean()
    assert "featured_until" in error.value.message_dict


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def assert_well_formed(html):
    """Every element closed in order, ids unique, one <main>: what the browser checks (axe) take for granted."""
    stack, ids = [], []

    class Checker(HTMLParser):
        def handle_starttag(self, tag, attrs):
            ids.extend(value for name, value in attrs if name == "id")
            if tag not in VOID:
                stack.append(tag)

        def handle_endtag(self, tag):
            assert stack and stack.pop() == tag, f"</{tag}> closes nothing open"

    Checker().feed(html)
    assert stack == [], stack
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert html.count("<main") == 1


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/dongtai/",
        "/dongtai/?jizhi=jiaotong-guanli&yuefen=1999-01",
        "/dongtai/gongan/lirang-banmaxian-zhengzhi/",
        "/renwu/jiaotong-guanli-3/",
        "/zhuanti/",
        "/zhuanti/gongan/wenming-jiaotong-yue/",
        "/zhuanti/wenmingban/gongmin-daode-xuanchuanri/",
    ],
)
def test_the_new_pages_are_well_formed_html(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_well_formed(response.content.decode())

"""Pages editors create get pinyin slugs, and the slug field sits on the content tab under the title."""

import re

import pytest
from django.apps import apps
from django.urls import reverse

from bureaus.models.bureaus import BureauPage
from content.ads.models.plans import AdPlanPage
from content.exemplars.models import ExemplarPage
from content.exposure.models import BehaviourNoticePage, BehaviourType
from core.slugs import MAX_LENGTH, pinyin_slug
from tests.admin_text import form_fields
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

OWN = "gongan"
PLAN_BUREAU = "wenmingban"  # leads the directive task the 公益广告 section serves, so may write the annual plan


@pytest.fixture
def editor(make_user):
    return make_user("slug-editor", [bureau(OWN).editors_group])


def notice(title, **fields):
    fields = {"behaviour_type": BehaviourType.objects.first(), "place": "金马坊", "description": "占道。", **fields}
    page = BehaviourNoticePage(title=title, live=False, **fields)
    bureau(OWN).add_child(instance=page)
    return page


def exemplar(name):
    page = ExemplarPage(
        title=name,
        person_name=name,
        honour_level="yunnan",
        category="helping-others",
        year=2026,
        deed="多年照顾孤寡老人。",
        story="<p>事迹。</p>",
    )
    bureau(OWN).add_child(instance=page)
    return page


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("文明交通专项整治", "wenmingjiaotong-zhuanxiangzhengzhi"),
        ("诚信昆明 你我共建", "chengxin-kunming-ni-wo-gongjian"),
        ("2026年9·20公民道德宣传日", "2026-nian-9-20-gongmindaodexuanchuanri"),
        ("LED屏 A3", "led-ping-a3"),
        ("！！！", ""),
    ],
)
def test_a_title_becomes_words_of_pinyin(title, slug):
    assert pinyin_slug(title) == slug


def test_a_person_is_surname_then_given_name_with_the_surname_reading():
    assert pinyin_slug("李建国", person_name=True) == "li-jianguo"
    assert pinyin_slug("欧阳明月", person_name=True) == "ouyang-mingyue"
    assert pinyin_slug("单田芳", person_name=True) == "shan-tianfang"


def test_a_long_title_is_cut_between_words():
    slug = pinyin_slug("践行社会主义核心价值观，争做文明有礼昆明人，共建全国文明城市，共享美好幸福生活")
    assert len(slug) <= MAX_LENGTH
    assert slug.startswith("jianxing-shehuizhuyi-hexin-jiazhiguan") and not slug.endswith("-")


def test_pages_saved_from_code_get_unique_pinyin_slugs():
    first, second = notice("南屏街乱停乱放"), notice("南屏街乱停乱放")
    assert first.slug.isascii() and first.slug.startswith("nanping")
    assert second.slug == f"{first.slug}-2"
    assert first.url_path.endswith(f"/{first.slug}/")
    assert exemplar("李春华").slug == "li-chunhua"
    assert exemplar("李春华").slug == "li-chunhua-2"


def test_a_chinese_slug_given_in_code_becomes_pinyin_and_an_ascii_one_is_kept():
    assert notice("翠湖周边占道", slug="翠湖周边占道").slug == pinyin_slug("翠湖周边占道")
    assert notice("翠湖周边占道", slug="cuihu-2026").slug == "cuihu-2026"


def test_the_annual_plan_gets_a_pinyin_slug_too():
    plan = AdPlanPage(title="2031年度公益广告宣传计划", year=2031)
    bureau(PLAN_BUREAU).add_child(instance=plan)
    assert plan.slug.startswith("2031-") and plan.slug.isascii()


def add_form(client, model="behaviournoticepage"):
    url = reverse("wagtailadmin_pages:add", args=["content", model, bureau(OWN).pk])
    return url, client.get(url).content.decode()


def test_an_editor_who_leaves_the_slug_as_the_title_filled_it_gets_pinyin(client, editor):
    client.force_login(editor)
    url, html = add_form(client)
    fields = form_fields(html)
    # What the page editor's script puts in the slug field as the editor types a Chinese title.
    fields.update({"title": "金马坊周边占道经营", "slug": "金马坊周边占道经营"})
    fields.update({"place": "金马坊", "description": "占道。", "behaviour_type": str(BehaviourType.objects.first().pk)})
    response = client.post(url, fields)
    assert response.status_code == 302
    page = BehaviourNoticePage.objects.get(title="金马坊周边占道经营")
    assert page.slug == pinyin_slug("金马坊周边占道经营")
    assert page.get_latest_revision().content["slug"] == page.slug


def test_an_editor_who_changes_a_slug_to_chinese_gets_it_in_pinyin_unique_among_siblings(client, editor):
    taken = notice("北京路占道经营")
    page = notice("北京路占道经营二", slug="beijinglu-temp")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    fields = form_fields(client.get(url).content.decode())
    fields.update({"title": "北京路占道经营", "slug": "北京路占道经营"})
    assert client.post(url, fields).status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision().content["slug"] == f"{taken.slug}-2"


@pytest.mark.parametrize("label", BureauPage.subpage_types)
def test_the_slug_is_on_the_content_tab_right_under_the_title(client, make_user, label):
    admin = make_user("slug-admin", is_superuser=True)
    client.force_login(admin)
    model = apps.get_model(label)
    parent = bureau(PLAN_BUREAU if model is AdPlanPage else OWN)
    url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])
    html = client.get(url).content.decode()
    tabs = re.split(r'(?=<section[^>]*role="tabpanel")', html)[1:]
    content, promote = tabs[0], next(tab for tab in tabs if 'id="id_seo_title"' in tab)
    fields = re.findall(r'<(?:input|textarea|select)\b[^>]*\bid="(id_[\w-]+)"', content)
    assert fields[fields.index("id_title") + 1] == "id_slug"
    assert 'id="id_slug"' not in promote
    assert "保存时中文会转换为拼音" in content  # the help text says what happens

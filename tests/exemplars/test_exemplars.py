"""The 好人榜, exemplar pages and the 9·20 campaign page as a citizen and an editor see them."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from bureaus.models.bureaus import BureauPage
from content.exemplars.models import ExemplarCategory, ExemplarPage, ExemplarPhoto, HonourLevel, MoralDayCampaignPage
from content.photos.ingest import store_protected_photo
from content.photos.models import ProtectedPhoto

pytestmark = pytest.mark.django_db


def zh(label):
    """A label as a visitor reads it (the Chinese catalogue, default for every visitor)."""
    with translation.override("zh-hans"):
        return str(label)


def names_listed(html):
    return set(re.findall(r'class="exemplar-card__name"><a href="[^"]+">([^<]+)</a>', html))


def board(client, **params):
    response = client.get("/haoren/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_board_lists_demo_exemplars_grouped_by_year_then_quarter(client):
    html = board(client)
    assert names_listed(html) == set(ExemplarPage.objects.live().values_list("person_name", flat=True))
    assert len(names_listed(html)) >= 12
    periods = re.findall(r'<h3 class="exemplar-period" id="period-(\d+-\d)">', html)
    # Newest year first; within it yearly honours (0) first, then the newest quarter.
    assert periods == ["2026-0", "2026-3", "2026-2", "2026-1", "2025-0", "2025-4", "2025-3"]
    section = html[html.index('id="period-2026-1"') : html.index('id="period-2025-0"')]
    assert names_listed(section) == {"马德清", "周红梅"}
    # A card shows level, category, district, bureau, deed and the like count.
    card = html[html.index("王海涛") - 800 : html.index("王海涛") + 1200]
    for text in [
        zh(HonourLevel.CHINA.label),
        zh(ExemplarCategory.BRAVERY.label),
        "西山区",
        "市公安局",
        "滇池边跳入冰冷湖水",
        "211",
    ]:
        assert text in card, text
    assert "2026年“9·20”公民道德宣传日" in html


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({"jibie": "kunming"}, {"何永强", "苏文静", "马德清", "周红梅", "刘长生", "罗晓峰"}, {"王海涛", "李桂芬"}),
        ({"leibie": "bravery"}, {"王海涛", "何永强"}, {"李桂芬", "陈秀兰"}),
        ({"diqu": "wuhua"}, {"李桂芬"}, {"王海涛", "赵明远"}),
        ({"nian": "2025"}, {"李桂芬", "陈秀兰", "刘长生"}, {"王海涛", "张云"}),
        ({"jibie": "kunming", "nian": "2026", "leibie": "honesty"}, {"马德清"}, {"周红梅", "罗晓峰"}),
    ],
)
def test_each_filter_narrows_the_board(client, params, present, absent):
    html = board(client, **params)
    names = names_listed(html)
    assert present <= names
    assert not absent & names
    assert 'href="/haoren/">' in html  # "clear filters"


def test_bad_filter_values_are_ignored(client):
    everyone = names_listed(board(client))
    for params in [
        {"jibie": "<script>"},
        {"nian": "abc"},
        {"nian": "99999999999999999999"},
        {"diqu": "nowhere"},
        {"page": "999"},
        {"page": "-1"},
    ]:
        html = board(client, **params)
        if "page" not in params:
            assert names_listed(html) == everyone, params


def test_no_match_shows_a_friendly_message(client):
    html = board(client, nian="1995")
    assert names_listed(html) == set()
    assert 'class="empty"' in html


def test_board_is_paginated(client, monkeypatch):
    from content.exemplars import listing as exemplar_listing

    monkeypatch.setattr(exemplar_listing, "PAGE_SIZE", 5)
    first, second = names_listed(board(client)), names_listed(board(client, page=2))
    assert len(first) == len(second) == 5
    assert not first & second
    assert "page=2" in board(client, jibie="kunming")


def test_detail_page_shows_the_exemplar(client):
    html = client.get("/haoren/wenmingban/li-guifen/").content.decode()
    for text in [
        "李桂芬",
        zh(HonourLevel.MORAL_MODEL.label),
        zh(ExemplarCategory.HELPING_OTHERS.label),
        "五华区",
        "市文明办",
        "十二年义务为社区留守儿童辅导功课",
        "“桂芬课堂”扩展到五华区七个社区",
        "第八届昆明市道德模范",
        "志愿服务",
        "关爱未成年人",
        'name="csrfmiddlewaretoken"',
        reverse("exemplar_like", args=[ExemplarPage.objects.get(slug="li-guifen").pk]),
    ]:
        assert text in html, text
    assert "李桂芬在社区活动室给孩子们讲故事" in html  # the consented photo, by its text alternative
    assert re.search(r'<img src="/media/photos/public/[0-9a-f]+\.jpg" srcset=', html)


def test_the_campaign_page_gathers_events_and_exemplars(client):
    campaign = MoralDayCampaignPage.objects.get(year=2026)
    html = client.get(campaign.url).content.decode()
    titles = [
        "道德讲堂进社区",
        "“文明交通 你我同行”志愿服务集中行动",
        "昆明市道德模范和身边好人发布仪式",
        "好人事迹巡回宣讲",
    ]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions), "events in date order"
    featured = html[html.index('id="featured-heading"') : html.index('id="gathered-heading"')]
    assert {"王海涛", "张云"} <= names_listed(featured)
    gathered = names_listed(html[html.index('id="gathered-heading"') :])
    # Yearly honours of 2026 not featured join by themselves; quarterly ones and 2025 do not.
    assert {"赵明远", "段丽华"} <= gathered
    assert not {"王海涛", "张云", "何永强", "李桂芬"} & gathered
    assert "/haoren/?nian=2026" in html


def portrait(colour):
    out = io.BytesIO()
    Image.new("RGB", (400, 500), colour).save(out, format="PNG")
    return out.getvalue()


def add_photo(page, title, **fields):
    photo = store_protected_photo(
        portrait((200, 10, 10)), purpose="exemplar", title=title, bureau=page.bureau, process_now=True
    )
    ProtectedPhoto.objects.filter(pk=photo.pk).update(**fields)
    ExemplarPhoto.objects.create(page=page, photo=photo, alt_text=title)
    photo.refresh_from_db()
    return photo


def test_photos_without_consent_or_of_minors_never_appear(client):
    page = ExemplarPage.objects.get(slug="li-guifen")
    hidden = [
        add_photo(page, "无同意记录的照片"),
        add_photo(page, "只有日期的照片", consent_recorded_on=datetime.date(2026, 1, 1), consent_record="  "),
        add_photo(
            page,
            "未成年人照片",
            shows_minor=True,
            consent_recorded_on=datetime.date(2026, 1, 1),
            consent_record="档案 1",
        ),
    ]
    shown = add_photo(page, "有同意记录的照片", consent_recorded_on=datetime.date(2026, 1, 2), consent_record="档案 2")
    for url in [page.url, "/haoren/", "/haoren/?diqu=wuhua"]:
        html = client.get(url).content.decode()
        for photo in hidden:
            assert photo.title not in html
            for rendition in photo.public_renditions.all():
                assert rendition.file.name.rsplit("/", 1)[-1] not in html, url
    html = client.get(page.url).content.decode()
    assert shown.title in html
    assert shown.public_renditions.first().file.name.rsplit("/", 1)[-1] in html
    # The demo's minor's photo and the one still waiting for consent are not shown either.
    for slug, alt in [("su-wenjing", "苏文静和女儿在早餐车前"), ("ma-deqing", "马德清在出租车旁")]:
        exemplar = ExemplarPage.objects.get(slug=slug)
        assert ExemplarPhoto.objects.filter(page=exemplar).exists()
        assert alt not in client.get(exemplar.url).content.decode()


def exemplar_form(**overrides):
    data = {
        "title": "测试好人",
        "slug": "ceshi-haoren",
        "person_name": "测试好人",
        "honour_level": HonourLevel.YUNNAN,
        "category": "honesty",
        "year": "2026",
        "quarter": "",
        "district": "",
        "deed": "拾金不昧",
        "story": rich_text("<p>事迹</p>"),
        "tags": "",
        "photos": inline_formset([]),
        "honours": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def editor_client(client, make_user):
    client.force_login(make_user("exemplar-admin", is_superuser=True, is_staff=True))
    return client


def add_url():
    bureau = BureauPage.objects.get(slug="wenmingban")
    return reverse("wagtailadmin_pages:add", args=("content", "exemplarpage", bureau.pk))


def test_editor_is_told_when_the_deed_is_over_70_characters(editor_client):
    response = editor_client.post(add_url(), exemplar_form(deed="好" * 71))
    assert response.status_code == 200
    assert "deed" in response.context["form"].errors
    assert not ExemplarPage.objects.filter(slug="ceshi-haoren").exists()
    response = editor_client.post(add_url(), exemplar_form(deed="好" * 70))
    assert response.status_code == 302
    assert ExemplarPage.objects.get(slug="ceshi-haoren").deed == "好" * 70


def test_a_good_person_of_kunming_needs_a_quarter(editor_client):
    response = editor_client.post(add_url(), exemplar_form(honour_level=HonourLevel.KUNMING))
    assert response.status_code == 200
    assert "quarter" in response.context["form"].errors
    assert not ExemplarPage.objects.filter(slug="ceshi-haoren").exists()
    response = editor_client.post(add_url(), exemplar_form(honour_level=HonourLevel.KUNMING, quarter="2"))
    assert response.status_code == 302
    assert ExemplarPage.objects.get(slug="ceshi-haoren").quarter == 2


def test_a_consent_needs_both_its_date_and_its_record(editor_client):
    # Recorded on the photo (its edit page in the photo admin), not on a page's link to it.
    photo = ExemplarPage.objects.get(slug="li-guifen").photos.first().photo
    url = f"/admin/protected-photos/edit/{photo.pk}/"
    row = {"title": photo.title, "bureau": photo.bureau_id, "consent_recorded_on": "2026-01-01"}
    response = editor_client.post(url, {**row, "consent_record": ""})
    assert response.status_code == 200
    assert "consent_record" in response.context["form"].errors
    photo.refresh_from_db()
    assert photo.consent_recorded_on != datetime.date(2026, 1, 1)
    response = editor_client.post(url, {**row, "consent_record": "档案 9"})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.consent_recorded_on, photo.consent_record, photo.may_be_public) == (
        datetime.date(2026, 1, 1),
        "档案 9",
        True,
    )


def test_a_minors_photo_stays_hidden_on_every_page_that_uses_it(client):
    """The flags live on the photo: a second page linking the same photo cannot clear them."""
    minor = ExemplarPage.objects.get(slug="su-wenjing").photos.first().photo
    assert minor.shows_minor and not minor.may_be_public
    other = ExemplarPage.objects.get(slug="li-guifen")
    ExemplarPhoto.objects.create(page=other, photo=minor, alt_text="第二处使用的照片")
    html = client.get(other.url).content.decode()
    assert "第二处使用的照片" not in html
    for rendition in minor.public_renditions.all():
        assert rendition.file.name.rsplit("/", 1)[-1] not in html

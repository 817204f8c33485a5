"""The home page as a first-time visitor sees it: the campaign it leads with, the newest good
people with their faces, the exposure board's live counts, the links to this year's 9·20 page
and annual ad plan, and empty states that say what to do."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from content.ads.models.plans import AdPlanPage
from content.exemplars.models import ExemplarPage, MoralDayCampaignPage
from content.exposure.models import ExposureNoticePage
from content.news.models import NewsPage
from content.specials.models import current_specials
from tests.helpers import bureau

pytestmark = pytest.mark.django_db


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return unescape(response.content.decode())


def part(html, css_class):
    match = re.search(rf'<section class="[^"]*\b{css_class}\b[^"]*".*?</section>', html, re.S)
    assert match, css_class
    return match.group(0)


def test_the_page_leads_with_the_current_campaign_and_its_wide_banner(client):
    lead, *others = list(current_specials())
    hero = part(home(client), "hero")
    assert f">{lead.title}</span>" in hero
    assert re.search(rf'class="home-campaign__link" href="/zhuanti/[a-z-]+/{lead.slug}/"', hero)
    banner = re.search(r'<img[^>]*class="home-campaign__banner"[^>]*>', hero).group(0)
    assert "fill-1280x400" in banner and f'alt="{lead.banner_alt}"' in banner
    for special in others:
        assert special.title in part(home(client), "home-specials")


def test_no_campaign_under_way_leaves_the_search_alone_in_the_hero(client):
    today = timezone.localdate()
    for special in current_specials():
        special.featured_until = today - datetime.timedelta(days=1)
        special.save_revision().publish()
    html = home(client)
    assert "home-campaign" not in html and "home-specials" not in html
    assert 'role="search"' in part(html, "hero")


def test_the_newest_good_people_are_shown_with_their_faces(client):
    faces = part(home(client), "home-exemplars")
    newest = list(ExemplarPage.objects.live().order_by("-first_published_at", "-pk")[:6])
    shown = re.findall(r'<span class="home-face__name">([^<]+)</span>', faces)
    assert shown == [exemplar.person_name for exemplar in newest]
    tiles = re.findall(r'<li class="home-face">.*?</li>', faces, re.S)
    for exemplar, tile in zip(newest, tiles, strict=True):
        has_photo = exemplar.photos.filter(exemplar.photos.model.shown_filter()).exists()
        if has_photo:
            assert "<img" in tile and 'class="home-face__photo"' in tile, exemplar.person_name
        else:
            assert "<img" not in tile
            assert f">{exemplar.person_name[0]}</span>" in tile, exemplar.person_name
    assert any("<img" in tile for tile in tiles), "the demo's newest good people include one with a photo"


def test_a_good_person_behind_a_view_restriction_stays_off_the_home_page(client):
    newest = ExemplarPage.objects.live().order_by("-first_published_at", "-pk").first()
    PageViewRestriction.objects.create(page=newest, restriction_type=PageViewRestriction.LOGIN)
    assert newest.person_name not in part(home(client), "home-exemplars")


def test_the_exposure_counts_are_the_boards_own_and_link_to_its_filters(client):
    counts = part(home(client), "home-exposure")
    board = unescape(client.get("/baoguang/").content.decode())
    board_counts = dict(re.findall(r'status-count--([a-z-]+)"><a [^>]*>.*?status-count__number">(\d+)<', board, re.S))
    home_counts = dict(
        re.findall(
            r'home-count--([a-z-]+)"><a href="/baoguang/\?zhuangtai=\1"><span class="home-count__number">(\d+)<', counts
        )
    )
    assert home_counts == board_counts and len(home_counts) == 4
    total = ExposureNoticePage.objects.live().count()
    assert f"已曝光问题{total}个" in counts
    newest = ExposureNoticePage.objects.live().order_by("-first_published_at", "-pk")[:3]
    assert [n.title for n in newest] == re.findall(r'<li><a href="[^"]+">([^<]+)</a> <time', counts)


def test_the_home_page_links_the_latest_moral_day_and_this_years_ad_plan(client):
    this_year = timezone.localdate().year
    plan = AdPlanPage.objects.live().get(year=this_year)
    # A plan for next year, already published, does not replace this year's on the home page.
    next_plan = AdPlanPage(title=f"{this_year + 1}年公益广告计划", slug=f"jihua-{this_year + 1}", year=this_year + 1)
    plan.get_parent().add_child(instance=next_plan)
    next_plan.save_revision().publish()
    html = home(client)
    assert f'href="/gongyi/{plan.get_parent().slug}/{plan.slug}/"' in part(html, "daily-ad-section")
    assert f"{this_year}年公益广告宣传计划" in html
    moral_day = MoralDayCampaignPage.objects.live().order_by("-year").first()
    assert f">{moral_day.title}</a>" in part(html, "home-exemplars")


def test_empty_sections_say_what_a_visitor_can_do(client):
    ExemplarPage.objects.live().update(live=False)
    ExposureNoticePage.objects.live().update(live=False)
    html = home(client)
    assert "还没有发布好人事迹。身边有值得学习的人？推荐他（她）。" in part(html, "home-exemplars")
    assert "还没有曝光的问题。发现不文明现象？拍照告诉我们。" in part(html, "home-exposure")
    assert 'href="/suishoupai/"' in part(html, "home-exposure")


def test_news_are_listed_by_the_day_they_report(client):
    old = NewsPage(
        title="一则补录的旧动态",
        slug="bulu-jiu-dongtai",
        summary="摘要",
        body="<p>正文</p>",
        published_on=datetime.date(2020, 1, 1),
    )
    bureau("gongan").add_child(instance=old)
    old.save_revision().publish()
    news = re.search(
        r'<section class="card section-slot" aria-labelledby="slot-dongtai">.*?</section>', home(client), re.S
    )
    news = news.group(0)
    assert "一则补录的旧动态" not in news  # published last, but it reports a day long past
    newest = NewsPage.objects.live().order_by("-published_on", "-first_published_at", "-pk")[:5]
    for item in newest:
        assert item.title in news


def test_without_a_daily_ad_the_plan_is_linked_from_the_ads_section(client):
    from content.ads.models.works import PublicServiceAdPage

    PublicServiceAdPage.objects.live().update(valid_to=datetime.date(2020, 1, 1))
    html = home(client)
    assert "daily-ad-section" not in html
    ads = re.search(r'<section class="card section-slot" aria-labelledby="slot-gongyi">.*?</section>', html, re.S)
    plan = AdPlanPage.objects.live().get(year=timezone.localdate().year)
    assert f'href="/gongyi/{plan.get_parent().slug}/{plan.slug}/"' in ads.group(0)


def test_section_headings_read_in_english_when_chosen(client):
    chinese = home(client)
    assert '<h2 id="home-exposure-title"><a href="/baoguang/">曝光台</a></h2>' in chinese
    client.post("/yuyan/", {"language": "en", "next": "/"})
    html = home(client)
    assert '<h2 id="home-exposure-title"><a href="/baoguang/">Exposure board</a></h2>' in html
    assert '<a href="/dongtai/">News</a></h2>' in html and "More in News" in html
    assert "Good people near you" in html

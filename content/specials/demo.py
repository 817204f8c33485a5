"""Demo campaign specials (专题): 文明交通月 (市公安局) and 9·20 公民道德宣传日 (市文明办), each
with a banner drawn like the demo ads' posters, pages chosen by hand and the news gathered by
tag; both featured on the home page around the day the demo is built. Idempotent."""

import datetime

from django.utils import timezone
from wagtail.models import Page

from content.ads.demo_artwork import poster_png
from content.ads.models.works import PublicServiceAdPage
from content.exemplars.models import ExemplarPage
from content.exposure.models import BehaviourNoticePage
from content.news.demo import MORAL_DAY, TRAFFIC_MONTH, demo_image
from content.specials.models import CampaignSpecialPage, SpecialChosenItem
from core.sanitise import clean_rich_text

BANNER_SIZE = (1600, 500)


def _banner(title, subtitle, colour, collection):
    return demo_image(f"{title} 专题横幅", collection, lambda: poster_png(title, subtitle, colour, BANNER_SIZE))


def _as_pages(pages):
    # The chosen rows point to plain pages: compared as such, a rebuild finds nothing changed.
    return list(Page.objects.filter(pk__in=[page.pk for page in pages]).order_by("path"))


def build_specials(builder, bureaus, today=None):
    today = today or timezone.localdate()
    day = datetime.timedelta(days=1)
    police, office = bureaus["市公安局"], bureaus["市文明办"]

    traffic_ads = PublicServiceAdPage.objects.live().filter(theme__slug="wenming-jiaotong").order_by("path")[:3]
    traffic_notices = BehaviourNoticePage.objects.live().filter(bureau=police).order_by("path")[:2]
    builder.ensure_page(
        police,
        CampaignSpecialPage,
        "wenming-jiaotong-yue",
        {
            "title": "文明交通月",
            "banner_image": _banner("文明交通月", "礼让斑马线 文明你我他", "#0b4f9c", police.collection),
            "banner_alt": "蓝色横幅，写着“文明交通月”",
            "intro": "礼让斑马线、一盔一带、不闯红灯：文明交通月期间，全市开展交通秩序集中整治和文明出行宣传，"
            "这里汇集整治动态、公益广告和曝光的不文明交通行为。",
            "body": clean_rich_text(
                "<p>活动期间，交警、城管和志愿者在主城区重点路口开展劝导，"
                "市民发现不文明交通行为可通过“随手拍”报告。</p>"
            ),
            "campaign_starts_on": today - 10 * day,
            "campaign_ends_on": today + 20 * day,
            "gather_tag": TRAFFIC_MONTH,
            "featured_from": today - 10 * day,
            "featured_until": today + 20 * day,
        },
        inline={"chosen_items": (SpecialChosenItem, "page", _as_pages([*traffic_ads, *traffic_notices]))},
    )

    # The most recent 9·20 (this year's once it has passed, last year's before).
    year = today.year if (today.month, today.day) >= (9, 13) else today.year - 1
    exemplars = ExemplarPage.objects.live().filter(honour_level="moral-model").order_by("path")[:4]
    builder.ensure_page(
        office,
        CampaignSpecialPage,
        "gongmin-daode-xuanchuanri",
        {
            "title": f"{year}年9·20公民道德宣传日",
            "banner_image": _banner("9·20公民道德宣传日", "崇德向善 见贤思齐", "#9f1c1c", office.collection),
            "banner_alt": "红色横幅，写着“9·20公民道德宣传日”",
            "intro": "9月20日是公民道德宣传日。全市开展道德模范宣讲、“我们的节日”和身边好人评选，"
            "这里汇集道德模范的事迹和各单位的活动动态。",
            "body": "",
            "campaign_starts_on": datetime.date(year, 9, 13),
            "campaign_ends_on": datetime.date(year, 9, 27),
            "gather_tag": MORAL_DAY,
            "featured_from": today - 7 * day,
            "featured_until": today + 30 * day,
        },
        inline={"chosen_items": (SpecialChosenItem, "page", _as_pages(exemplars))},
    )

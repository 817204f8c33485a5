"""Every public page costs a bounded number of queries, and lists do not grow per item (no N+1)."""

import datetime

import pytest

from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District
from content.ads.models.placements import AdPlacement
from content.ads.models.works import AdCarrier, PublicServiceAdPage
from content.exemplars.models import ExemplarPage, MoralDayCampaignPage
from content.exposure.models import BehaviourNoticePage, UnitNoticePage
from content.handbooks.models import EtiquetteHandbookPage
from content.news.models import NewsPage
from content.specials.models import CampaignSpecialPage
from tests.factories.bureaus import BureauFactory, CreationTaskFactory, DistrictFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

# Measured on the demo content (docs/performance.md): every public page within 15 queries, each
# bound at today's count so a regression shows.
PAGE_BUDGETS = {
    "/": 15,  # with the 创建动态 slot and the current specials (their banners' renditions prefetched)
    "/danwei/": 5,
    "/danwei/gongan/": 6,
    "/danwei/shudi/": 7,
    "/renwu/": 8,
    "/renwu/?danwei=gongan": 8,
    "/renwu/chengshi-guanli-1/": 8,  # 7, and one for the task's news (none here)
    "/renwu/jiaotong-guanli-3/": 8,  # a task with news (创建动态)
    "/renwu/shishi-yijian/": 6,
    "/gongyi/": 15,
    "/gongyi/?zhuti=wenming-jiaotong&meiti=print": 15,
    "/haoren/": 13,
    "/liyi/": 7,
    "/baoguang/": 14,
    "/gongyi/gongan/lixing-banmaxian/": 10,  # an ad at its section's address (docs/section-urls.md)
    f"/gongyi/wenmingban/jihua-{datetime.date.today().year}/": 6,  # the annual plan, in the ads section
    "/tuijian/": 7,
    "/dongtai/": 12,
    "/dongtai/?danwei=gongan&jizhi=jiaotong-guanli&renwu=jiaotong-guanli-3&yuefen=2026-01": 12,
    "/zhuanti/": 8,
    "/search/?q=%E4%BA%A4%E9%80%9A": 14,
    "/healthz/": 5,
    "/no-such-page/": 4,
    "/danwei/gongan/no-such-page/": 4,
    "/gongyi/gongan/no-such-page/": 4,
}
# Detail pages found by type (their slugs come from the demo content); the QR page by its code.
DETAIL_BUDGETS = {
    ExemplarPage: 12,
    EtiquetteHandbookPage: 5,
    BehaviourNoticePage: 10,
    UnitNoticePage: 10,
    MoralDayCampaignPage: 12,
    NewsPage: 9,
    CampaignSpecialPage: 12,
}
PLACEMENT_BUDGET = 4


@pytest.mark.parametrize("path", list(PAGE_BUDGETS))
def test_page_query_count_is_within_budget(client, path):
    status = 404 if "no-such-page" in path else 200
    assert count_queries(client, path, status) <= PAGE_BUDGETS[path]


@pytest.mark.parametrize("model", list(DETAIL_BUDGETS), ids=lambda model: model.__name__)
def test_detail_page_query_count_is_within_budget(client, model):
    page = model.objects.live().order_by("path").first()
    assert count_queries(client, page.url) <= DETAIL_BUDGETS[model]


def test_ad_placement_page_query_count_is_within_budget(client):
    placement = AdPlacement.objects.order_by("pk").first()
    assert count_queries(client, f"/gongyi/dianwei/{placement.code}/") <= PLACEMENT_BUDGET


def add_bureaus_and_tasks(count):
    for _ in range(count):
        CreationTaskFactory(lead_bureaus=[BureauFactory()])
    DistrictFactory.create_batch(count)
    # More works too, each with its artwork, downloads and a placement.
    template = PublicServiceAdPage.objects.get(slug="lixing-banmaxian")
    for n in range(count // 3):
        work = template.copy(update_attrs={"slug": f"copy-{n}", "title": f"副本{n}"}, keep_live=True)
        AdPlacement.objects.create(
            work=work,
            carrier=AdCarrier.objects.first(),
            place="测试点位",
            district=District.objects.first(),
            bureau=template.bureau,
        )


def add_copies(model, count):
    """`count` more live pages like the demo's first of `model`, each with its photos, honours,
    tags and other children (copied with the page)."""
    template = model.objects.live().order_by("path").first()
    for n in range(count):
        template.copy(
            update_attrs={"slug": f"{template.slug}-copy-{n}", "title": f"{template.title}{n}"}, keep_live=True
        )


LIST_PAGES = [
    "/",
    "/danwei/",
    "/renwu/",
    "/gongyi/",
    "/gongyi/?page=2",
    "/danwei/gongan/",
    "/danwei/shudi/",
    "/haoren/",
    "/baoguang/",
    "/liyi/",
    "/dongtai/",
    "/zhuanti/",
]
# The search page is left out: its queries follow the number of page types among the hits (at
# most one each), never their number, and the added items bring new types into its results.


def test_lists_cost_the_same_with_many_more_items(client):
    before = {path: count_queries(client, path) for path in LIST_PAGES}
    add_bureaus_and_tasks(60)
    # Handbooks are one edition per year and audience (a constraint a copy cannot pass); /liyi/
    # is measured with the bureaus and tasks added.
    for model in (ExemplarPage, BehaviourNoticePage, UnitNoticePage, NewsPage, CampaignSpecialPage):
        add_copies(model, 30)
    assert BureauPage.objects.count() == 89
    assert PublicServiceAdPage.objects.live().count() >= 29
    assert ExemplarPage.objects.live().count() >= 44
    after = {path: count_queries(client, path) for path in LIST_PAGES}
    assert after == before, "query counts with the demo vs. with 60 more bureaus and tasks and 30 more of each item"

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
from content.honours.models import HonourKind, HonourLevel, HonourRollEntry
from content.news.models import NewsPage
from content.progress.models import TaskProgressReportPage
from content.specials.models import CampaignSpecialPage
from tests.factories.bureaus import BureauFactory, CreationTaskFactory, DistrictFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

# Measured on the demo content (docs/performance.md): every public page within 15 queries, each
# bound at today's count so a regression shows. A section's served tasks are one query
# (content/sections.py).
PAGE_BUDGETS = {
    "/": 15,  # with the 创建动态 slot and the current specials (their banners' renditions prefetched)
    "/danwei/": 5,
    "/danwei/gongan/": 7,
    "/danwei/shudi/": 8,
    "/renwu/": 8,
    "/renwu/?danwei=gongan": 8,
    "/renwu/chengshi-guanli-1/": 10,  # + the progress timeline (its reports and their figures) and the task's news
    "/renwu/jiaotong-guanli-3/": 10,  # a task with news (创建动态) and progress reports
    "/renwu/shishi-yijian/": 6,
    "/renwu/?zhuangtai=changtaihua": 8,  # by the latest progress report's status
    "/renwu/?zhuangtai=weibaosong&danwei=gongan": 8,
    "/renwu/chengguan-zhifa/zhifa-gaige-2026q3/": 7,  # a progress report, at its section's address
    "/renwu/chenggaiban/laojiu-xiaoqu-2026q2/": 10,  # a progress report with a photo
    "/rongyu/": 7,
    "/rongyu/?leixing=jiating&nian=2025&jibie=shi&q=%E5%AE%B6%E5%BA%AD": 7,
    "/gongyi/": 14,
    "/gongyi/?zhuti=wenming-jiaotong&meiti=print": 14,
    "/haoren/": 12,
    "/liyi/": 6,
    "/baoguang/": 13,
    "/gongyi/gongan/lixing-banmaxian/": 10,  # an ad at its section's address (docs/section-urls.md)
    f"/gongyi/wenmingban/jihua-{datetime.date.today().year}/": 6,  # the annual plan, in the ads section
    "/tuijian/": 6,
    "/dongtai/": 11,
    "/dongtai/?danwei=gongan&jizhi=jiaotong-guanli&renwu=jiaotong-guanli-3&yuefen=2026-01": 11,
    "/zhuanti/": 7,
    # The facets read every type's rows in one query (search/facets.py), and the weekly search log
    # is one upsert (search/query_log.py).
    "/search/?q=%E4%BA%A4%E9%80%9A": 14,
    "/healthz/": 5,
    "/no-such-page/": 4,
    "/danwei/gongan/no-such-page/": 4,
    "/gongyi/gongan/no-such-page/": 4,
}
# Detail pages found by type (their slugs come from the demo content); the QR page by its code.
DETAIL_BUDGETS = {
    ExemplarPage: 11,
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


def add_progress_reports(count):
    """`count` more live reports, half of them on 深化城市执法体制改革 (its timeline grows), each
    with its figures."""
    template = TaskProgressReportPage.objects.live().get(slug="zhifa-gaige-2026q3")
    others = list(TaskProgressReportPage.objects.live().exclude(pk=template.pk).order_by("pk"))
    for n in range(count):
        source = template if n % 2 else others[n % len(others)]
        source.copy(update_attrs={"slug": f"{source.slug}-copy-{n}", "title": f"{source.title}{n}"}, keep_live=True)


def add_honours(count):
    HonourRollEntry.objects.bulk_create(
        HonourRollEntry(
            kind=HonourKind.values[n % 4],
            level=HonourLevel.values[n % 3],
            year=2000 + n % 20,
            name=f"测试文明单位{n}",
            district=District.objects.order_by("pk")[n % 5],
        )
        for n in range(count)
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
    "/renwu/chengshi-guanli-1/",
    "/rongyu/",
    "/rongyu/?page=2",
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
    add_progress_reports(60)
    add_honours(300)
    assert BureauPage.objects.count() == 89
    assert PublicServiceAdPage.objects.live().count() >= 29
    assert ExemplarPage.objects.live().count() >= 44
    after = {path: count_queries(client, path) for path in LIST_PAGES}
    assert after == before, "query counts with the demo vs. with 60 more bureaus and tasks and 30 more of each item"

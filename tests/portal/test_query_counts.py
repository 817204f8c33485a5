"""Every public page costs a bounded number of queries, and lists do not grow per item (no N+1)."""

import datetime

import pytest

from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District
from content.ads.models.placements import AdPlacement
from content.ads.models.works import AdCarrier, PublicServiceAdPage
from tests.factories.bureaus import BureauFactory, CreationTaskFactory, DistrictFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

# Measured on the demo content; a bound a little above today's count so a regression shows.
PAGE_BUDGETS = {
    "/": 22,
    "/danwei/": 12,
    "/danwei/gongan/": 14,
    "/danwei/shudi/": 15,
    "/renwu/": 15,
    "/renwu/?danwei=gongan": 15,
    "/renwu/chengshi-guanli-1/": 16,
    "/renwu/shishi-yijian/": 15,
    "/gongyi/": 22,
    "/gongyi/?zhuti=wenming-jiaotong&meiti=print": 22,
    "/danwei/gongan/lixing-banmaxian/": 21,
    f"/danwei/wenmingban/jihua-{datetime.date.today().year}/": 14,  # the annual plan, under its bureau
    "/tuijian/": 13,
    "/search/?q=%E4%BA%A4%E9%80%9A": 40,
    "/healthz/": 5,
    "/no-such-page/": 12,
}


@pytest.mark.parametrize("path", list(PAGE_BUDGETS))
def test_page_query_count_is_within_budget(client, path):
    status = 404 if path == "/no-such-page/" else 200
    assert count_queries(client, path, status) <= PAGE_BUDGETS[path]


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


LIST_PAGES = ["/", "/danwei/", "/renwu/", "/gongyi/", "/gongyi/?page=2", "/danwei/gongan/", "/danwei/shudi/"]


def test_lists_cost_the_same_with_many_more_items(client):
    before = {path: count_queries(client, path) for path in LIST_PAGES}
    add_bureaus_and_tasks(60)
    assert BureauPage.objects.count() == 89
    assert PublicServiceAdPage.objects.live().count() >= 29
    after = {path: count_queries(client, path) for path in LIST_PAGES}
    assert after == before, "query counts with the demo vs. with 60 more bureaus and tasks"

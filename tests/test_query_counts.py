"""Every public page costs a bounded number of queries, and lists do not grow per item (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import CreationTaskIndexPage, CreationTaskLeadBureau, CreationTaskPage, Mechanism
from portal.models import BureauIndexPage, BureauPage

pytestmark = pytest.mark.django_db

# Measured on the demo content; a bound a little above today's count so a regression shows.
PAGE_BUDGETS = {
    "/": 20,
    "/danwei/": 14,
    "/danwei/gongan/": 16,
    "/danwei/shudi/": 17,
    "/renwu/": 16,
    "/renwu/?danwei=gongan": 16,
    "/renwu/chengshi-guanli-1/": 16,
    "/renwu/shishi-yijian/": 16,
    "/gongyi/": 16,
    "/tuijian/": 16,
    "/sousuo/?q=%E4%BA%A4%E9%80%9A": 16,
    "/healthz/": 6,
    "/no-such-page/": 14,
}


def count_queries(client, path):
    client.get(path)  # warm per-process caches (content types, site root paths) like a running server
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code in (200, 404), path
    return len(queries)


@pytest.mark.parametrize("path", list(PAGE_BUDGETS))
def test_page_query_count_is_within_budget(client, path):
    assert count_queries(client, path) <= PAGE_BUDGETS[path]


def add_bureaus_and_tasks(count):
    index = BureauIndexPage.objects.get()
    task_index = CreationTaskIndexPage.objects.get()
    mechanism = Mechanism.objects.get(number=1)
    for i in range(count):
        bureau = BureauPage(title=f"测试单位{i}", slug=f"test-bureau-{i}", kind="city")
        index.add_child(instance=bureau)
        task = CreationTaskPage(
            title=f"测试任务{i}", slug=f"test-task-{i}", mechanism=mechanism, number=100 + i, text="任务内容"
        )
        task.lead_bureaus = [CreationTaskLeadBureau(bureau=bureau)]
        task_index.add_child(instance=task)


LIST_PAGES = ["/", "/danwei/", "/renwu/", "/gongyi/", "/danwei/gongan/", "/danwei/shudi/"]


def test_lists_cost_the_same_with_many_more_items(client):
    before = {path: count_queries(client, path) for path in LIST_PAGES}
    add_bureaus_and_tasks(60)
    assert BureauPage.objects.count() == 89
    after = {path: count_queries(client, path) for path in LIST_PAGES}
    assert after == before, "query counts with the demo vs. with 60 more bureaus and tasks"

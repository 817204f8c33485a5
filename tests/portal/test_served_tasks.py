"""The directive tasks a section serves (content/sections.py) and the compiled query that reads
them (core/compiled_queries.py): what the list shows, in its order, and the same rows as the ORM."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bureaus.models.bureaus import BureauPage
from bureaus.models.directive import CreationTaskPage
from content.exemplars.index import ExemplarIndexPage
from content.exposure.index import ExposureIndexPage
from core.compiled_queries import CompiledRows
from tests.factories.bureaus import CreationTaskFactory

pytestmark = pytest.mark.django_db


def served(html):
    section = re.search(r'<section aria-labelledby="served-tasks">.*?</section>', html, re.S).group(0)
    items = re.findall(r'<li><a href="[^"]+">([^<]+)</a>\s*<span class="lead-bureaus">(.*?)</span>', section, re.S)
    return [(task, re.findall(r'<a href="[^"]+">([^<]+)</a>', leads)) for task, leads in items]


def test_a_section_lists_its_live_tasks_in_order_with_their_lead_bureaus_in_order(client):
    index = ExposureIndexPage.objects.get()
    gongan, shudi = BureauPage.objects.get(slug="gongan"), BureauPage.objects.get(slug="shudi")
    unled = CreationTaskFactory(title="无牵头单位的任务", number=202)
    led = CreationTaskFactory(title="整治占道经营", number=201, lead_bureaus=[shudi, gongan])
    withdrawn = CreationTaskFactory(title="已撤下的任务", number=203, lead_bureaus=[gongan])
    withdrawn.unpublish()
    index.related_tasks.add(led, unled, withdrawn)
    index.save()

    tasks = served(client.get("/baoguang/").content.decode())
    ours = ("整治占道经营", "无牵头单位的任务", "已撤下的任务")
    mine = [(title, leads) for title, leads in tasks if title.endswith(ours)]
    assert [title.split(" ", 1)[1] for title, _leads in mine] == ["201. 整治占道经营", "202. 无牵头单位的任务"]
    assert mine[0][1] == [shudi.title, gongan.title]
    assert mine[1][1] == []


def test_the_list_costs_one_query(client):
    index = ExemplarIndexPage.objects.get()
    index.tasks_with_bureaus()
    with CaptureQueriesContext(connection) as queries:
        tasks = index.tasks_with_bureaus()
    assert tasks and len(queries) == 1


def rows_by_orm(index):
    return list(
        index.related_tasks.live()
        .values_list("pk", "title", "live", "lead_bureaus__bureau__title")
        .order_by("mechanism__number", "number", "pk", "lead_bureaus__sort_order")
    )


def test_compiled_rows_are_the_orm_rows_for_any_argument():
    built = []

    def build(index_id):
        built.append(index_id)
        return (
            ExemplarIndexPage(id=index_id, page_ptr_id=index_id)
            .related_tasks.live()
            .values_list("pk", "title", "live", "lead_bureaus__bureau__title")
            .order_by("mechanism__number", "number", "pk", "lead_bureaus__sort_order")
        )

    compiled = CompiledRows(build, -7_654_321)
    index = ExemplarIndexPage.objects.get()
    assert compiled.rows(index.pk) == rows_by_orm(index)
    assert compiled.rows(index.pk + 100_000) == []
    assert compiled.rows(index.pk) == rows_by_orm(index)
    assert built == [-7_654_321], "built and compiled once, then run with each argument"
    assert all(live is True for _pk, _title, live, _bureau in compiled.rows(index.pk))


def test_an_argument_folded_into_the_sql_takes_the_orm_path():
    tasks = CreationTaskPage.objects.live().order_by("pk")

    def build(count):
        return tasks.values_list("pk", flat=True)[: max(count, 0)]  # LIMIT is written into the SQL

    compiled = CompiledRows(build, 7)
    assert compiled.rows(2) == list(tasks.values_list("pk", flat=True)[:2])
    assert compiled.rows(3) == list(tasks.values_list("pk", flat=True)[:3])

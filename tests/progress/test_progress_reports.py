"""Progress reports on the directive's tasks: only a task's lead bureaus report on it, through
their review; the task page shows the timeline of live reports; /renwu/ shows each task's latest
status and filters by it; the dashboard tells 市文明办 which tasks lack a report this quarter."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from bureaus.models.bureaus import BureauPage
from bureaus.models.directive import CreationTaskPage
from bureaus.workflows import final_review_group
from content.progress.models import ProgressStatus, TaskProgressReportPage
from portal.dashboard.progress import missing_reports
from tests.factories.bureaus import BureauFactory
from tests.helpers import bureau, dashboard, section

pytestmark = pytest.mark.django_db

POLICE = "gongan"  # 市公安局: leads 1.2, 2.1, 2.2 and 2.3


def task(slug):
    return CreationTaskPage.objects.get(slug=slug)


def report_form(task_page, **overrides):
    data = {
        "title": "测试进展报告",
        "slug": "ceshi-jinzhan",
        "task": task_page.pk,
        "reported_on": "2026-11-30",
        "year": "2026",
        "quarter": "4",
        "status": ProgressStatus.IN_PROGRESS,
        "summary": "路口文明劝导岗全部到位。",
        "body": rich_text("<p>本季度持续开展文明交通劝导。</p>"),
        "figures": inline_formset([{"label": "劝导岗", "value": "320", "unit": "个"}]),
        "photos": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(slug=POLICE):
    return reverse("wagtailadmin_pages:add", args=("content", "taskprogressreportpage", bureau(slug).pk))


@pytest.fixture
def police_editor(client, make_user):
    client.force_login(make_user("progress-editor", [bureau(POLICE).editors_group]))
    return client


def test_a_lead_bureau_saves_a_report_on_its_task_as_a_draft(police_editor):
    response = police_editor.post(add_url(), report_form(task("jiaotong-guanli-3")))
    assert response.status_code == 302
    report = TaskProgressReportPage.objects.get(slug="ceshi-jinzhan")
    assert (report.live, report.bureau.slug, report.task.slug) == (False, POLICE, "jiaotong-guanli-3")
    assert [(f.label, f.value_text, f.unit) for f in report.figures.all()] == [("劝导岗", "320", "个")]


def test_a_bureau_cannot_report_on_a_task_it_does_not_lead(police_editor):
    family_task = task("jiceng-chuangjian-5")  # 加强文明家庭创建: 市妇联 alone
    response = police_editor.post(add_url(), report_form(family_task))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["task"])
    assert "只有任务的牵头单位才能报送进展" in errors and "市公安局" in errors
    assert "只有任务的牵头单位才能报送进展" in response.content.decode()
    assert not TaskProgressReportPage.objects.filter(slug="ceshi-jinzhan").exists()


def test_the_task_list_offers_only_the_bureaus_own_tasks(police_editor):
    html = police_editor.get(add_url()).content.decode()
    options = re.findall(r'<option value="(\d+)"', html.split('id="id_task"', 1)[1].split("</select>", 1)[0])
    led = set(CreationTaskPage.objects.filter(lead_bureaus__bureau__slug=POLICE).values_list("pk", flat=True))
    assert {int(pk) for pk in options} == led


def test_a_report_cannot_be_dated_before_its_quarter(police_editor):
    response = police_editor.post(add_url(), report_form(task("jiaotong-guanli-3"), reported_on="2026-09-30"))
    assert response.status_code == 200
    assert "reported_on" in response.context["form"].errors


def test_a_bureau_that_leads_no_task_is_not_offered_the_report_type():
    assert not TaskProgressReportPage.can_create_at(BureauFactory())
    assert TaskProgressReportPage.can_create_at(bureau(POLICE))


def test_the_task_page_shows_the_live_reports_newest_first(client):
    html = client.get("/renwu/chengshi-guanli-1/").content.decode()
    timeline = html.split('class="progress-timeline"', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r'data-report="([^"]+)"', timeline) == ["zhifa-gaige-2026q3", "zhifa-gaige-2026q1"]
    assert "已完成" in timeline and "139个" in timeline and "市城管综合执法局" in timeline


def test_a_draft_report_is_not_shown_and_does_not_change_the_status(client):
    report = TaskProgressReportPage.objects.get(slug="zhifa-gaige-2026q3")
    report.unpublish()
    html = client.get("/renwu/chengshi-guanli-1/").content.decode()
    assert "zhifa-gaige-2026q3" not in html
    register = client.get("/renwu/?zhuangtai=yiwancheng").content.decode()
    assert "深化城市执法体制改革" not in register


def test_the_register_shows_each_tasks_latest_status_and_filters_by_it(client):
    html = client.get("/renwu/").content.decode()
    item = html.split("深化城市执法体制改革", 1)[1].split("</li>", 1)[0]
    assert "已完成" in item and "2026-09-26" in item
    assert "暂无进展报告" in html.split("建立市容环境常态化综合评价机制", 1)[1].split("</li>", 1)[0]

    done = client.get("/renwu/?zhuangtai=yiwancheng").content.decode()
    assert "深化城市执法体制改革" in done and "建立市容环境常态化综合评价机制" not in done
    none_yet = client.get("/renwu/?zhuangtai=weibaosong").content.decode()
    assert "建立市容环境常态化综合评价机制" in none_yet and "深化城市执法体制改革" not in none_yet
    police_routine = client.get(f"/renwu/?danwei={POLICE}&zhuangtai=changtaihua").content.decode()
    assert "治理不文明交通行为" in police_routine and "推进交通综合整治" not in police_routine
    # An unknown status is ignored, never an error.
    assert client.get("/renwu/?zhuangtai=nonsense").status_code == 200


def test_the_office_sees_which_tasks_lack_a_report_this_quarter(make_user, client):
    rows = missing_reports(
        list(BureauPage.objects.order_by("path").values("pk", "title", "slug", "path")),
        datetime.date(2026, 11, 30),
    )
    by_slug = {row["bureau"]["slug"]: row for row in rows["rows"]}
    assert (rows["year"], rows["quarter"]) == (2026, 4)
    police = by_slug[POLICE]
    # 2.3 has the police's Q4 report; 1.2, 2.1 and 2.2 do not.
    assert police["led"] == 4 and police["reported"] == 1
    assert [t["reference"] for t in police["missing"]] == ["1.2", "2.1", "2.2"]
    # 1.2 is led by both: 市城管综合执法局 reported on it in Q4, 市公安局 still has to.
    assert "1.2" not in [t["reference"] for t in by_slug["chengguan-zhifa"]["missing"]]

    html = dashboard(client, make_user("progress-final", [final_review_group()]))
    panel = section(html, "dashboard-missing-progress")
    assert "本季度任务进展报送" in panel and "市公安局" in panel
    editor_html = dashboard(client, make_user("progress-editor-2", [bureau(POLICE).editors_group]))
    assert section(editor_html, "dashboard-missing-progress") == ""


def test_another_bureaus_editor_can_neither_add_nor_edit_a_bureaus_reports(client, make_user):
    report = TaskProgressReportPage.objects.get(slug="bu-wenming-jiaotong-2026q4")  # 市公安局's
    client.force_login(make_user("progress-outsider", [bureau("fulian").editors_group]))
    assert client.get(add_url(POLICE)).status_code == 403
    assert client.get(reverse("wagtailadmin_pages:edit", args=(report.pk,))).status_code == 403
    assert client.post(add_url(POLICE), report_form(task("jiaotong-guanli-3"))).status_code == 403
    assert not TaskProgressReportPage.objects.filter(slug="ceshi-jinzhan").exists()
    # Their own bureau's report type lists only their own task (市妇联: 5.5 and 8.3).
    assert client.get(add_url("fulian")).status_code == 200

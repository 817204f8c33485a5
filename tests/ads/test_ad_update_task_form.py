"""The update task's page, as a bureau's editor or reviewer opens it: what the citizen reported
(description, photo through the private view, placement, when), and a deadline the bureau
cannot change (only 市文明办's administrators, the superusers, may)."""

import base64
import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from content.ads.models.placements import AdInspection, AdProblemReport, AdUpdateTask, UpdateTaskStatus
from tests.factories.ads import OTHER, OWN, make_placement
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

# 1×1 transparent GIF
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")
DESCRIPTION = "公交站台广告右下角被撕破，<b>露出</b>底板。\n靠近站牌一侧。"


@pytest.fixture(params=["editors_group", "reviewers_group"])
def bureau_user(request, make_user):
    return make_user(f"task-{request.param}", groups=[getattr(bureau(OWN), request.param)])


@pytest.fixture
def superuser(make_user):
    return make_user("task-super", is_superuser=True, is_staff=True)


@pytest.fixture
def report():
    placement = make_placement(bureau(OWN), place="人民中路公交站")
    return AdProblemReport.objects.create(
        placement=placement,
        problem="damaged",
        description=DESCRIPTION,
        photo=SimpleUploadedFile("p.gif", GIF, "image/gif"),
    )


def edit_url(task):
    return f"/admin/ad-update-tasks/edit/{task.pk}/"


def origin_panel(html):
    return re.search(r'id="task-origin-section".*?</dl>', html, re.S).group(0)


# --- what the citizen reported --------------------------------------------------------------------


def test_the_form_shows_what_the_citizen_reported(client, bureau_user, report):
    task = report.update_task
    client.force_login(bureau_user)
    html = client.get(edit_url(task)).content.decode()
    panel = origin_panel(html)
    assert "公交站台广告右下角被撕破，&lt;b&gt;露出&lt;/b&gt;底板。<br>靠近站牌一侧。" in panel  # escaped, as written
    assert report.placement.code in panel and "人民中路公交站" in panel
    assert timezone.localtime(report.created_at).strftime("%Y-%m-%d %H:%M") in panel
    assert "市民问题反馈" in panel  # the source
    photo_url = f"/admin/ad-reports/{report.pk}/photo/"
    assert f'<img src="{photo_url}"' in panel
    # Never the storage URL or path of the private photo.
    assert report.photo.name not in html and "/media/" not in html.split('id="main"', 1)[-1]
    response = client.get(photo_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == GIF


def test_the_origin_is_read_only(client, bureau_user, report):
    task = report.update_task
    client.force_login(bureau_user)
    form = client.get(edit_url(task)).context["form"]
    assert set(form.fields) == {"placement", "problem", "deadline", "status", "resolution"}
    response = client.post(
        edit_url(task),
        {
            "problem": "damaged",
            "status": "open",
            "resolution": "",
            "description": "改写市民的描述",
            "report": "",
            "created_at": "2020-01-01 00:00",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    task.refresh_from_db()
    assert report.description == DESCRIPTION and task.report_id == report.pk


def test_a_task_from_an_inspection_shows_the_inspection(client, bureau_user):
    placement = make_placement(bureau(OWN))
    inspection = AdInspection.objects.create(
        placement=placement, inspected_on=timezone.localdate(), inspector="巡查员甲", result="faded", notes="整体褪色"
    )
    client.force_login(bureau_user)
    panel = origin_panel(client.get(edit_url(inspection.update_task)).content.decode())
    assert "巡查员甲" in panel and "整体褪色" in panel and "褪色" in panel
    assert f"/admin/ad-inspections/inspect/{inspection.pk}/" in panel


def test_another_bureaus_task_and_its_report_stay_hidden(client, bureau_user):
    theirs = AdProblemReport.objects.create(
        placement=make_placement(bureau(OTHER)), problem="missing", description="他局点位的描述"
    )
    client.force_login(bureau_user)
    assert client.get(edit_url(theirs.update_task)).status_code in (403, 404)
    assert client.get(f"/admin/ad-update-tasks/inspect/{theirs.update_task.pk}/").status_code in (403, 404)


def test_the_task_detail_page_shows_the_report_too(client, bureau_user, report):
    client.force_login(bureau_user)
    html = client.get(f"/admin/ad-update-tasks/inspect/{report.update_task.pk}/").content.decode()
    panel = origin_panel(html)
    assert "公交站台广告右下角被撕破" in panel and f"/admin/ad-reports/{report.pk}/photo/" in panel


def test_the_edit_page_has_a_bounded_number_of_queries(client, bureau_user, report, django_assert_max_num_queries):
    client.force_login(bureau_user)
    client.get(edit_url(report.update_task))  # warm caches
    with django_assert_max_num_queries(30):
        assert client.get(edit_url(report.update_task)).status_code == 200


# --- the deadline ---------------------------------------------------------------------------------


def post_data(task, **changes):
    return {
        "problem": task.problem,
        "deadline": task.deadline.isoformat(),
        "status": "open",
        "resolution": "",
        **changes,
    }


def test_a_bureau_sees_the_deadline_read_only(client, bureau_user, report):
    client.force_login(bureau_user)
    response = client.get(edit_url(report.update_task))
    field = response.context["form"]["deadline"]
    assert field.field.disabled
    assert re.search(r'<input[^>]*name="deadline"[^>]*disabled', response.content.decode())
    assert "只有市文明办可以修改" in response.content.decode()


def test_a_forged_post_does_not_change_a_bureaus_deadline(client, bureau_user, report):
    task = report.update_task
    deadline = task.deadline
    client.force_login(bureau_user)
    later = deadline + datetime.timedelta(days=30)
    response = client.post(edit_url(task), post_data(task, deadline=later.isoformat(), problem="faded"))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.deadline == deadline
    assert task.problem == "faded"  # the rest of the form is saved
    # Closing works as before and leaves the deadline alone.
    response = client.post(
        edit_url(task), post_data(task, deadline=later.isoformat(), status="closed", resolution="已重新张贴")
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == UpdateTaskStatus.CLOSED and task.deadline == deadline


def test_the_civilization_office_may_change_the_deadline(client, superuser, report):
    task = report.update_task
    later = task.deadline + datetime.timedelta(days=10)
    client.force_login(superuser)
    assert not client.get(edit_url(task)).context["form"]["deadline"].field.disabled
    assert client.post(edit_url(task), post_data(task, deadline=later.isoformat())).status_code == 302
    task.refresh_from_db()
    assert task.deadline == later


@override_settings(AD_UPDATE_DEADLINE_DAYS=10)
def test_the_system_sets_the_deadline_of_a_new_task(client, superuser):
    placement = make_placement(bureau(OWN))
    report = AdProblemReport.objects.create(placement=placement, problem="obscured")
    assert report.update_task.deadline == timezone.localdate() + datetime.timedelta(days=10)
    client.force_login(superuser)
    form = client.get("/admin/ad-update-tasks/new/").context["form"]
    assert form["deadline"].value() == timezone.localdate() + datetime.timedelta(days=10)
    assert AdUpdateTask.objects.filter(pk=report.update_task.pk).exists()

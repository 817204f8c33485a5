"""Dates and times in our admin are local (Asia/Shanghai) and written YYYY-MM-DD (HH:MM), and
deadlines are dates with the days left or late, never Wagtail's relative "just now".

The stored moment is 2026-03-09 19:32 UTC, which is 2026-03-10 03:32 in Kunming: a page that
printed the UTC value would show the wrong day and hour."""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone
from PIL import Image
from wagtail.models import Page

from content.ads import filing_export as exports
from content.ads.models.placements import AdInspection, AdPlacement, AdProblemReport, AdUpdateTask, UpdateTaskStatus
from content.nominations.models import Nomination, NominationEvent, NominationObjection
from content.photos.ingest import store_protected_photo
from content.photos.models import PhotoPurpose, ProtectedPhoto
from core.dates import due_note, format_date, format_datetime
from tests.factories.ads import OWN, make_carrier, make_placement
from tests.factories.nominations import admin_client, make_nomination, staff
from tests.helpers import bureau, dashboard, draft_notice, section

pytestmark = pytest.mark.django_db

UTC_EVENING = datetime.datetime(2026, 3, 9, 19, 32, tzinfo=datetime.UTC)
LOCAL = "2026-03-10 03:32"
WRONG = ("19:32", "2026-03-09")  # the UTC hour and the UTC date


def today():
    # Read when a test runs, not when the module is collected: a long run crosses local midnight.
    return timezone.localdate()


def shows_local_time(html):
    return LOCAL in html and not any(text in html for text in WRONG)


def main(html):
    """The page without the admin shell (menus, scripts)."""
    return html.split('id="main"', 1)[-1]


@pytest.fixture
def editor(make_user):
    return make_user("dates-editor", groups=[bureau(OWN).editors_group])


@pytest.fixture
def report():
    placement = make_placement(bureau(OWN), place="时区测试点位")
    report = AdProblemReport.objects.create(placement=placement, problem="damaged", description="画面破损")
    AdProblemReport.objects.filter(pk=report.pk).update(created_at=UTC_EVENING)
    AdUpdateTask.objects.filter(pk=report.update_task.pk).update(created_at=UTC_EVENING)
    return AdProblemReport.objects.get(pk=report.pk)


# --- the helper -----------------------------------------------------------------------------------


def test_the_helper_writes_local_times_and_dates():
    assert format_datetime(UTC_EVENING) == LOCAL
    assert format_date(UTC_EVENING) == "2026-03-10"
    assert format_date(datetime.date(2026, 3, 9)) == "2026-03-09"
    assert format_datetime(None) == "" and format_date(None) == ""
    with timezone.override("UTC"):  # an admin user may choose another time zone in their account
        assert format_datetime(UTC_EVENING) == "2026-03-09 19:32"
    assert due_note(today() + datetime.timedelta(days=5)) == "还剩 5 天"
    assert due_note(today()) == "今天到期"
    assert due_note(today() - datetime.timedelta(days=3)) == "逾期 3 天"


# --- ad admin -------------------------------------------------------------------------------------


def test_citizen_report_times_are_local_in_the_listing_and_detail(client, editor, report):
    client.force_login(editor)
    listing = main(client.get("/admin/ad-reports/").content.decode())
    row = re.search(rf"{report.placement.code}.*?</tr>", listing, re.S).group(0)
    assert shows_local_time(row), row
    detail = main(client.get(f"/admin/ad-reports/inspect/{report.pk}/").content.decode())
    assert shows_local_time(detail)


def test_update_task_pages_show_local_times(client, editor, report):
    task = report.update_task
    task.close(editor, "已更换画面", now=UTC_EVENING + datetime.timedelta(days=1))
    client.force_login(editor)
    detail = main(client.get(f"/admin/ad-update-tasks/inspect/{task.pk}/").content.decode())
    assert LOCAL in detail and "2026-03-11 03:32" in detail  # reported/opened, and closed
    assert not any(text in detail for text in WRONG)
    edit = main(client.get(f"/admin/ad-update-tasks/edit/{task.pk}/").content.decode())
    assert shows_local_time(edit)


def test_inspection_dates_are_written_as_dates(client, editor):
    placement = make_placement(bureau(OWN))
    AdInspection.objects.create(
        placement=placement, inspected_on=datetime.date(2026, 3, 9), inspector="赵六", result="intact"
    )
    client.force_login(editor)
    row = re.search(rf"{placement.code}.*?</tr>", main(client.get("/admin/ad-inspections/").content.decode()), re.S)
    assert "2026-03-09" in row.group(0) and "之前" not in row.group(0)


def test_protected_photo_upload_time_is_local(client, editor):
    photo = store_protected_photo(
        Image.new("RGB", (64, 48), (10, 120, 30)), purpose=PhotoPurpose.EXEMPLAR, title="时区照片", bureau=bureau(OWN)
    )
    ProtectedPhoto.objects.filter(pk=photo.pk).update(uploaded_at=UTC_EVENING)
    client.force_login(editor)
    row = re.search(r"时区照片.*?</tr>", main(client.get("/admin/protected-photos/").content.decode()), re.S)
    assert shows_local_time(row.group(0))


# --- deadlines and due dates -------------------------------------------------------------------


def test_future_deadlines_are_dates_with_days_left_not_just_now(client, editor, report):
    task = report.update_task
    AdUpdateTask.objects.filter(pk=task.pk).update(deadline=today() + datetime.timedelta(days=5))
    placement = task.placement
    AdPlacement.objects.filter(pk=placement.pk).update(next_inspection_on=today() + datetime.timedelta(days=12))
    client.force_login(editor)
    for url, days in (("/admin/ad-update-tasks/", 5), ("/admin/ad-placements/", 12)):
        row = re.search(rf"{placement.code}.*?</tr>", main(client.get(url).content.decode()), re.S).group(0)
        due = today() + datetime.timedelta(days=days)
        assert f"{due:%Y-%m-%d}" in row and f"还剩 {days} 天" in row, url
        assert "刚刚" not in row and "之前" not in row
    for url in (f"/admin/ad-update-tasks/inspect/{task.pk}/", f"/admin/ad-update-tasks/edit/{task.pk}/"):
        assert "还剩 5 天" in main(client.get(url).content.decode()), url
    assert "还剩 12 天" in main(client.get(f"/admin/ad-placements/inspect/{placement.pk}/").content.decode())


def test_a_passed_deadline_says_how_late_and_a_closed_task_only_its_date(client, editor, report):
    late = report.update_task
    AdUpdateTask.objects.filter(pk=late.pk).update(deadline=today() - datetime.timedelta(days=3))
    done = AdUpdateTask.open_for(make_placement(bureau(OWN), carrier=make_carrier()), problem="faded")
    AdUpdateTask.objects.filter(pk=done.pk).update(
        status=UpdateTaskStatus.CLOSED, resolution="已修复", deadline=today() - datetime.timedelta(days=9)
    )
    client.force_login(editor)
    html = main(client.get("/admin/ad-update-tasks/").content.decode())
    late_row = re.search(rf"{late.placement.code}.*?</tr>", html, re.S).group(0)
    assert "逾期 3 天" in late_row
    done_row = re.search(rf"{done.placement.code}.*?</tr>", html, re.S).group(0)
    assert f"{today() - datetime.timedelta(days=9):%Y-%m-%d}" in done_row and "逾期" not in done_row


def test_dashboard_shows_days_left_for_open_tasks_and_local_edit_times(client, make_user, report):
    task = report.update_task
    AdUpdateTask.objects.filter(pk=task.pk).update(deadline=today() + datetime.timedelta(days=4))
    editor = make_user("dates-dashboard", groups=[bureau(OWN).editors_group])
    page = draft_notice(OWN, editor, "时区草稿")
    Page.objects.filter(pk=page.pk).update(latest_revision_created_at=UTC_EVENING)
    html = dashboard(client, editor)
    overdue = section(html, "dashboard-overdue")
    row = re.search(rf"{task.placement.code}.*?</tr>", overdue, re.S).group(0)
    assert "还剩 4 天" in row and "刚刚" not in row
    drafts = section(html, "dashboard-drafts")
    assert shows_local_time(re.search(r"时区草稿.*?</tr>", drafts, re.S).group(0))


# --- nominations ----------------------------------------------------------------------------------


def test_nomination_times_are_local_in_the_listing_detail_and_export():
    nomination = make_nomination(nominee_name="时区甲")
    Nomination.objects.filter(pk=nomination.pk).update(created_at=UTC_EVENING)
    reviewer = staff("view_nomination", "screen_nomination")
    NominationEvent.objects.create(nomination=nomination, from_stage="received", to_stage="district", actor=reviewer)
    NominationEvent.objects.filter(nomination=nomination).update(at=UTC_EVENING)
    objection = NominationObjection.objects.create(nomination=nomination, text="核实一下这位候选人的事迹。")
    NominationObjection.objects.filter(pk=objection.pk).update(created_at=UTC_EVENING)
    client = admin_client(reviewer)
    row = re.search(r"时区甲.*?</tr>", main(client.get("/admin/nominations/").content.decode()), re.S).group(0)
    assert shows_local_time(row)
    detail = main(client.get(f"/admin/nominations/{nomination.pk}/").content.decode())
    assert detail.count(LOCAL) >= 2 and not any(text in detail for text in WRONG)  # history, objection
    export = client.get("/admin/nominations/export/").content.decode("utf-8-sig")
    exported = next(r for r in csv.reader(io.StringIO(export)) if nomination.tracking_code in r)
    assert LOCAL in exported


def test_filing_export_dates_are_local_dates():
    assert exports._date(UTC_EVENING) == "2026-03-10"
    assert exports._date(datetime.date(2026, 3, 9)) == "2026-03-09"

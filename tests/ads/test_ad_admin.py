"""The ad admin (placements, inspections, update tasks, citizens' reports): each bureau sees and
changes only its own rows; other bureaus' rows answer 403 or 404; superusers see everything."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bureaus.access import AD_MODEL_PERMISSIONS, sync_all_bureaus
from bureaus.models.districts import District
from content.ads.models.placements import (
    AdInspection,
    AdPlacement,
    AdProblemReport,
    AdUpdateTask,
    PlacementStatus,
    UpdateTaskStatus,
)
from content.ads.models.works import PublicServiceAdPage
from content.ads.wagtail_admin import BureauScopedPolicy, user_bureau_ids
from tests.factories.ads import GIF, OTHER, OWN, make_carrier, make_placement, make_work
from tests.helpers import bureau

pytestmark = pytest.mark.django_db


# --- data helpers, shared with test_ad_jobs.py and test_ad_export.py ---------------------------


# --- fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def data():
    own, other = bureau(OWN), bureau(OTHER)
    mine = make_placement(own, place="本局地点")
    theirs = make_placement(other, place="他局地点")
    my_inspection = AdInspection.objects.create(
        placement=mine, inspected_on=datetime.date(2025, 2, 1), inspector="张三", result="intact"
    )
    their_inspection = AdInspection.objects.create(
        placement=theirs, inspected_on=datetime.date(2025, 2, 1), inspector="李四", result="damaged"
    )
    my_report = AdProblemReport.objects.create(
        placement=mine, problem="faded", description="本局的举报", photo=SimpleUploadedFile("a.gif", GIF, "image/gif")
    )
    their_report = AdProblemReport.objects.create(
        placement=theirs,
        problem="missing",
        description="他局的举报",
        photo=SimpleUploadedFile("b.gif", GIF, "image/gif"),
    )
    return {
        "own": own,
        "other": other,
        "placements": (mine, theirs),
        "inspections": (my_inspection, their_inspection),
        "tasks": (my_report.update_task, their_inspection.update_task),
        "reports": (my_report, their_report),
    }


@pytest.fixture(params=["editors_group", "reviewers_group"])
def bureau_user(request, make_user):
    return make_user(f"ad-{request.param}", groups=[getattr(bureau(OWN), request.param)])


@pytest.fixture
def editor(make_user):
    return make_user("ad-editor", groups=[bureau(OWN).editors_group])


@pytest.fixture
def superuser(make_user):
    return make_user("ad-super", is_superuser=True, is_staff=True)


VIEWSETS = {
    # prefix: (key in data, text that identifies each row in a listing)
    "ad-placements": ("placements", lambda o: o.code),
    "ad-inspections": ("inspections", lambda o: o.placement.code),
    "ad-update-tasks": ("tasks", lambda o: o.placement.code),
    "ad-reports": ("reports", lambda o: o.placement.code),
}


def listing(client, prefix, **params):
    response = client.get(f"/admin/{prefix}/", params)
    assert response.status_code == 200, prefix
    return response.content.decode()


# --- permissions of the bureau groups -----------------------------------------------------------


def test_bureau_groups_hold_exactly_the_ad_model_permissions_and_sync_repairs_them():
    from django.contrib.auth.models import Permission

    own = bureau(OWN)
    wanted = {codename for _app, codename in AD_MODEL_PERMISSIONS}
    for group in (own.editors_group, own.reviewers_group):
        held = set(group.permissions.filter(content_type__app_label="content").values_list("codename", flat=True))
        assert held == wanted
    own.editors_group.permissions.add(Permission.objects.get(codename="delete_adplacement"))
    own.editors_group.permissions.remove(Permission.objects.get(codename="view_adproblemreport"))
    sync_all_bureaus()
    before = list(own.editors_group.permissions.order_by("pk").values_list("pk", flat=True))
    sync_all_bureaus()
    after = list(own.editors_group.permissions.order_by("pk").values_list("pk", flat=True))
    assert before == after
    held = set(
        own.editors_group.permissions.filter(content_type__app_label="content").values_list("codename", flat=True)
    )
    assert held == wanted


def test_user_bureaus_come_from_editor_and_reviewer_groups(make_user):
    own, other = bureau(OWN), bureau(OTHER)
    both = make_user("two-bureaus", groups=[own.editors_group, other.reviewers_group])
    assert user_bureau_ids(both) == {own.pk, other.pk}
    nobody = make_user("no-bureau")
    assert user_bureau_ids(nobody) == frozenset()
    policy = BureauScopedPolicy(AdPlacement)
    assert not policy.user_has_permission(nobody, "view")


# --- listings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", list(VIEWSETS))
def test_bureau_user_lists_only_own_bureau_items(client, bureau_user, data, prefix):
    key, ident = VIEWSETS[prefix]
    mine, theirs = data[key]
    client.force_login(bureau_user)
    html = listing(client, prefix)
    assert ident(mine) in html
    assert ident(theirs) not in html
    assert data["other"].title not in html


@pytest.mark.parametrize("prefix", list(VIEWSETS))
def test_superuser_lists_every_bureau(client, superuser, data, prefix):
    key, ident = VIEWSETS[prefix]
    client.force_login(superuser)
    html = listing(client, prefix)
    for item in data[key]:
        assert ident(item) in html


def test_listing_columns_are_chinese(client, editor, data):
    client.force_login(editor)
    html = listing(client, "ad-placements")
    for heading in ("编码", "作品", "载体", "地点", "责任单位", "状态", "巡查", "下次巡查"):
        assert heading in html


def test_filters_narrow_the_listing(client, editor, data):
    own = data["own"]
    removed = make_placement(own, status=PlacementStatus.REMOVED)
    client.force_login(editor)
    html = listing(client, "ad-placements", status="removed")
    assert removed.code in html
    assert data["placements"][0].code not in html
    html = listing(client, "ad-placements", carrier=removed.carrier_id)
    assert removed.code in html
    assert data["placements"][0].code not in html
    html = listing(client, "ad-update-tasks", source="citizen")
    assert data["tasks"][0].placement.code in html


def test_bureau_filter_is_for_superusers_only(client, editor, superuser, data):
    own, other = data["own"], data["other"]
    client.force_login(editor)
    html = listing(client, "ad-placements", bureau=other.pk)
    assert 'name="bureau"' not in html
    assert data["placements"][1].code not in html
    client.force_login(superuser)
    html = listing(client, "ad-placements", bureau=other.pk)
    assert 'name="bureau"' in html
    assert data["placements"][1].code in html
    assert data["placements"][0].code not in html
    html = listing(client, "ad-placements", bureau=own.pk)
    assert data["placements"][0].code in html


def test_placement_listing_query_count_does_not_grow(client, superuser):
    own, other = bureau(OWN), bureau(OTHER)
    work, carrier = make_work(own), make_carrier()
    for _ in range(5):
        make_placement(own, work=work, carrier=carrier)
    client.force_login(superuser)
    client.get("/admin/ad-placements/")  # warm caches (site root paths, permissions)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/admin/ad-placements/").status_code == 200
    for n in range(50):
        make_placement(other if n % 2 else own, work=make_work(own), carrier=make_carrier())
    with CaptureQueriesContext(connection) as many:
        response = client.get("/admin/ad-placements/")
    assert response.status_code == 200
    assert len(many) <= len(few), [q["sql"] for q in many.captured_queries]
    assert len(many) <= 30


# --- other bureaus' items -----------------------------------------------------------------------


@pytest.mark.parametrize("prefix", list(VIEWSETS))
def test_other_bureau_items_answer_403_or_404(client, bureau_user, data, prefix):
    key, _ident = VIEWSETS[prefix]
    theirs = data[key][1]
    client.force_login(bureau_user)
    for action in ("edit", "delete", "inspect", "history", "usage"):
        response = client.get(f"/admin/{prefix}/{action}/{theirs.pk}/")
        assert response.status_code in (403, 404), f"{action}: {response.status_code}"
    response = client.post(f"/admin/{prefix}/delete/{theirs.pk}/")
    assert response.status_code in (403, 404)
    assert type(theirs).objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("prefix", list(VIEWSETS))
def test_own_items_open_for_inspection(client, bureau_user, data, prefix):
    key, ident = VIEWSETS[prefix]
    mine = data[key][0]
    client.force_login(bureau_user)
    response = client.get(f"/admin/{prefix}/inspect/{mine.pk}/")
    assert response.status_code == 200
    assert ident(mine) in response.content.decode()


def test_post_edit_of_another_bureau_placement_is_refused_and_changes_nothing(client, editor, data):
    theirs = data["placements"][1]
    client.force_login(editor)
    response = client.post(
        f"/admin/ad-placements/edit/{theirs.pk}/",
        {
            "work": theirs.work_id,
            "carrier": theirs.carrier_id,
            "place": "改掉",
            "district": theirs.district_id,
            "bureau": data["own"].pk,
            "starts_on": "2025-01-01",
            "status": "showing",
        },
    )
    assert response.status_code in (403, 404)
    theirs.refresh_from_db()
    assert theirs.place == "他局地点"
    assert theirs.bureau_id == data["other"].pk


def test_post_edit_of_another_bureau_task_is_refused(client, editor, data):
    theirs = data["tasks"][1]
    client.force_login(editor)
    response = client.post(
        f"/admin/ad-update-tasks/edit/{theirs.pk}/",
        {"problem": "damaged", "deadline": "2030-01-01", "status": "closed", "resolution": "偷偷关掉"},
    )
    assert response.status_code in (403, 404)
    theirs.refresh_from_db()
    assert theirs.status == UpdateTaskStatus.OPEN


def test_bureau_users_cannot_delete_even_their_own_rows(client, editor, data):
    mine = data["placements"][0]
    client.force_login(editor)
    assert client.get(f"/admin/ad-placements/delete/{mine.pk}/").status_code == 403
    assert client.post(f"/admin/ad-placements/delete/{mine.pk}/").status_code == 403
    assert AdPlacement.objects.filter(pk=mine.pk).exists()


def test_reports_are_read_only_for_everyone(client, superuser, data):
    mine = data["reports"][0]
    client.force_login(superuser)
    assert client.get("/admin/ad-reports/new/").status_code == 403
    assert client.get(f"/admin/ad-reports/edit/{mine.pk}/").status_code == 403
    assert client.post(f"/admin/ad-reports/edit/{mine.pk}/", {"problem": "other"}).status_code == 403
    mine.refresh_from_db()
    assert mine.problem == "faded"


# --- creating and editing own items ---------------------------------------------------------------


def placement_post(work, carrier, owner, **extra):
    return {
        "work": work.pk,
        "carrier": carrier.pk,
        "place": "新点位",
        "district": District.objects.order_by("sort_order").first().pk,
        "bureau": owner.pk,
        "starts_on": "2025-03-01",
        "status": "showing",
        **extra,
    }


def test_create_placement_offers_only_own_bureaus_and_any_live_work(client, editor):
    own, other = bureau(OWN), bureau(OTHER)
    other_work = make_work(other)
    client.force_login(editor)
    response = client.get("/admin/ad-placements/new/")
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["bureau"].queryset) == [own]
    assert other_work in form.fields["work"].queryset
    response = client.post(
        "/admin/ad-placements/new/", placement_post(other_work, make_carrier(), own, place="新点位甲")
    )
    assert response.status_code == 302
    assert AdPlacement.objects.get(place="新点位甲").bureau == own


def test_creating_a_placement_for_another_bureau_is_refused(client, editor):
    other = bureau(OTHER)
    client.force_login(editor)
    response = client.post("/admin/ad-placements/new/", placement_post(make_work(other), make_carrier(), other))
    assert response.status_code == 200  # the form comes back with an error on the bureau field
    assert "bureau" in response.context["form"].errors
    assert not AdPlacement.objects.filter(place="新点位", bureau=other).exists()


def test_inspection_form_offers_only_own_placements(client, editor, data):
    mine, theirs = data["placements"]
    client.force_login(editor)
    form = client.get("/admin/ad-inspections/new/").context["form"]
    choices = set(form.fields["placement"].queryset)
    assert mine in choices
    assert theirs not in choices
    response = client.post(
        "/admin/ad-inspections/new/",
        {"placement": theirs.pk, "inspected_on": "2025-03-01", "inspector": "王五", "result": "intact"},
    )
    assert response.status_code == 200
    assert "placement" in response.context["form"].errors
    response = client.post(
        "/admin/ad-inspections/new/",
        {"placement": mine.pk, "inspected_on": "2025-03-01", "inspector": "王五", "result": "faded"},
    )
    assert response.status_code == 302
    inspection = AdInspection.objects.get(placement=mine, inspector="王五")
    assert inspection.update_task.bureau == data["own"]
    assert inspection.update_task.status == UpdateTaskStatus.OPEN


def test_closing_a_task_needs_a_resolution_and_records_who_and_when(client, editor, data):
    task = data["tasks"][0]
    placement = task.placement
    assert AdPlacement.objects.get(pk=placement.pk).status == PlacementStatus.NEEDS_UPDATE
    client.force_login(editor)
    url = f"/admin/ad-update-tasks/edit/{task.pk}/"
    post = {"problem": task.problem, "deadline": task.deadline.isoformat(), "status": "closed", "resolution": ""}
    response = client.post(url, post)
    assert response.status_code == 200
    assert "resolution" in response.context["form"].errors
    task.refresh_from_db()
    assert task.status == UpdateTaskStatus.OPEN
    response = client.post(url, {**post, "resolution": "已重新张贴"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == UpdateTaskStatus.CLOSED
    assert task.resolution == "已重新张贴"
    assert task.closed_by == editor
    assert task.closed_at is not None
    assert AdPlacement.objects.get(pk=placement.pk).status == PlacementStatus.SHOWING


# --- report photos ------------------------------------------------------------------------------


def test_report_photo_is_served_only_to_the_placement_bureau(client, editor, superuser, data):
    mine, theirs = data["reports"]
    assert Path(mine.photo.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not Path(mine.photo.path).is_relative_to(settings.MEDIA_ROOT)
    client.force_login(editor)
    page = client.get(f"/admin/ad-reports/inspect/{mine.pk}/").content.decode()
    photo_url = f"/admin/ad-reports/{mine.pk}/photo/"
    assert photo_url in page
    assert "/media/" not in re.sub(r"/admin/[^\"']*", "", page.split("<main", 1)[-1])
    response = client.get(photo_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == GIF
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert client.get(f"/admin/ad-reports/{theirs.pk}/photo/").status_code == 404
    client.logout()
    assert client.get(photo_url).status_code == 302
    client.force_login(superuser)
    assert client.get(f"/admin/ad-reports/{theirs.pk}/photo/").status_code == 200


# --- links and menu -----------------------------------------------------------------------------


def test_placement_pages_link_to_public_page_and_qr(client, editor, data):
    mine = data["placements"][0]
    client.force_login(editor)
    html = client.get(f"/admin/ad-placements/edit/{mine.pk}/").content.decode()
    public = f"/gongyi/dianwei/{mine.code}/"
    assert reverse("ad_placement", kwargs={"code": mine.code}) == public
    assert f'href="{public}"' in html
    assert f'<a href="{public}" target="_blank" rel="noopener">公开页面</a>' in listing(client, "ad-placements")
    inspect = client.get(f"/admin/ad-placements/inspect/{mine.pk}/").content.decode()
    png = reverse("ad_placement_qr_png", kwargs={"code": mine.code})
    assert f'<a href="{png}" target="_blank" rel="noopener">二维码（PNG）</a>' in inspect


def test_menu_shows_the_group_to_bureau_users(client, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert json.dumps("公益广告管理") in html  # the sidebar is rendered from JSON
    for url in ("/admin/ad-placements/", "/admin/ad-inspections/", "/admin/ad-update-tasks/", "/admin/ad-reports/"):
        assert f'"url": "{url}"' in html
    assert '"url": "/admin/ad-filing/"' in html


# --- anonymous ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/admin/ad-placements/", "/admin/ad-inspections/new/", "/admin/ad-update-tasks/", "/admin/ad-filing/"]
)
def test_anonymous_visitors_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_user_without_bureau_cannot_open_the_ad_admin(client, make_user):
    from django.contrib.auth.models import Permission

    user = make_user("admin-only")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in ("/admin/ad-placements/", "/admin/ad-reports/", "/admin/ad-filing/"):
        assert client.get(url).status_code == 403, url


def test_update_task_listing_marks_overdue(client, editor, data):
    task = data["tasks"][0]
    AdUpdateTask.objects.filter(pk=task.pk).update(overdue=True)
    client.force_login(editor)
    html = listing(client, "ad-update-tasks", overdue="true")
    assert task.placement.code in html
    html = listing(client, "ad-placements", overdue="true")
    assert task.placement.code in html
    assert PublicServiceAdPage.objects.filter(pk=task.placement.work_id).exists()

"""A citizen's report of a problem with an ad placement has one name everywhere: 市民问题反馈
("citizen problem report"; the citizen on the public page sends a 问题反馈). Not 举报 (which
reads as an accusation) in one place and 问题举报 in another."""

import json
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from content.ads.models.placements import AdProblemReport, AdUpdateTask, UpdateTaskSource
from tests.factories.ads import OWN, make_placement
from tests.helpers import bureau

pytestmark = pytest.mark.django_db
TERM = "市民问题反馈"


@pytest.fixture
def editor(make_user):
    return make_user("naming-editor", groups=[bureau(OWN).editors_group])


def test_the_admin_calls_it_the_same_in_the_menu_listing_detail_and_tasks(client, editor):
    placement = make_placement(bureau(OWN))
    report = AdProblemReport.objects.create(placement=placement, problem="faded", description="褪色严重")
    client.force_login(editor)
    home = client.get("/admin/").content.decode()
    assert json.dumps(TERM) in home  # the sidebar menu is rendered from JSON
    pages = {
        "listing": client.get("/admin/ad-reports/").content.decode(),
        "detail": client.get(f"/admin/ad-reports/inspect/{report.pk}/").content.decode(),
        "tasks": client.get("/admin/ad-update-tasks/").content.decode(),
        "task": client.get(f"/admin/ad-update-tasks/edit/{report.update_task.pk}/").content.decode(),
    }
    assert f"<title>{TERM}" in pages["listing"]
    task_row = re.search(rf"{placement.code}.*?</tr>", pages["tasks"].split('id="main"', 1)[-1], re.S).group(0)
    assert TERM in task_row  # the task's source
    for name, page in {"home": home, **pages}.items():
        assert "举报" not in page, name


def test_the_names_in_the_catalogue_agree():
    with translation.override("zh-hans"):
        assert str(AdProblemReport._meta.verbose_name) == TERM
        assert str(AdProblemReport._meta.verbose_name_plural) == TERM
        assert str(UpdateTaskSource.CITIZEN.label) == TERM
        assert str(AdUpdateTask._meta.get_field("report").verbose_name) == TERM


def test_the_public_page_speaks_of_a_problem_report():
    cache.clear()
    placement = make_placement(bureau(OWN))
    client = Client(HTTP_HOST="localhost")
    url = reverse("ad_placement", kwargs={"code": placement.code})
    page = client.get(url).content.decode()
    assert "提交问题反馈" in page and "举报" not in page
    sent = client.post(url, {"problem": "missing", "description": ""}, REMOTE_ADDR="198.51.100.9")
    thanks = client.get(sent["Location"]).content.decode()
    report = AdProblemReport.objects.get(placement=placement)
    assert f"感谢您的问题反馈！已转交{placement.bureau.title}处理。" in thanks
    assert report.display_code in thanks
    assert "举报" not in thanks
    cache.clear()

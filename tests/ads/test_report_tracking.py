"""A citizen's ad problem report: its tracking code, its public status, and repeated reports of
the same problem joining one update task instead of opening more."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bureaus.models.bureaus import BureauPage
from content.ads.models.placements import REPEAT_REPORT_WINDOW, AdProblemReport, AdUpdateTask
from tests.factories.ads import make_placement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

CODE = re.compile(r'id="tracking-code">([0-9A-Z-]+)<')


@pytest.fixture
def placement():
    return make_placement(BureauPage.objects.order_by("path").first())


def send(client, placement, problem="damaged", ip="198.51.100.7"):
    url = reverse("ad_placement", kwargs={"code": placement.code})
    response = client.post(url, {"problem": problem, "description": "灯箱玻璃碎了"}, REMOTE_ADDR=ip)
    assert response.status_code == 302
    return CODE.search(client.get(response["Location"]).content.decode()).group(1)


def look_up(client, code):
    return client.post(reverse("ad_report_status"), {"code": code})


def test_four_repeats_of_one_problem_make_one_task(client, placement):
    codes = [send(client, placement, ip=f"198.51.100.{n}") for n in range(4)]
    assert len(set(codes)) == 4
    assert AdProblemReport.objects.filter(placement=placement).count() == 4
    (task,) = AdUpdateTask.objects.filter(placement=placement)
    assert task.repeat_reports.count() == 3

    # Each sender is told, and each can follow the one job.
    text = look_up(client, codes[3].lower().replace("-", " ")).content.decode()
    assert "正在处理" in text and "4 份同类反馈" in text


def test_a_repeat_says_so_on_its_receipt(client, placement):
    send(client, placement)
    url = reverse("ad_placement", kwargs={"code": placement.code})
    response = client.post(url, {"problem": "damaged"}, REMOTE_ADDR="198.51.100.9")
    assert 'id="receipt-joined"' in client.get(response["Location"]).content.decode()


def test_a_different_problem_or_an_old_or_closed_task_opens_a_new_task(client, placement, django_user_model):
    send(client, placement, problem="damaged")
    send(client, placement, problem="faded", ip="198.51.100.2")
    assert AdUpdateTask.objects.filter(placement=placement).count() == 2

    # Outside the window the old task is not joined.
    AdUpdateTask.objects.filter(placement=placement, problem="damaged").update(
        created_at=timezone.now() - REPEAT_REPORT_WINDOW - datetime.timedelta(minutes=1)
    )
    send(client, placement, problem="damaged", ip="198.51.100.3")
    assert AdUpdateTask.objects.filter(placement=placement, problem="damaged").count() == 2

    # A closed task is not joined either: the problem came back.
    user = django_user_model.objects.create(username="closer")
    for task in AdUpdateTask.objects.filter(placement=placement):
        task.close(user, "已更换灯箱玻璃")
    code = send(client, placement, problem="damaged", ip="198.51.100.4")
    assert AdUpdateTask.objects.filter(placement=placement, problem="damaged").count() == 3
    assert "正在处理" in look_up(client, code).content.decode()


def test_status_page_shows_what_was_done_and_nothing_of_the_report(client, placement, django_user_model):
    code = send(client, placement)
    task = AdUpdateTask.objects.get(placement=placement)
    task.close(django_user_model.objects.create(username="closer"), "已于当日更换灯箱玻璃")
    response = look_up(client, code)
    text = response.content.decode()
    assert response.status_code == 200
    assert "已处理" in text and "已于当日更换灯箱玻璃" in text
    assert "灯箱玻璃碎了" not in text  # the sender's own words are not shown to whoever has the code
    assert response["Referrer-Policy"] == "same-origin"


def test_status_is_not_taken_from_a_link_and_unknown_codes_say_so(client, placement):
    code = send(client, placement)
    response = client.get(reverse("ad_report_status"), {"code": code})
    assert response.status_code == 302 and code not in response["Location"]
    assert look_up(client, "ABCD-EFGH-JKMN").status_code == 404
    assert "请输入" in look_up(client, "").content.decode()


def test_status_look_up_costs_a_fixed_number_of_queries(client, placement):
    codes = [send(client, placement, ip=f"198.51.100.{n}") for n in range(3)]
    with CaptureQueriesContext(connection) as one:
        look_up(client, codes[0])
    for n in range(10):
        send(client, placement, ip=f"198.51.101.{n}")
    with CaptureQueriesContext(connection) as many:
        look_up(client, codes[0])
    assert len(many) == len(one) <= 8, [q["sql"] for q in many.captured_queries]


def test_the_status_page_is_kept_out_of_search_engines(client):
    assert f"Disallow: {reverse('ad_report_status')}" in client.get("/robots.txt").content.decode()

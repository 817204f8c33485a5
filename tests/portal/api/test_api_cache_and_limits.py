"""The API and the page cache, the rate limits, and the nomination status look-up."""

import pytest
from django.core.cache import caches
from django.test import Client

from content.exemplars.models import ExemplarPage
from content.nominations.models import Stage
from content.nominations.views import STATUS_LOOKUPS_PER_IP
from core.ratelimit import Limit
from portal.api import http
from tests.factories.nominations import make_nomination
from tests.helpers import SILENT_BROKEN_REDIS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

STATUS = "/api/v1/nominations/status/"


def caller(**extra):
    return Client(HTTP_HOST="localhost", enforce_csrf_checks=True, **extra)


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.mark.usefixtures("page_cache_on")
def test_a_publish_shows_in_the_api_at_once_though_answers_are_stored():
    exemplar = ExemplarPage.objects.live().order_by("path").first()
    paths = ["/api/v1/exemplars/?limit=100", f"/api/v1/pages/{exemplar.pk}/", "/api/v1/search/?q=%E5%A5%BD%E4%BA%BA"]
    for path in paths:
        assert caller().get(path)["X-Page-Cache"] == "miss"
        assert caller().get(path)["X-Page-Cache"] == "hit"
    exemplar.title = "新发布的好人标题"
    exemplar.deed = "新发布的事迹"
    exemplar.save_revision().publish()
    listing = caller().get(paths[0])
    assert listing["X-Page-Cache"] == "miss"
    assert "新发布的事迹" in [item["deed"] for item in listing.json()["items"]]
    assert caller().get(paths[1]).json()["title"] == "新发布的好人标题"
    exemplar.unpublish()
    assert caller().get(paths[1]).status_code == 404
    assert exemplar.pk not in [item["id"] for item in caller().get(paths[0]).json()["items"]]


@pytest.mark.usefixtures("page_cache_on")
def test_stored_answers_depend_on_the_url_alone():
    # Language cookie, display preferences, another Host, an Origin: the same answer, in Chinese.
    path = "/api/v1/exposure/?leixing=unit"
    plain = caller().get(path)
    variants = [
        caller().get(path, HTTP_ACCEPT_LANGUAGE="en"),
        caller(HTTP_ORIGIN="https://gov.example.cn").get(path),
    ]
    english = caller()
    english.cookies["django_language"] = "en"
    english.cookies["zhangzhe"] = "1"
    variants.append(english.get(path))
    assert all(response.json() == plain.json() for response in variants)
    assert "逾期" in plain.content.decode()


@pytest.mark.usefixtures("page_cache_on")
def test_errors_and_look_ups_are_never_stored():
    nomination = make_nomination()
    for _ in range(2):
        assert caller().get("/api/v1/pages/999999/").get("X-Page-Cache") != "hit"
        answer = caller().post(STATUS, {"code": nomination.tracking_code})
        assert answer.status_code == 200 and "X-Page-Cache" not in answer
        assert "no-store" in answer["Cache-Control"]


def test_over_the_limit_is_429_with_retry_after_and_a_chinese_message(settings, client):
    settings.API_REQUESTS_PER_MINUTE = 3
    for _ in range(3):
        assert client.get("/api/v1/bureaus/").status_code == 200
    refused = client.get("/api/v1/tasks/")
    assert refused.status_code == 429
    retry_after = int(refused["Retry-After"])
    assert 1 <= retry_after <= 60
    assert refused.json() == {
        "error": "rate_limited",
        "message": f"来自您网络的请求过多，请 {retry_after} 秒后再试。",
        "retry_after": retry_after,
    }
    assert "no-store" in refused["Cache-Control"]
    # Counted per client address: another network is not refused.
    assert client.get("/api/v1/tasks/", REMOTE_ADDR="203.0.113.9").status_code == 200


def test_a_cache_outage_lets_the_api_answer(settings, client):
    # Redis down, configured as in production (errors swallowed): the limit fails open.
    settings.CACHES = {**settings.CACHES, **SILENT_BROKEN_REDIS}
    settings.API_REQUESTS_PER_MINUTE = 1
    for _ in range(3):
        assert client.get("/api/v1/bureaus/").status_code == 200


def test_the_status_look_up_answers_the_stage_and_dates_only():
    nomination = make_nomination(stage=Stage.PUBLICITY)
    type(nomination).objects.filter(pk=nomination.pk).update(publicity_ends_on="2026-12-07")
    typed = nomination.tracking_code.lower()[:4] + "-" + nomination.tracking_code[4:]  # as people type it
    answer = caller().post(STATUS, {"code": typed})
    assert answer.status_code == 200
    data = answer.json()
    assert set(data) == {"found", "code", "linked", "stage", "outcome", "publicity_ends_on", "stages", "events"}
    assert data["stage"] == {"value": "publicity", "label": "评议公示"}
    assert data["publicity_ends_on"] == "2026-12-07"
    assert [event["stage"]["value"] for event in data["events"]] == ["received"]
    assert "Access-Control-Allow-Origin" not in answer  # no other site's page may read it
    as_json = caller().post(STATUS, {"code": nomination.tracking_code}, content_type="application/json")
    assert as_json.json() == data


def test_the_status_look_up_keeps_the_code_out_of_urls_and_refuses_bad_input():
    nomination = make_nomination()
    in_url = caller().get(STATUS, {"code": nomination.tracking_code})
    assert in_url.status_code == 405 and in_url["Allow"] == "POST, OPTIONS"
    assert caller().post(STATUS, {"code": "  "}).json()["message"] == "请输入推荐的跟踪码。"
    assert caller().post(STATUS, "[1]", content_type="application/json").status_code == 400
    assert caller().post(STATUS, "{not json", content_type="application/json").status_code == 400
    unknown = caller().post(STATUS, {"code": "2345-6789-ABCD"})
    assert unknown.status_code == 404
    assert unknown.json()["message"] == "没有这个跟踪码的推荐，请核对后重试。"


def test_the_look_up_shares_the_status_page_s_counter(monkeypatch):
    monkeypatch.setattr("portal.api.lookups.STATUS_LOOKUPS_PER_IP", Limit(STATUS_LOOKUPS_PER_IP.scope, 2, 3600))
    monkeypatch.setattr("content.nominations.views.STATUS_LOOKUPS_PER_IP", Limit(STATUS_LOOKUPS_PER_IP.scope, 2, 3600))
    code = make_nomination().tracking_code
    client = Client(HTTP_HOST="localhost")
    status_page = client.get("/tuijian/status/")
    assert status_page.status_code == 200
    assert client.post("/tuijian/status/", {"code": code}).status_code == 200  # one on the page
    assert caller().post(STATUS, {"code": code}).status_code == 200  # one through the API
    refused = caller().post(STATUS, {"code": code})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "请求过多" in refused.json()["message"]


def test_the_look_up_is_not_limited_by_reading(settings):
    # The general limit does not use up a client's look-ups (they have their own).
    settings.API_REQUESTS_PER_MINUTE = 1
    code = make_nomination().tracking_code
    client = caller()
    client.get("/api/v1/")
    assert client.get("/api/v1/").status_code == 429
    assert client.post(STATUS, {"code": code}).status_code == 200
    assert http.requests_limit().limit == 1

"""When the database goes away, visitors get a Chinese "busy, try again" page (503, Retry-After,
no-store), fetch requests a JSON 503, and what a citizen was given just before (a nomination's
tracking code, an ad report's reference number) is still shown.

The outage here is `connection.execute_wrapper()` making every query fail with the error the
driver itself raises when no server answers (a connection refused on PostgreSQL, a database file
that cannot be opened on SQLite). It stands in for a stopped server: CI runs the PostgreSQL pass
beside another test pass on the same server, which must not be stopped. The real breaks (a
terminated backend, an unreadable file) and the recovery are in test_database_outage_recovery.py."""

import json
import logging
import re
import sqlite3
from contextlib import contextmanager
from html.parser import HTMLParser

import psycopg
import pytest
from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.signals import template_rendered
from django.urls import include, path, reverse

from content.ads.models.placements import AdProblemReport
from content.exemplars.models import ExemplarPage
from content.nominations import codes
from content.nominations.models import Nomination
from content.nominations.receipt import RECEIPT_COOKIE
from portal.database_busy import _retry_url, outage_log
from tests.factories.ads import OWN, make_placement
from tests.factories.nominations import FORM_URL, form_data
from tests.helpers import bureau

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

BUSY = "网站繁忙，请稍后再试"
RECEIPT_URL = "/tuijian/huizhi/"
SHOWN_CODE = re.compile(r'id="tracking-code">([A-Z0-9-]+)<')
VOID = {"meta", "link", "img", "input", "br", "hr", "source"}


def stopped_server_error():
    """Raise what the driver raises when its server is gone, produced by the driver itself."""
    if connection.vendor == "postgresql":
        # Nothing listens on port 1: refused at once, as by a stopped server.
        psycopg.connect(host="127.0.0.1", port=1, dbname="portal", user="portal", connect_timeout=2)
    sqlite3.connect("file:/nonexistent-portal-directory/portal.sqlite3?mode=rw", uri=True)
    raise AssertionError("the driver connected where nothing can be")


@contextmanager
def database_down(when=lambda: True):
    """Every query (or every query once `when()` is true) fails as with a stopped server."""

    def refuse(execute, sql, params, many, context):
        if not when():
            return execute(sql, params, many, context)
        with context["connection"].wrap_database_errors:  # as Django wraps a driver error
            stopped_server_error()

    with connection.execute_wrapper(refuse):
        yield


@contextmanager
def database_down_once_rendering():
    """The database goes away after routing and the view, as the first template renders."""
    rendering = []

    def started(sender, **kwargs):
        rendering.append(True)

    template_rendered.connect(started)
    try:
        with database_down(when=lambda: bool(rendering)):
            yield
    finally:
        template_rendered.disconnect(started)


@pytest.fixture(autouse=True)
def fresh_outage_log():
    outage_log.reset()  # each test starts with the next 503 logged


def visitor(**extra):
    # Handler paths (a middleware or the 404 handler failing) send got_request_exception, which
    # the test client would re-raise; a browser sees the response.
    return Client(HTTP_HOST="localhost", raise_request_exception=False, **extra)


def assert_busy_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.DATABASE_BUSY_RETRY_AFTER)
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("text/html")
    assert "script-src 'self'" in response["Content-Security-Policy"]  # below the security headers
    html = response.content.decode()
    assert BUSY in html
    for leak in ("Traceback", "OperationalError", "unable to open", "Connection refused", "port 1"):
        assert leak not in html
    # The site's shell as far as it goes without the database, and valid HTML.
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-Hans"' in html
    assert "/static/css/portal.css" in html and settings.WAGTAIL_SITE_NAME in html
    assert html.count("<main") == 1 and 'class="site-footer"' in html
    assert_well_formed(html)
    return html


def assert_well_formed(html):
    stack, ids = [], []

    class Checker(HTMLParser):
        def handle_starttag(self, tag, attrs):
            ids.extend(value for name, value in attrs if name == "id")
            if tag not in VOID:
                stack.append(tag)

        def handle_endtag(self, tag):
            assert stack and stack.pop() == tag, f"</{tag}> closes nothing open"

    Checker().feed(html)
    assert stack == [] and len(ids) == len(set(ids))


def retry_link(html):
    return re.search(r'<a href="([^"]*)" id="retry">', html).group(1)


def test_a_public_page_answers_busy_503_in_chinese_then_works_when_the_database_is_back(caplog):
    citizen = visitor()
    with caplog.at_level(logging.INFO), database_down():
        response = citizen.get("/haoren/?year=2025")
    html = assert_busy_page(response)
    assert retry_link(html) == "/haoren/?year=2025"
    # One warning line, no traceback; not Django's error line for a 5xx.
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [(r.name, r.levelname) for r in problems] == [("portal.database_busy", "WARNING")]
    assert problems[0].exc_info is None and "/haoren/" in problems[0].getMessage()

    assert citizen.get("/haoren/").status_code == 200


def test_an_outage_under_load_is_one_log_line_then_a_count(caplog):
    citizen = visitor()
    with caplog.at_level(logging.INFO), database_down():
        for _ in range(3):
            assert citizen.get("/").status_code == 503
        outage_log.last -= outage_log.interval  # the interval has passed
        assert citizen.get("/").status_code == 503
    lines = [r.getMessage() for r in caplog.records if r.name == "portal.database_busy"]
    assert len(lines) == 2
    assert "0 more 503s" in lines[0] and "2 more 503s" in lines[1]


def test_the_busy_page_keeps_the_visitors_display_preferences_and_language():
    citizen = visitor()
    citizen.cookies["elder_mode"] = "1"
    citizen.cookies["font_size"] = "large"
    with database_down():
        html = citizen.get("/").content.decode()
    assert 'class="font-large elder"' in html and 'aria-pressed="true" data-elder-toggle' in html

    citizen.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with database_down():
        html = citizen.get("/").content.decode()
    assert '<html lang="en"' in html and "The site is busy. Please try again later." in html


def test_fetch_requests_get_a_json_503():
    exemplar = ExemplarPage.objects.live().first()
    citizen = visitor()
    with database_down():
        like = citizen.post(
            reverse("exemplar_like", args=[exemplar.pk]), HTTP_ACCEPT="application/json", HTTP_X_CSRFTOKEN="x"
        )
        suggestions = citizen.get("/search/suggest/", {"q": "文明"}, HTTP_ACCEPT="application/json")
    for response in (like, suggestions):
        assert response.status_code == 503
        assert response["Content-Type"] == "application/json"
        assert response["Retry-After"] == str(settings.DATABASE_BUSY_RETRY_AFTER)
        assert "no-store" in response["Cache-Control"]
        body = json.loads(response.content)
        # likes.js shows `message` in its live region; search.js shows no suggestions.
        assert body["ok"] is False and body["message"] == BUSY and body["error"] == "database_unavailable"


def test_a_failure_while_the_template_renders_is_the_busy_page():
    citizen = visitor()
    with database_down_once_rendering():
        assert_busy_page(citizen.get("/haoren/"))


def test_a_failure_in_the_not_found_handler_is_the_busy_page():
    citizen = visitor()
    with database_down_once_rendering():  # the routing finds nothing; 404.html's header then fails
        assert_busy_page(citizen.get("/no-such-section/"))


def test_a_signed_in_editor_in_the_admin_gets_the_busy_page(make_user):
    editor = visitor()
    editor.force_login(make_user("outage-editor", groups=[bureau(OWN).editors_group]))
    with database_down():  # the session and the user are read by middlewares, before any view
        assert_busy_page(editor.get("/admin/"))
    assert editor.get("/admin/").status_code == 200


# A middleware failing after the view (the session saved on the way out) reaches handler500.
armed = []


def keeps_something_in_the_session(request):
    request.session["seen"] = True
    armed.append(True)
    return HttpResponse("ok")


def refers_to_a_missing_column(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT no_such_column FROM wagtailcore_page")
    return HttpResponse("unreachable")


urlpatterns = [
    path("outage/session/", keeps_something_in_the_session),
    path("outage/missing-column/", refers_to_a_missing_column),
    path("", include("portal.urls")),
]
handler500 = "portal.views.server_error"


@override_settings(ROOT_URLCONF=__name__)
def test_a_failure_in_a_middleware_after_the_view_is_the_busy_page():
    armed.clear()
    with database_down(when=lambda: bool(armed)):
        response = visitor().get("/outage/session/")
    assert_busy_page(response)


@override_settings(ROOT_URLCONF=__name__)
def test_a_programming_error_stays_a_server_error(caplog):
    with caplog.at_level(logging.INFO):
        response = visitor().get("/outage/missing-column/")
    assert response.status_code == 500
    assert BUSY not in response.content.decode() and "服务暂时不可用" in response.content.decode()
    assert not any(r.name == "portal.database_busy" for r in caplog.records)


def test_the_receipt_shows_the_tracking_code_while_the_database_is_down_and_keeps_it():
    citizen = visitor()
    assert citizen.post(FORM_URL, form_data()).status_code == 302
    stored = Nomination.objects.order_by("-pk").first()

    for outage in (database_down, database_down_once_rendering):
        with outage():
            response = citizen.get(RECEIPT_URL)
        html = assert_busy_page(response)
        assert SHOWN_CODE.findall(html) == [codes.display(stored.tracking_code)]
        assert "请现在保存此跟踪码" in html and "凭跟踪码查询推荐进度暂时无法使用" in html
        assert RECEIPT_COOKIE not in response.cookies  # not deleted: the receipt was not delivered
        assert "no-store" in response["Cache-Control"]

    receipt = citizen.get(RECEIPT_URL)  # the database is back: the receipt itself, once
    assert receipt.status_code == 200
    assert SHOWN_CODE.findall(receipt.content.decode()) == [codes.display(stored.tracking_code)]
    assert receipt.cookies[RECEIPT_COOKIE]["max-age"] == 0
    assert 'id="receipt-shown"' in citizen.get(RECEIPT_URL).content.decode()


def test_the_receipt_cookie_lives_long_enough_for_a_restart_and_a_retry():
    response = visitor().post(FORM_URL, form_data())
    assert int(response.cookies[RECEIPT_COOKIE]["max-age"]) == settings.NOMINATION_RECEIPT_MAX_AGE >= 30 * 60
    with override_settings(NOMINATION_RECEIPT_MAX_AGE=45 * 60):
        response = visitor().post(FORM_URL, form_data())
    assert int(response.cookies[RECEIPT_COOKIE]["max-age"]) == 45 * 60


def test_without_a_receipt_cookie_the_receipt_address_shows_no_code():
    with database_down():
        html = assert_busy_page(visitor().get(RECEIPT_URL))
    assert 'id="tracking-code"' not in html and "跟踪码" not in html


def test_an_ad_problem_reports_tracking_code_survives_the_outage():
    placement = make_placement(bureau(OWN))
    url = reverse("ad_placement", kwargs={"code": placement.code})
    citizen = visitor()
    answer = citizen.post(url, {"problem": "missing", "description": ""}, REMOTE_ADDR="198.51.100.9")
    assert answer.status_code == 302
    receipt_url = answer["Location"].split("#")[0]
    code = codes.display(AdProblemReport.objects.get(placement=placement).tracking_code)

    with database_down():
        html = assert_busy_page(citizen.get(receipt_url))
    assert code in html
    # Still waiting on the receipt once the database is back.
    assert code in citizen.get(receipt_url).content.decode()


def test_the_retry_link_never_leads_to_another_site():
    request = RequestFactory().get("/x")
    # A browser reads "//host" and "/\\host" as another host; "%5C" is a plain character in a path.
    for sent, retry in (("//evil.example/a", "/evil.example/a"), ("/\\evil.example/", "/%5Cevil.example/")):
        request.path = sent
        assert _retry_url(request) == retry

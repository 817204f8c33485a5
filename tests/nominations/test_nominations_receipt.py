"""A tracking code never travels in a URL (server and proxy logs, browser history, Referer): the
receipt shows it once at /tuijian/huizhi/, the status page is asked by POST, and an old link with
?code= reveals nothing."""

import re

import pytest
from django.conf import settings
from django.test import Client

from content.nominations import codes
from content.nominations.models import Nomination, Stage
from content.nominations.receipt import RECEIPT_COOKIE
from tests.factories.nominations import FORM_URL, STATUS_URL, form_data, make_nomination
from tests.helpers import urls_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

RECEIPT_URL = "/tuijian/huizhi/"
SHOWN_CODE = re.compile(r'id="tracking-code">([A-Z0-9-]+)<')


def visitor():
    return Client(HTTP_HOST="localhost")


def forms_of(html):
    return re.findall(r"<form\b[^>]*>", html)


def spellings(code):
    """Every way a code can be written: stored, shown, typed in lower case."""
    return {code, codes.display(code), code.lower(), codes.display(code).lower()}


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"  # no address goes to another site


def test_after_a_nomination_the_receipt_shows_the_code_once_at_an_address_without_it():
    citizen = visitor()
    before = Nomination.objects.count()
    response = citizen.post(FORM_URL, form_data())
    assert response.status_code == 302
    assert response["Location"] == RECEIPT_URL  # nothing else: no code, no query string
    assert "no-store" in response["Cache-Control"]

    receipt = citizen.get(RECEIPT_URL)
    assert receipt.status_code == 200
    html = receipt.content.decode()
    (shown,) = SHOWN_CODE.findall(html)
    code = codes.normalise(shown)
    nomination = Nomination.objects.get(tracking_code=code)
    assert nomination.is_primary and Nomination.objects.count() == before + 1
    assert html.count(shown) == 1  # shown once on the page
    assert_private(receipt)
    assert receipt.cookies[RECEIPT_COOKIE]["max-age"] == 0  # the receipt forgets it as it shows it
    assert not any(spelling in url for url in urls_in(html) for spelling in spellings(code))

    # A reload: nothing sent again, the code not shown again.
    again = citizen.get(RECEIPT_URL)
    assert again.status_code == 200
    assert shown not in again.content.decode() and 'id="receipt-shown"' in again.content.decode()
    assert Nomination.objects.count() == before + 1


def test_the_receipt_cookie_is_signed_short_lived_and_only_for_the_receipt():
    citizen = visitor()
    response = citizen.post(FORM_URL, form_data())
    morsel = response.cookies[RECEIPT_COOKIE]
    assert morsel["path"] == RECEIPT_URL and morsel["httponly"] and morsel["samesite"] == "Lax"
    # Long enough for a database restart and a retry (docs/database-outage.md), then gone.
    assert int(morsel["max-age"]) == settings.NOMINATION_RECEIPT_MAX_AGE <= 60 * 60

    forged = visitor()
    forged.cookies[RECEIPT_COOKIE] = "ABCDEFGHJKMN:0"  # unsigned
    html = forged.get(RECEIPT_URL).content.decode()
    assert "ABCD-EFGH-JKMN" not in html and 'id="receipt-shown"' in html


def test_the_status_is_asked_by_post_and_answered_in_that_page():
    nomination = make_nomination()
    citizen = visitor()
    form_page = citizen.get(STATUS_URL)
    html = form_page.content.decode()
    (form,) = [tag for tag in forms_of(html) if "status-form" in tag]
    assert 'method="post"' in form and 'action="/tuijian/status/"' in form
    assert 'name="csrfmiddlewaretoken"' in html
    assert "?code=" not in urls_in(html)  # no form sends a code with GET

    answer = citizen.post(STATUS_URL, {"code": codes.display(nomination.tracking_code).lower()})
    assert answer.status_code == 200
    assert f"<strong>{Stage.RECEIVED.label}</strong>" in answer.content.decode()
    assert_private(answer)
    assert not any(
        spelling in url for url in urls_in(answer.content.decode()) for spelling in spellings(nomination.tracking_code)
    )


def test_a_look_up_needs_the_csrf_token():
    nomination = make_nomination()
    strict = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    assert strict.post(STATUS_URL, {"code": nomination.tracking_code}).status_code == 403
    html = strict.get(STATUS_URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    answer = strict.post(STATUS_URL, {"code": nomination.tracking_code, "csrfmiddlewaretoken": token})
    assert answer.status_code == 200 and 'id="current-stage"' in answer.content.decode()


def test_an_old_link_with_the_code_shows_no_status_and_drops_the_code_from_the_address():
    nomination = make_nomination()
    citizen = visitor()
    for typed in (nomination.tracking_code, codes.display(nomination.tracking_code).lower()):
        response = citizen.get(STATUS_URL, {"code": typed})
        assert response.status_code == 302
        assert response["Location"] == STATUS_URL
        assert 'id="current-stage"' not in response.content.decode()
        page = citizen.get(response["Location"])
        html = page.content.decode()
        assert 'id="current-stage"' not in html and f"<strong>{Stage.RECEIVED.label}</strong>" not in html
        assert not any(spelling in html for spelling in spellings(nomination.tracking_code))
        assert "查询码不从链接中读取" in html  # the visitor is asked to type it


def test_no_answer_of_the_whole_journey_puts_the_code_in_a_url():
    """Form, nomination, receipt, reload, status form, look-up, old link: the code in no Location
    and in no address of any page."""
    citizen = visitor()
    answers = [citizen.get(FORM_URL), citizen.post(FORM_URL, form_data())]
    answers.append(citizen.get(answers[-1]["Location"]))
    code = codes.normalise(SHOWN_CODE.search(answers[-1].content.decode()).group(1))
    answers.append(citizen.get(RECEIPT_URL))
    answers.append(citizen.get(STATUS_URL))
    answers.append(citizen.post(STATUS_URL, {"code": code}))
    answers.append(citizen.get(STATUS_URL, {"code": code}))
    answers.append(citizen.get(answers[-1]["Location"]))
    assert 'id="current-stage"' in answers[5].content.decode()
    for answer in answers:
        location = answer.get("Location", "")
        assert not any(spelling in location for spelling in spellings(code)), location
        urls = urls_in(answer.content.decode())
        assert "?code=" not in urls
        assert not any(spelling in url for url in urls for spelling in spellings(code))

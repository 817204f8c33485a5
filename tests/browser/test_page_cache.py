"""Forms on pages served from the page cache, in a real browser (docs/page-cache.md).

The browser tests' server runs with the page cache on, as `make run` does, so every journey
already passes through stored pages; these tests make sure of it and try both ways a visitor's
form gets its CSRF token: the page script (from the visitor's own cookie, asking /csrf/ first),
and without JavaScript (the "确认提交" page that keeps what was typed)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EXEMPLAR = "/haoren/fulian/zhou-hongmei/"
OTHER_EXEMPLAR = "/haoren/gongan/wang-haitao/"
# The visitors who like send from addresses of their own (X-Real-IP, trusted from loopback
# only): the per-address limits on likes and new visitors must not depend on what the browser
# tests before these sent from the loopback address.
LIKER = {"X-Real-IP": "203.0.113.41"}
LIKER_WITHOUT_SCRIPT = {"X-Real-IP": "203.0.113.42"}


def count(page):
    return int(page.locator("[data-like-count]").inner_text())


def test_a_like_on_a_stored_page_gets_its_token_from_the_visitors_own_cookie(new_context):
    new_context().new_page().goto(EXEMPLAR)  # someone else's visit fills the cache
    page = new_context(extra_http_headers=LIKER).new_page()
    response = page.goto(EXEMPLAR)
    assert response.headers.get("x-page-cache") == "hit"
    assert 'name="csrfmiddlewaretoken" value="" data-csrf-field' in response.text()
    before = count(page)

    page.get_by_role("button", name=re.compile("点赞")).click()
    expect(page.locator("[data-like-count]")).to_have_text(str(before + 1))
    expect(page.locator("[data-like-status]")).to_contain_text("感谢")
    token = page.locator("[data-like-form] input[data-csrf-field]").input_value()
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    assert token and token == cookies["csrftoken"]


def test_without_javascript_a_form_on_a_stored_page_is_sent_after_one_confirmation(new_context):
    # Another exemplar: likes from one address are limited per exemplar and day.
    new_context().new_page().goto(OTHER_EXEMPLAR)
    page = new_context(java_script_enabled=False, extra_http_headers=LIKER_WITHOUT_SCRIPT).new_page()
    assert page.goto(OTHER_EXEMPLAR).headers.get("x-page-cache") == "hit"
    before = count(page)

    page.get_by_role("button", name=re.compile("点赞")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("请确认提交")
    page.get_by_role("button", name="确认提交").click()
    expect(page).to_have_url(re.compile(re.escape(OTHER_EXEMPLAR)))
    assert count(page) == before + 1
    expect(page.locator("[data-like-status]")).to_contain_text("感谢")

"""Elder mode (长者模式) and font size (大/中/小): switched in the header, kept across pages.

The switches work with the page script (no reload; it sets the cookies) and without it (plain
forms: the server sets the cookies and redirects back). Either way the next page is rendered by
the server in the chosen mode, read from the cookies."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ELDER = re.compile(r"(^|\s)elder(\s|$)")
ROOT_FONT_SIZE = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"


def font_class(size):
    return re.compile(rf"(^|\s)font-{size}(\s|$)")


def html_class_served(response):
    """The class attribute of <html> as the server sent it, before any script ran."""
    match = re.search(r"<html\b[^>]*\bclass=\"([^\"]*)\"", response.text())
    assert match, "no class attribute on <html>"
    return match.group(1).split()


def test_elder_mode_persists_across_pages(phone_page):
    page = phone_page
    html = page.locator("html")
    toggle = page.locator("[data-elder-toggle]")

    page.goto("/")
    expect(toggle).to_have_text("长者模式")
    expect(html).not_to_have_class(ELDER)
    expect(toggle).to_have_attribute("aria-pressed", "false")
    normal_size = page.evaluate(ROOT_FONT_SIZE)

    toggle.click()
    expect(html).to_have_class(ELDER)
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(ROOT_FONT_SIZE) > normal_size, "elder mode should enlarge the text"

    for path in ("/renwu/", "/danwei/gongan/"):
        response = page.goto(path)
        assert response.status == 200
        assert "elder" in html_class_served(response), f"{path} was not served in elder mode"
        expect(html).to_have_class(ELDER)
        expect(toggle).to_have_attribute("aria-pressed", "true")

    toggle.click()
    expect(html).not_to_have_class(ELDER)
    expect(toggle).to_have_attribute("aria-pressed", "false")

    response = page.goto("/danwei/")
    assert "elder" not in html_class_served(response)
    expect(html).not_to_have_class(ELDER)
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(ROOT_FONT_SIZE) == normal_size


def test_elder_mode_works_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    html = page.locator("html")
    toggle = page.locator("[data-elder-toggle]")

    page.goto("/renwu/")
    expect(html).not_to_have_class(ELDER)
    with page.expect_navigation():
        toggle.click()
    assert page.url.endswith("/renwu/"), f"the switch should return to the same page, not {page.url}"
    expect(html).to_have_class(ELDER)
    expect(toggle).to_have_attribute("aria-pressed", "true")

    page.goto("/danwei/gongan/")
    expect(html).to_have_class(ELDER)
    expect(toggle).to_have_attribute("aria-pressed", "true")

    with page.expect_navigation():
        toggle.click()
    expect(html).not_to_have_class(ELDER)
    page.goto("/")
    expect(html).not_to_have_class(ELDER)
    expect(toggle).to_have_attribute("aria-pressed", "false")


def test_font_size_persists_across_pages(phone_page):
    page = phone_page
    html = page.locator("html")
    large = page.locator("[data-font-size=large]")
    small = page.locator("[data-font-size=small]")

    page.goto("/")
    expect(large).to_have_text("大")
    expect(small).to_have_text("小")
    expect(html).to_have_class(font_class("medium"))
    expect(page.locator("[data-font-size=medium]")).to_have_attribute("aria-pressed", "true")
    medium_size = page.evaluate(ROOT_FONT_SIZE)

    large.click()
    expect(html).to_have_class(font_class("large"))
    expect(large).to_have_attribute("aria-pressed", "true")
    large_size = page.evaluate(ROOT_FONT_SIZE)
    assert large_size > medium_size

    response = page.goto("/danwei/gongan/")
    assert "font-large" in html_class_served(response)
    expect(html).to_have_class(font_class("large"))
    expect(large).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(ROOT_FONT_SIZE) == large_size

    small.click()
    expect(html).to_have_class(font_class("small"))
    expect(html).not_to_have_class(font_class("large"))
    expect(small).to_have_attribute("aria-pressed", "true")
    expect(large).to_have_attribute("aria-pressed", "false")
    small_size = page.evaluate(ROOT_FONT_SIZE)
    assert small_size < medium_size

    response = page.goto("/renwu/")
    assert "font-small" in html_class_served(response)
    assert page.evaluate(ROOT_FONT_SIZE) == small_size

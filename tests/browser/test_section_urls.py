"""A citizen reading an ad stays in 公益广告: the address, the breadcrumb and the header say so,
and an old link from before section addresses still lands there (docs/section-urls.md)."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SECTION_ADDRESS = re.compile(r"^/gongyi/[a-z0-9-]+/[a-z0-9-]+/$")


def test_a_citizen_clicks_from_the_ads_section_into_an_ad_and_stays_in_the_section(phone_page):
    page = phone_page
    page.goto("/gongyi/")
    first_work = page.locator(".work-card__title a").first
    title = first_work.inner_text().strip()
    first_work.click()

    expect(page.locator("main h1")).to_have_text(title)
    path = urlsplit(page.url).path
    assert SECTION_ADDRESS.match(path), path

    crumbs = page.get_by_role("navigation", name="当前位置").get_by_role("listitem")
    expect(crumbs).to_have_text(["首页", "公益广告", title])
    expect(page.locator('header nav a[aria-current="page"]')).to_have_text("公益广告")

    publisher = page.locator(".publisher")
    expect(publisher).to_contain_text("发布单位")
    bureau_slug = path.split("/")[2]
    expect(publisher.get_by_role("link")).to_have_attribute("href", f"/danwei/{bureau_slug}/")


def test_an_old_link_lands_on_the_section_address(page):
    response = page.goto("/danwei/gongan/lixing-banmaxian/")
    assert response.status == 200
    assert urlsplit(page.url).path == "/gongyi/gongan/lixing-banmaxian/"
    expect(page.locator('header nav a[aria-current="page"]')).to_have_text("公益广告")

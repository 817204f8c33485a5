"""The site shell as a visitor meets it: header, skip link, search, keyboard focus, 404 page."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SITE_NAME = "昆明文明城市创建网"
HEADER_SECTIONS = [
    "创建动态",
    "公益广告",
    "好人榜",
    "文明礼仪",
    "曝光台",
    "专题",
    "创建任务",
    "荣誉榜",
    "牵头单位",
    "我要推荐",
]
CJK = re.compile(r"[\u4e00-\u9fff]")

ACTIVE_ELEMENT = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    description: el.outerHTML.slice(0, 120),
    skipLink: el.classList.contains("skip-link"),
    inHeader: el.closest("header") !== null,
    inMain: el.closest("main") !== null,
    elderToggle: el.hasAttribute("data-elder-toggle"),
    fontSize: el.getAttribute("data-font-size"),
    navLink: el.closest("header nav") !== null ? el.textContent.trim() : null,
    searchBox: el.matches("header input[type=search]"),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    boxShadow: style.boxShadow,
    onScreen: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
  };
}"""


def test_home_page_loads_with_the_site_shell(page):
    response = page.goto("/")
    assert response.status == 200
    expect(page).to_have_title(re.compile(SITE_NAME))
    expect(page.locator("header .site-name")).to_have_text(SITE_NAME)
    expect(page.locator("main")).to_have_count(1)
    expect(page.locator("h1")).to_have_count(1)

    # The home page has one search form, in the hero under the title (the header's is left out
    # there so that two forms never share a label).
    expect(page.get_by_role("search")).to_have_count(1)
    search_box = page.get_by_role("search").get_by_role("combobox")  # search.js: suggestions
    expect(search_box).to_be_visible()
    # Named by a <label> of its own, not merely by its placeholder.
    labels = search_box.evaluate("el => Array.from(el.labels, label => label.textContent.trim())")
    assert labels
    assert all(labels)
    expect(search_box).to_have_accessible_name(labels[0])

    expect(page.locator("header nav").get_by_role("link")).to_have_text(HEADER_SECTIONS)


def test_skip_link_moves_keyboard_focus_to_main(page):
    page.goto("/")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).not_to_be_in_viewport()  # hidden until it is needed

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    expect(skip_link).to_have_attribute("href", "#main")

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    assert urlsplit(page.url).fragment == "main"
    # The next Tab continues from the main content, not from the header.
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE_ELEMENT)["inMain"]


def test_search_from_the_header_shows_the_query(page):
    query = "文明交通"
    page.goto("/renwu/")
    # search.js turns the box into a combobox with suggestions (ARIA 1.2 pattern).
    search_box = page.locator("header").get_by_role("combobox")
    search_box.click()
    search_box.press_sequentially(query)
    with page.expect_navigation():
        search_box.press("Enter")

    url = urlsplit(page.url)
    assert url.path == "/search/"
    assert parse_qs(url.query)["q"] == [query]
    expect(page.get_by_role("status")).to_contain_text(query)
    expect(page.locator("main").get_by_role("combobox")).to_have_value(query)
    # The query stays out of <title> (it would end up in browser history and shared tabs).
    assert query not in page.title()


def test_tab_order_starts_with_the_skip_link_and_every_focus_is_visible(phone_page):
    page = phone_page
    page.goto("/renwu/")
    stops = []
    # The header's stops (skip link, site name, elder mode, language, three sizes, ten sections,
    # the search box and its button) and a few into the page.
    for _ in range(21):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(ACTIVE_ELEMENT))

    assert stops[0]["skipLink"], f"the first Tab stop is {stops[0]['description']}"
    header_stops = []
    for stop in stops[1:]:
        if not stop["inHeader"]:
            break
        header_stops.append(stop)
    assert any(stop["elderToggle"] for stop in header_stops)
    assert [stop["fontSize"] for stop in header_stops if stop["fontSize"]] == ["large", "medium", "small"]
    assert [stop["navLink"] for stop in header_stops if stop["navLink"]] == HEADER_SECTIONS
    assert any(stop["searchBox"] for stop in header_stops)
    assert stops[len(header_stops) + 1]["inMain"], "after the header, Tab moves into the main content"

    for stop in stops:
        has_outline = stop["outlineStyle"] != "none" and stop["outlineWidth"] > 0
        has_ring = stop["boxShadow"] != "none"
        assert has_outline or has_ring, f"no visible focus style on {stop['description']}"
        assert stop["onScreen"], f"focused element is off screen: {stop['description']}"


def test_404_page_is_in_chinese_with_status_404(page):
    response = page.goto("/no-such-page/")
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    heading = page.locator("main h1").inner_text()
    explanation = page.locator("main .lead").inner_text()
    assert CJK.search(heading), f"the 404 heading is not in Chinese: {heading!r}"
    assert CJK.search(explanation), f"the 404 explanation is not in Chinese: {explanation!r}"
    assert not re.search(r"[A-Za-z]{3,}", heading + explanation), "English words on the Chinese 404 page"
    expect(page).to_have_title(re.compile(rf"^{CJK.pattern}.* · {SITE_NAME}$"))
    # Still inside the site shell, with ways on: the sections, a link home and a search box.
    expect(page.locator("header nav").get_by_role("link")).to_have_text(HEADER_SECTIONS)
    expect(page.locator("main a[href='/']")).to_be_visible()
    expect(page.locator("main").get_by_role("combobox")).to_be_visible()

"""axe-core (WCAG 2.0/2.1 A and AA, plus best practice) finds nothing serious or critical."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe_helper import assert_no_serious_axe_violations
from tests.browser.support import DESKTOP, PHONE

pytestmark = pytest.mark.browser

PAGES = [
    pytest.param("/", 200, id="home"),
    pytest.param("/danwei/gongan/", 200, id="bureau"),
    pytest.param("/renwu/chengshi-guanli-1/", 200, id="task"),
    pytest.param("/renwu/", 200, id="task-register"),
    pytest.param("/danwei/", 200, id="bureau-directory"),
    pytest.param("/dongtai/", 200, id="news-list"),
    pytest.param("/dongtai/gongan/lirang-banmaxian-zhengzhi/", 200, id="news-article"),
    pytest.param("/renwu/jiaotong-guanli-3/", 200, id="task-with-news"),
    pytest.param("/zhuanti/", 200, id="specials"),
    pytest.param("/zhuanti/gongan/wenming-jiaotong-yue/", 200, id="special"),
    pytest.param("/no-such-page/", 404, id="not-found"),
]


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_page_has_no_serious_axe_violations(page, path, status):
    response = page.goto(path)
    assert response.status == status
    assert_no_serious_axe_violations(page)


@pytest.mark.parametrize(
    ("cookies", "classes", "viewport"),
    [
        pytest.param({"elder_mode": "1"}, ["elder", "font-medium"], DESKTOP, id="elder"),
        pytest.param({"font_size": "large"}, ["font-large"], DESKTOP, id="font-large"),
        pytest.param(
            {"elder_mode": "1", "font_size": "large"}, ["elder", "font-large"], PHONE, id="elder-font-large-phone"
        ),
    ],
)
def test_home_page_in_display_modes_has_no_serious_axe_violations(
    new_context, portal_server, cookies, classes, viewport
):
    context = new_context(viewport=viewport)
    context.add_cookies([{"name": name, "value": value, "url": portal_server} for name, value in cookies.items()])
    page = context.new_page()
    response = page.goto("/")
    assert response.status == 200
    for name in classes:
        expect(page.locator("html")).to_have_class(re.compile(rf"(^|\s){name}(\s|$)"))
    assert_no_serious_axe_violations(page)

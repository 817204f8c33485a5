"""An administrator edits the footer's site identity (网站标识与页脚) in the admin's settings and a
visitor sees it on the next page, although the server keeps pages in its page cache; a wrong
filing number is refused next to its field in Chinese."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.admin_steps import log_in
from tests.browser.support import run_shell

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-9Pw"
SETUP = """
import json
from django.contrib.auth.models import User

admin, _ = User.objects.get_or_create(username="identity-admin", defaults={"is_superuser": True, "is_staff": True})
admin.set_password(PASSWORD)
admin.save()
print(json.dumps({"admin": admin.username}))
"""


@pytest.fixture(scope="module")
def setup(portal_server):
    return json.loads(run_shell(f"PASSWORD = {PASSWORD!r}\n{SETUP}"))


def test_an_administrator_edits_the_footer_and_visitors_see_it_at_once(page, new_context, setup):
    visitor = new_context().new_page()
    visitor.goto("/haoren/")
    assert visitor.goto("/haoren/").headers.get("x-page-cache") == "hit"
    footer = visitor.locator("footer")
    expect(footer).to_contain_text("网站标识码：5301000099")

    log_in(page, setup["admin"])
    page.goto("/admin/")
    page.get_by_role("button", name="设置").click()
    page.get_by_role("link", name="网站标识与页脚").click()
    expect(page.locator("#id_host_unit")).to_have_value("中共昆明市委精神文明建设委员会办公室")

    # A number in the wrong form is refused, next to its field, in Chinese.
    page.locator("#id_icp_number").fill("ICP备2024号")
    page.locator("form#w-editor-form button[type=submit]").first.click()
    error = page.locator(".w-field__wrapper", has=page.locator("#id_icp_number")).locator(".error-message")
    expect(error).to_contain_text("ICP备案号格式不正确")

    page.locator("#id_icp_number").fill("滇ICP备20240001号-2")
    page.locator("#id_site_code").fill("5301000123")
    page.locator("#id_organiser_unit").fill("昆明市文明城市创建网编辑部（浏览器测试）")
    page.locator("#id_contact_phone").fill("0871-87654321")
    page.locator("form#w-editor-form button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("网站标识与页脚")

    response = visitor.goto("/haoren/")
    assert response.headers.get("x-page-cache") == "miss"
    expect(footer).to_contain_text("承办单位：昆明市文明城市创建网编辑部（浏览器测试）")
    expect(footer).to_contain_text("网站标识码：5301000123")
    expect(footer).to_contain_text("电话：0871-87654321")
    expect(footer.get_by_role("link", name="滇ICP备20240001号-2")).to_have_attribute(
        "href", "https://beian.miit.gov.cn/"
    )
    # And on every other kind of page, a detail page and the site map among them.
    for path in ["/", "/gongyi/gongan/lixing-banmaxian/", "/wangzhanditu/"]:
        visitor.goto(path)
        expect(footer).to_contain_text("网站标识码：5301000123")
    expect(visitor.locator("#contact")).to_contain_text("0871-87654321")

    visitor.goto("/")
    footer.get_by_role("link", name="网站地图").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("网站地图")

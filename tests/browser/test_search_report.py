"""What editors see of the searches, through the admin's own pages: a query nobody found an
answer to shows in 报告 → 搜索统计, and an editors' pick added for it shows on /search/."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.admin_steps import log_in
from tests.browser.support import run_shell

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-7Qx"
QUERY = "浏览器测试夜市噪音"

SETUP = """
import json
from django.contrib.auth.models import User
user, _ = User.objects.get_or_create(username="search-office-admin", defaults={"is_staff": True})
user.is_superuser = user.is_staff = True
user.set_password(PASSWORD)
user.save()
print(json.dumps({"username": user.username}))
"""


@pytest.fixture(scope="module")
def office_admin(portal_server):
    return json.loads(run_shell(f"PASSWORD = {PASSWORD!r}\n{SETUP}"))["username"]


def test_a_missed_query_shows_in_the_report_and_a_pick_answers_it(new_context, office_admin):
    citizen = new_context().new_page()
    citizen.goto(f"/search/?q={QUERY}")
    expect(citizen.locator(".search-picks")).to_have_count(0)

    admin = new_context().new_page()
    log_in(admin, office_admin, PASSWORD)
    admin.goto("/admin/")
    admin.get_by_role("button", name="报告").click()
    admin.get_by_role("link", name="搜索统计").click()
    missed = admin.locator("#search-report-missed")
    expect(missed).to_contain_text(QUERY)

    admin.get_by_role("link", name="添加编辑推荐").click()
    admin.locator("#id_query_string").fill(QUERY)
    admin.locator("[id$='-ADD']").first.click()
    admin.locator("[name$='-0-external_link_url']").fill("https://www.km.gov.cn/")
    admin.locator("[name$='-0-external_link_text']").fill("12345 市民热线：噪音投诉")
    admin.locator("[name$='-0-description']").fill("夜间噪音扰民，请拨打 12345 或向属地派出所反映。")
    admin.locator("form [type=submit]").last.click()
    expect(admin.locator(".messages")).to_be_visible()

    citizen.goto(f"/search/?q={QUERY}")
    picks = citizen.locator(".search-picks")
    expect(picks).to_contain_text("12345 市民热线：噪音投诉")
    expect(picks.get_by_role("link", name="12345 市民热线：噪音投诉")).to_have_attribute(
        "href", "https://www.km.gov.cn/"
    )

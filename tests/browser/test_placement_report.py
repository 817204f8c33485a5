"""A citizen scans the QR sticker, reports a problem; the bureau's editor finds the update task in
the admin, and an editor of another bureau does not."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.admin_steps import log_in
from tests.browser.axe_helper import assert_no_serious_axe_violations
from tests.browser.support import run_shell

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-7Qx"

# Runs in `manage.py shell` against the browser-test database. It makes its own placement (the
# demo's may change) for a live demo work, and one editor in the placement's bureau and one in
# another bureau. Idempotent: a second run in the same database reuses what is there.
SETUP = """
import json
from django.contrib.auth.models import Group, User
from content.ads.models.works import AdCarrier, PublicServiceAdPage
from content.ads.models.placements import AdPlacement
from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District

PLACE = "浏览器测试：盘龙区北京路公交站台"
work = PublicServiceAdPage.objects.live().exclude(bureau=None).order_by("path").first()
if work is None:
    raise SystemExit("the demo has no live public-service ad to place")
placement = AdPlacement.objects.filter(place=PLACE).first() or AdPlacement.objects.create(
    work=work,
    carrier=AdCarrier.objects.order_by("sort_order", "id").first()
    or AdCarrier.objects.create(name="公交站台", slug="gongjiao-zhantai"),
    place=PLACE,
    district=District.objects.order_by("sort_order", "id").first(),
    bureau=work.bureau,
)
other = BureauPage.objects.exclude(pk=placement.bureau_id).order_by("path").first()

def editor(username, bureau):
    user, _ = User.objects.get_or_create(username=username)
    user.set_password(PASSWORD)
    user.save()
    user.groups.set([Group.objects.get(name=f"{bureau.title} 编辑")])
    return username

print(json.dumps({
    "code": placement.code,
    "bureau": placement.bureau.title,
    "editor": editor("placement-editor", placement.bureau),
    "other_editor": editor("other-bureau-editor", other),
}))
"""

TASK_FOR_REPORT = """
from content.ads.models.placements import AdUpdateTask
task = AdUpdateTask.objects.get(report__tracking_code={code!r})
print(task.pk, task.bureau.title, task.status)
"""

REPORTS_WITH = """
from content.ads.models.placements import AdProblemReport
print(AdProblemReport.objects.filter(tracking_code__in={codes!r}).count())
"""


@pytest.fixture(scope="module")
def placement(portal_server):
    return json.loads(run_shell(f"PASSWORD = {PASSWORD!r}\n{SETUP}"))


def test_citizen_reports_a_problem_and_the_bureau_sees_the_task(new_context, placement):
    code = placement["code"]
    citizen = new_context().new_page()

    # The QR code points at the page; someone typing the code from the sticker in lower case
    # lands on the same page.
    qr = citizen.request.get(f"/gongyi/dianwei/{code}/qr.png")
    assert qr.status == 200
    assert qr.headers["content-type"] == "image/png"
    response = citizen.goto(f"/gongyi/dianwei/{code.lower()}/")
    assert response.status == 200
    assert citizen.url.endswith(f"/gongyi/dianwei/{code}/")
    expect(citizen.locator("main h1")).to_have_count(1)
    expect(citizen.get_by_text("浏览器测试：盘龙区北京路公交站台")).to_be_visible()
    expect(citizen.get_by_role("link", name=placement["bureau"])).to_be_visible()
    assert_no_serious_axe_violations(citizen)

    # The honeypot is out of sight and out of the tab order.
    honeypot = citizen.locator("#id_website")
    assert honeypot.get_attribute("tabindex") == "-1"
    assert not honeypot.is_visible() or honeypot.bounding_box()["x"] < 0

    citizen.get_by_role("radio", name="被遮挡").check()
    citizen.get_by_label("详细说明").fill("站台广告被新装的快递柜挡住了一半。")
    citizen.get_by_role("button", name="提交问题反馈").click()

    # The outcome is its own page, thank-you and tracking code first (not the form again).
    thanks = citizen.locator("#receipt")
    expect(thanks).to_contain_text("感谢您的问题反馈")
    expect(thanks).to_contain_text(placement["bureau"])
    tracking_code = citizen.locator("#tracking-code").inner_text().replace("-", "")
    expect(citizen.get_by_label("详细说明")).to_have_count(0)
    assert_no_serious_axe_violations(citizen)

    task_id, bureau, status = run_shell(TASK_FOR_REPORT.format(code=tracking_code)).split(" ", 2)
    assert (bureau, status) == (placement["bureau"], "open")

    # A bot that fills the honeypot is thanked the same way, with a code that was never stored.
    bot = new_context().new_page()
    bot.goto(f"/gongyi/dianwei/{code}/")
    bot.get_by_role("radio", name="被遮挡").check()
    bot.get_by_label("详细说明").fill("站台广告被新装的快递柜挡住了一半。")
    bot.locator("#id_website").evaluate("field => { field.value = 'http://spam.example/'; }")
    bot.get_by_role("button", name="提交问题反馈").click()
    pretend = bot.locator("#receipt")
    expect(pretend).to_contain_text("感谢您的问题反馈")
    expect(pretend).to_contain_text(placement["bureau"])
    pretend_code = bot.locator("#tracking-code").inner_text().replace("-", "")
    assert run_shell(REPORTS_WITH.format(codes=[tracking_code, pretend_code])) == "1"  # the citizen's only

    # The bureau's editor sees the task in the admin's update-task list and can open it.
    editor = new_context().new_page()
    log_in(editor, placement["editor"], PASSWORD)
    response = editor.goto("/admin/ad-update-tasks/")
    assert response.status == 200
    expect(editor.locator("main")).to_contain_text(code)
    response = editor.goto(f"/admin/ad-update-tasks/inspect/{task_id}/")
    assert response.status == 200
    expect(editor.locator("main")).to_contain_text(code)
    expect(editor.locator("#task-origin-description")).to_have_text("站台广告被新装的快递柜挡住了一半。")

    # An editor of another bureau neither sees it listed nor can open it.
    outsider = new_context().new_page()
    log_in(outsider, placement["other_editor"], PASSWORD)
    response = outsider.goto("/admin/ad-update-tasks/")
    assert response.status in (200, 403)
    if response.status == 200:
        expect(outsider.locator("main")).not_to_contain_text(code)
    response = outsider.goto(f"/admin/ad-update-tasks/inspect/{task_id}/")
    assert response.status in (403, 404)


def test_form_errors_are_announced_and_keep_the_text(new_context, placement):
    page = new_context().new_page()
    page.goto(f"/gongyi/dianwei/{placement['code']}/")
    page.get_by_label("详细说明").fill("没选问题类型")
    # Skip the browser's own check of the required radio group to reach the server's messages.
    page.locator("form.report-form").evaluate("form => form.noValidate = true")
    page.get_by_role("button", name="提交问题反馈").click()

    expect(page.locator("#report-errors")).to_contain_text("请选择广告存在的问题。")
    expect(page.get_by_label("详细说明")).to_have_value("没选问题类型")
    first_radio = page.get_by_role("radio", name="破损")
    expect(first_radio).to_have_attribute("aria-invalid", "true")
    expect(first_radio).to_have_attribute("aria-describedby", "problem-error")
    assert_no_serious_axe_violations(page)

"""A message from a citizen's phone to the bureau's answer: the citizen writes to 市公安局's topic
on a 390 × 844 screen with a photo, reads the tracking code on the receipt (once, in no address)
and looks the status up; an editor of 市公安局 drafts and submits the reply in the admin, a
reviewer of the bureau approves it, and the citizen reads the answer by code."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.admin_steps import sign_in
from tests.browser.axe_helper import assert_no_serious_axe_violations
from tests.browser.support import run_shell
from tests.browser.test_nomination_flow import assert_code_in_no_address

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-9Pw"
SUBJECT = "浏览器测试：路口右转车辆不礼让行人"
TEXT = "每天早上八点左右，北京路与东风路口右转车辆很少礼让斑马线上的行人，老人和学生过马路很危险。"
ANSWER = "感谢您的留言。交警支队已在该路口早高峰增派警力，并启用抓拍设备，对不礼让行人的行为依法处罚。"
CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")

SETUP = """
from django.contrib.auth.models import User
from bureaus.models.bureaus import BureauPage

gongan = BureauPage.objects.get(slug="gongan")
for username, group in (("bm-editor", gongan.editors_group), ("bm-reviewer", gongan.reviewers_group)):
    user, _ = User.objects.get_or_create(username=username)
    user.set_password(PASSWORD)
    user.save()
    user.groups.set([group])
print("ok")
"""


def _jpeg():
    output = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 200)).save(output, format="JPEG")
    return output.getvalue()


@pytest.fixture(scope="module")
def bureau_people(portal_server):
    return run_shell(f"PASSWORD = {PASSWORD!r}\n{SETUP}")


def _look_up(page, code):
    page.goto("/liuyan/chaxun/")
    page.locator("#id_code").fill(code.lower())
    with page.expect_navigation():
        page.locator("main form.status-form button[type=submit]").click()
    assert page.url.endswith("/liuyan/chaxun/")
    return page.locator("#current-status")


def test_a_phone_message_is_answered_through_review(phone_page, new_context, bureau_people):
    citizen = phone_page
    citizen.goto("/")
    citizen.locator(".site-footer__messages a").first.click()
    expect(citizen).to_have_url(re.compile(r"/liuyan/xie/$"))
    assert_no_serious_axe_violations(citizen)

    # A mistake is answered next to the field, in Chinese, with what was typed kept.
    citizen.locator("#id_topic_0").check()
    citizen.locator("#id_subject").fill(SUBJECT)
    citizen.locator("#id_text").fill("太短")
    citizen.locator("form.nomination-form button[type=submit]").click()
    expect(citizen.locator("#text-error")).to_be_visible()
    expect(citizen.locator("#data_consent-error")).to_contain_text("您同意处理个人信息后")
    expect(citizen.locator("#id_subject")).to_have_value(SUBJECT)

    citizen.locator("#id_text").fill(TEXT)
    citizen.locator("#id_photos").set_input_files({"name": "road.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()})
    citizen.locator("#id_contact_phone").fill("139 1234 5678")
    citizen.locator("#id_publish_consent").check()
    citizen.locator("#id_data_consent").check()
    citizen.locator("form.nomination-form button[type=submit]").click()

    expect(citizen).to_have_url(re.compile(r"/liuyan/huizhi/$"))
    code = citizen.locator("#tracking-code").inner_text().strip()
    assert CODE.fullmatch(code)
    assert_code_in_no_address(citizen, code)
    assert_no_serious_axe_violations(citizen)
    expect(_look_up(citizen, code)).to_contain_text("已受理")
    expect(citizen.locator("#status-bureau")).to_have_text("市公安局")
    expect(citizen.locator("main")).not_to_contain_text("13912345678")

    # The bureau's editor drafts and submits the reply.
    editor = sign_in(new_context, "bm-editor", PASSWORD).page
    editor.goto("/admin/messages/")
    editor.get_by_role("link", name=code).click()
    expect(editor.locator("#message-text")).to_contain_text("北京路与东风路口")
    expect(editor.locator("#message-contact")).to_contain_text("13912345678")
    editor.locator("#id_text").fill(ANSWER)
    editor.locator("#reply-form button[name=submit]").click()
    expect(editor.locator("#message-status")).to_have_text("答复审核中")
    expect(editor.locator("#review-form")).to_have_count(0)

    # A reviewer of the bureau approves it.
    reviewer = sign_in(new_context, "bm-reviewer", PASSWORD).page
    reviewer.goto("/admin/messages/?show=review")
    reviewer.get_by_role("link", name=code).click()
    expect(reviewer.locator("#reply-text")).to_contain_text("交警支队")
    reviewer.locator("#review-form button[name=approve]").click()
    expect(reviewer.locator("#message-status")).to_have_text("已答复")

    # The citizen reads the answer by code.
    expect(_look_up(citizen, code)).to_contain_text("已答复")
    expect(citizen.locator("#message-answer")).to_contain_text("交警支队已在该路口早高峰增派警力")
    assert_no_serious_axe_violations(citizen)

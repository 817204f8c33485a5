"""A reviewer signs in for the first time with the second factor on: the admin shows only the
set-up page, the reviewer adds the key to an authenticator (here: the test computes its codes),
confirms with a code and reaches the dashboard. At the next sign-in the admin asks for a code
after the password, refuses a wrong one and accepts the current one."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.admin_steps import PASSWORD, people_setup
from tests.browser.axe_helper import assert_no_serious_axe_violations
from tests.browser.support import SERVER_LOG, run_shell, served

pytestmark = pytest.mark.browser

SETTINGS = "tests.browser.second_factor_server_settings"


@pytest.fixture(scope="module")
def second_factor_server(portal_server):
    """The demo site (already built by portal_server) served again with the second factor on."""
    with served(SETTINGS, SERVER_LOG.with_name("browser-tests-second-factor-server.log")) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def reviewer(second_factor_server):
    run_shell(people_setup({"sf-reviewer": ("gongan", "reviewer")}))
    return "sf-reviewer"


def step_now():
    return int(time.time() // 30)


def code_for(key, step):
    totp = TOTP(b32decode(key), step=30, digits=6)
    totp.time = step * 30 + 1
    return f"{totp.token():06d}"


def unused_code(key, used_step):
    """The current code, or the next step's while the current one is the one already used (a code
    works once; one step of clock difference is allowed)."""
    return code_for(key, max(step_now(), used_step + 1))


def sign_in_with_password(page, username):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.login-form button[type=submit]").click()


def test_a_reviewer_sets_up_the_authenticator_then_signs_in_with_a_code(new_context, second_factor_server, reviewer):
    page = new_context(base_url=second_factor_server).new_page()
    sign_in_with_password(page, reviewer)
    expect(page).to_have_url(re.compile(r"/admin/second-factor/enrol/"))
    expect(page.locator("h1")).to_have_text("设置验证器应用（二次验证）")
    expect(page.locator(".second-factor-qr svg")).to_be_visible()
    assert_no_serious_axe_violations(page)
    # Nothing else of the admin opens before the set-up.
    page.goto("/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/second-factor/enrol/\?next=%2Fadmin%2Fpages%2F$"))

    key = page.locator("#second-factor-key").inner_text().replace(" ", "")
    enrolled_at = step_now()
    page.locator("#id_code").fill(code_for(key, enrolled_at))
    page.get_by_role("button", name="确认并继续").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/(\d+/)?$"))  # the explorer opens at the bureau
    expect(page.locator(".messages")).to_contain_text("验证器应用已设置好")

    again = new_context(base_url=second_factor_server).new_page()  # another day, another browser
    sign_in_with_password(again, reviewer)
    expect(again).to_have_url(re.compile(r"/admin/second-factor/\?next="))
    expect(again.locator("h1")).to_have_text("请输入验证器应用中的验证码")
    assert_no_serious_axe_violations(again)
    again.locator("#id_code").fill("000000" if unused_code(key, enrolled_at) != "000000" else "111111")
    again.get_by_role("button", name="验证").click()
    expect(again.locator("#main")).to_contain_text("验证码不正确")

    time.sleep(2)  # django-otp makes the next try wait a second after a wrong code
    again.locator("#id_code").fill(unused_code(key, enrolled_at))
    again.get_by_role("button", name="验证").click()
    expect(again).to_have_url(re.compile(r"/admin/$"))
    expect(again.locator("h1").first).not_to_contain_text("验证码")

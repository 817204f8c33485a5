"""A newcomer completes a review with the demo accounts `make run` prints: the accounts are made by
the same command (`manage.py ensure_demo_accounts`) against the browser tests' demo site, read
from what it prints, and used as printed."""

import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from bureaus.workflows import FINAL_REVIEW_NAME
from tests.browser.admin_steps import (
    decide_in_editor,
    fill_behaviour_notice,
    fill_slug,
    open_from_dashboard,
    submit_for_review,
)
from tests.browser.support import BASE_DIR, BUILD_SETTINGS, COMMAND_TIMEOUT, environment

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def printed_accounts(portal_server):
    result = subprocess.run(
        [sys.executable, "manage.py", "ensure_demo_accounts", "--url", f"{portal_server}/admin/"],
        cwd=BASE_DIR,
        env=environment(BUILD_SETTINGS),
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=True,
    )
    rows = re.findall(r"^\s+(\S+-\S+)\s+(\S+)\s+(.+)$", result.stdout, re.MULTILINE)
    return {username: password for username, password, _role in rows}


def _sign_in_as_printed(new_context, accounts, username):
    page = new_context().new_page()
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(accounts[username])
    page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def test_a_review_completes_with_the_printed_demo_accounts(new_context, printed_accounts):
    assert {"gongan-editor", "gongan-reviewer", "wenmingban-final"} <= set(printed_accounts)
    title, slug = "演示账号：南屏街乱扔烟头", "demo-accounts-nanping"

    editor = _sign_in_as_printed(new_context, printed_accounts, "gongan-editor")
    editor.goto("/admin/pages/")  # the explorer opens at the editor's own bureau
    expect(editor.locator("h1")).to_contain_text("市公安局")
    editor.locator("a[href$='/add_subpage/']").first.click()
    editor.locator("a[href*='/admin/pages/add/content/behaviournoticepage/']").click()
    editor.locator("#id_title").fill(title)
    fill_behaviour_notice(editor, title)
    fill_slug(editor, slug)
    submit_for_review(editor)
    expect(editor.locator(".messages")).to_contain_text(title)

    reviewer = _sign_in_as_printed(new_context, printed_accounts, "gongan-reviewer")
    open_from_dashboard(reviewer, title, "市公安局 审核")
    decide_in_editor(reviewer, "approve")

    final = _sign_in_as_printed(new_context, printed_accounts, "wenmingban-final")
    open_from_dashboard(final, title, FINAL_REVIEW_NAME)
    decide_in_editor(final, "approve")
    expect(final.locator(".messages")).to_contain_text(title)

    visitor = new_context().new_page()
    assert visitor.goto(f"/baoguang/gongan/{slug}/").status == 200
    expect(visitor.locator("main h1")).to_contain_text(title)

"""An etiquette handbook edition as a visitor meets it: read it, take the self-test with the mouse
and the keyboard, see the Chinese error for a missing answer and then the score; axe finds
nothing serious on the page, with errors or with results."""

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.axe_helper import assert_no_serious_axe_violations
from tests.browser.support import BASE_DIR, BUILD_SETTINGS, COMMAND_TIMEOUT, DATABASE_FILE

pytestmark = pytest.mark.browser

EDITION_URL = "/liyi/wenmingban/liyi-2026-xuexiao/"

# Until load_demo builds the handbooks itself, add them to the harness database (idempotent:
# once load_demo has them, this changes nothing).
BUILD_HANDBOOKS = """
from portal.demo.builder import Builder
from content.handbooks.demo import build_handbooks
from bureaus.models.bureaus import BureauPage
build_handbooks(Builder(), {b.title: b for b in BureauPage.objects.all()})
"""


@pytest.fixture(scope="module")
def handbooks(portal_server):
    import os

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": BUILD_SETTINGS, "DATABASE_URL": f"sqlite:///{DATABASE_FILE}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", BUILD_HANDBOOKS],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"building the demo handbooks failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return portal_server


def test_edition_page_has_no_serious_axe_violations(page, handbooks):
    response = page.goto(EDITION_URL)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("文明礼仪手册（学校版）")
    expect(page.get_by_role("navigation", name="目录")).to_be_visible()
    assert_no_serious_axe_violations(page)


def test_take_the_quiz_with_mouse_and_keyboard(page, handbooks):
    page.goto(EDITION_URL)
    quiz = page.locator("#quiz")
    groups = quiz.get_by_role("group")
    count = groups.count()
    assert count >= 8

    page.get_by_role("link", name="知识测试").first.click()
    # Leave the last question unanswered: answer the others with the mouse (first choice).
    for index in range(count - 1):
        groups.nth(index).get_by_role("radio").first.click()
    quiz.get_by_role("button", name="提交答案").click()

    expect(page.get_by_role("alert")).to_contain_text("1道题还没有作答")
    last = groups.nth(count - 1)
    expect(last).to_contain_text("请选择这道题的答案。")
    expect(groups.nth(0).get_by_role("radio").first).to_be_checked()
    assert_no_serious_axe_violations(page)

    # The keyboard: focus the last question's first choice, move to the second, submit with Enter.
    last.get_by_role("radio").first.focus()
    page.keyboard.press("ArrowDown")
    expect(last.get_by_role("radio").nth(1)).to_be_checked()
    page.keyboard.press("Enter")

    score = page.get_by_role("status")
    expect(score).to_contain_text("你的得分：")
    expect(score).to_contain_text(f"/ {count}")
    expect(page.locator(".quiz-results li")).to_have_count(count)
    expect(page.locator(".quiz-results")).to_contain_text("正确答案：")
    assert_no_serious_axe_violations(page)

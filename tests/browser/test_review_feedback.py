"""What reviewers say and change reaches the right person, clicked through the admin.

- 请求修改 with a comment returns the page to its editor, whose dashboard shows it returned and
  whose editor shows the comment; corrected and resubmitted, it goes live through both steps.
- A reviewer who edits the page while approving restarts the step with their version, is told
  so, and no longer sees it as theirs to decide; another reviewer of the bureau does."""

import json

import pytest
from playwright.sync_api import expect

from bureaus.workflows import FINAL_REVIEW_NAME
from tests.browser.admin_steps import (
    decide_in_editor,
    fill_behaviour_notice,
    fill_exemplar,
    fill_slug,
    open_from_dashboard,
    page_story,
    people_setup,
    sign_in,
    submit_for_review,
    type_rich_text,
)
from tests.browser.support import run_shell

pytestmark = pytest.mark.browser

BUREAU = "gongan"
PEOPLE = {
    "fb-editor": (BUREAU, "editor"),
    "fb-reviewer": (BUREAU, "reviewer"),
    "fb-reviewer-2": (BUREAU, "reviewer"),
    "fb-final": (None, "final"),
}


@pytest.fixture(scope="module")
def bureau(portal_server):
    return json.loads(run_shell(people_setup(PEOPLE)))[BUREAU]


def _write_and_submit(new_context, bureau, model_name, title, slug, fill):
    editor = sign_in(new_context, "fb-editor")
    editor.page.goto(f"/admin/pages/add/content/{model_name}/{bureau['id']}/")
    editor.page.locator("#id_title").fill(title)
    fill(editor.page, title)
    fill_slug(editor.page, slug)
    submit_for_review(editor.page)
    expect(editor.page.locator(".messages")).to_contain_text(title)
    return editor


def test_changes_requested_with_a_comment_reach_the_editor_who_corrects_and_resubmits(new_context, bureau):
    title, slug = "反馈测试：王秀英", "feedback-wang-xiuying"
    comment = "请补充她照顾老人的具体年份和社区名称。"
    editor = _write_and_submit(new_context, bureau, "exemplarpage", title, slug, fill_exemplar)

    reviewer = sign_in(new_context, "fb-reviewer")
    open_from_dashboard(reviewer.page, title, f"{bureau['title']} 审核")
    decide_in_editor(reviewer.page, "reject", comment=comment)
    expect(reviewer.page.locator(".messages")).to_contain_text(title)

    # The editor's dashboard shows it returned; the editor opens it and reads why.
    editor.page.goto("/admin/")
    row = editor.page.locator("#dashboard-drafts-section tr", has=editor.page.locator("td.title", has_text=title))
    expect(row.locator(".dashboard-status--changes")).to_have_count(1)
    row.locator("td.title a").click()
    expect(editor.page.locator(".messages")).to_contain_text(comment)
    expect(editor.page.locator(".messages")).to_contain_text("fb-reviewer")

    corrected = "王秀英自2015年起在翠湖社区照顾三位孤寡老人。"
    type_rich_text(editor.page, "story", corrected)
    submit_for_review(editor.page)  # 重新提交: back to the step that asked for changes
    expect(editor.page.locator(".messages")).to_contain_text(title)

    open_from_dashboard(reviewer.page, title, f"{bureau['title']} 审核")
    decide_in_editor(reviewer.page, "approve")
    final = sign_in(new_context, "fb-final")
    open_from_dashboard(final.page, title, FINAL_REVIEW_NAME)
    decide_in_editor(final.page, "approve")

    visitor = new_context().new_page()
    assert visitor.goto(f"{bureau['url']}{slug}/").status == 200
    expect(visitor.locator("main")).to_contain_text(corrected)
    for person in (editor, reviewer, final):
        assert person.refused_landings() == [], person.landings
    story = page_story(run_shell, slug)
    assert story["live"] and story["revision_authors"] == ["fb-editor", "fb-editor"]


def test_an_edit_while_approving_restarts_the_step_for_another_reviewer(new_context, bureau):
    title, slug = "反馈测试：翠湖乱扔垃圾", "feedback-cuihu-litter"
    _write_and_submit(new_context, bureau, "behaviournoticepage", title, slug, fill_behaviour_notice)
    bureau_step = f"{bureau['title']} 审核"

    reviewer = sign_in(new_context, "fb-reviewer")
    open_from_dashboard(reviewer.page, title, bureau_step)
    edited = "周末午后，游客在翠湖湖边草坪乱扔食品包装。"
    reviewer.page.locator("#id_description").fill(edited)
    decide_in_editor(reviewer.page, "approve")
    expect(reviewer.page.locator(".messages")).to_contain_text(bureau_step)
    # Their own version is not theirs to approve: it left their list.
    reviewer.page.goto("/admin/")
    expect(reviewer.page.locator("#dashboard-review-section td.title", has_text=title)).to_have_count(0)

    story = page_story(run_shell, slug)
    assert story["revision_authors"] == ["fb-editor", "fb-reviewer"]
    assert [step[:2] for step in story["steps"]] == [[bureau_step, "approved"], [bureau_step, "in_progress"]]

    second = sign_in(new_context, "fb-reviewer-2")
    open_from_dashboard(second.page, title, bureau_step)
    decide_in_editor(second.page, "approve", comment="修改后的描述准确。")
    final = sign_in(new_context, "fb-final")
    open_from_dashboard(final.page, title, FINAL_REVIEW_NAME)
    decide_in_editor(final.page, "approve")

    visitor = new_context().new_page()
    assert visitor.goto(f"{bureau['url']}{slug}/").status == 200
    expect(visitor.locator("main")).to_contain_text(edited)
    for person in (reviewer, second, final):
        assert person.refused_landings() == [], person.landings
    assert page_story(run_shell, slug)["revision_authors"] == ["fb-editor", "fb-reviewer"]

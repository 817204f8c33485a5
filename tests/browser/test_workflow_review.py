"""Publishing through review, clicked through the admin: an editor of 市公安局 writes an exemplar
(好人) and submits it, the bureau's reviewer approves, 市文明办 approves and it is live; whoever
submitted a work gets no approval action for it, not even by URL; and a story naming a gambling
site cannot be saved, with the message naming it.

An exemplar is the work here because all its required fields are typed or chosen in the editor
(no upload, unlike an ad), and its story is rich text, so the Draftail editor is exercised too."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.admin_steps import (
    PASSWORD,
    assert_no_serious_axe_violations_outside_wagtail_widgets,
    decide_in_editor,
    fill_slug,
    sign_in,
    submit_for_review,
    type_rich_text,
)
from tests.browser.support import run_shell

pytestmark = pytest.mark.browser

BUREAU = "gongan"
FINAL_TASK = "市文明办 终审"
BUREAU_TASK = "市公安局 审核"
BRAND = "澳门新葡京"

# Runs in `manage.py shell` against the browser-test database: the people of the workflow,
# each only in the groups the bureau sync made (no test-only permissions).
SETUP = """
import json
from django.contrib.auth.models import User
from bureaus.workflows import final_review_group
from bureaus.models.bureaus import BureauPage

bureau = BureauPage.objects.get(slug=BUREAU)
people = {
    "wf-editor": [bureau.editors_group],
    "wf-reviewer": [bureau.reviewers_group],
    "wf-both": [bureau.editors_group, bureau.reviewers_group],
    "wf-final": [final_review_group()],
}
for username, groups in people.items():
    user, _ = User.objects.get_or_create(username=username)
    user.email = f"{username}@example.cn"
    user.set_password(PASSWORD)
    user.save()
    user.groups.set(groups)
print(json.dumps({"bureau": bureau.pk, "bureau_url": bureau.url}))
"""

# Where the page with the slug stands: live or not, and the step of its latest workflow.
STATE = """
import json
from wagtail.models import Page, WorkflowState

page = Page.objects.filter(slug={slug!r}).first()
state = page and WorkflowState.objects.for_instance(page).order_by("-pk").first()
task_state = state and state.current_task_state
print(json.dumps(page and {{
    "id": page.pk,
    "live": page.live,
    "story": page.specific.story,
    "workflow": state and state.status,
    "task": task_state and task_state.task.name,
    "task_state": task_state and task_state.pk,
}}))
"""


@pytest.fixture(scope="module")
def setup(portal_server):
    return json.loads(run_shell(f"PASSWORD = {PASSWORD!r}\nBUREAU = {BUREAU!r}\n{SETUP}"))


def _state(slug):
    return json.loads(run_shell(STATE.format(slug=slug)))


def _fill_exemplar(page, title, slug, story):
    page.locator("#id_title").fill(title)
    page.locator("#id_person_name").fill(title.split("：")[-1])
    page.locator("#id_honour_level").select_option("china")  # a yearly honour: no quarter needed
    page.locator("#id_category").select_option("helping-others")
    page.locator("#id_year").fill("2025")
    page.locator("#id_deed").fill("二十年如一日照顾邻居家的孤寡老人")
    type_rich_text(page, "story", story)
    fill_slug(page, slug)


def _approve_in_editor(page, page_id):
    page.goto(f"/admin/pages/{page_id}/edit/")
    decide_in_editor(page, "approve")


def test_a_work_is_live_after_the_bureau_and_the_civilization_office_approve(new_context, setup):
    title, slug = "浏览器测试：李春华", "browser-workflow-li-chunhua"
    public_url = f"{setup['bureau_url']}{slug}/"
    story = "李春华二十年如一日照顾邻居家的孤寡老人。"

    editor = sign_in(new_context, "wf-editor").page
    editor.goto(f"/admin/pages/{setup['bureau']}/")
    editor.locator("a[href$='/add_subpage/']").first.click()
    editor.locator("a[href*='/admin/pages/add/content/exemplarpage/']").click()
    _fill_exemplar(editor, title, slug, story=f"她常说：欢迎光临{BRAND}，开户送彩金。")
    editor.locator("footer button.action-save").click()

    # Refused next to the story, naming the site; nothing saved and nothing typed lost.
    story_error = editor.locator(".w-field", has=editor.locator("#id_story")).locator(".error-message")
    expect(story_error).to_contain_text(f"「{BRAND}」")
    expect(editor).to_have_url(re.compile(r"/admin/pages/add/content/exemplarpage/"))
    expect(editor.locator("#id_title")).to_have_value(title)
    expect(editor.locator("#id_deed")).to_have_value("二十年如一日照顾邻居家的孤寡老人")
    assert _state(slug) is None
    assert_no_serious_axe_violations_outside_wagtail_widgets(editor)

    type_rich_text(editor, "story", story)
    submit_for_review(editor)
    expect(editor.locator(".messages")).to_contain_text(title)
    saved = _state(slug)
    assert (saved["live"], saved["workflow"], saved["task"]) == (False, "in_progress", BUREAU_TASK)
    assert story in saved["story"] and BRAND not in saved["story"]

    visitor = new_context().new_page()
    assert visitor.goto(public_url).status == 404

    reviewer = sign_in(new_context, "wf-reviewer").page
    _approve_in_editor(reviewer, saved["id"])
    expect(reviewer.locator(".messages")).to_contain_text(title)

    # Approved by the bureau, now with 市文明办, as the submitter's status panel says; not public yet.
    editor.goto(f"/admin/pages/{saved['id']}/edit/")
    editor.locator("[data-side-panel-toggle='status']").click()
    expect(editor.locator("[data-side-panel='status']")).to_contain_text(FINAL_TASK)
    after_bureau = _state(slug)
    assert (after_bureau["live"], after_bureau["task"]) == (False, FINAL_TASK)
    assert visitor.goto(public_url).status == 404

    # The work awaits 市文明办 on its dashboard; the final reviewer opens it from there and approves.
    final = sign_in(new_context, "wf-final").page
    final.goto("/admin/")
    final.locator(f"main a[href='/admin/pages/{saved['id']}/edit/']").first.click()
    expect(final).to_have_url(re.compile(rf"/admin/pages/{saved['id']}/edit/"))
    _approve_in_editor(final, saved["id"])
    # Told it went through, on a page they may see (they may not open the bureau's page listing).
    expect(final.locator(".messages")).to_contain_text(title)

    published = _state(slug)
    assert (published["live"], published["workflow"]) == (True, "approved")
    response = visitor.goto(public_url)
    assert response.status == 200
    expect(visitor).to_have_title(re.compile(re.escape(title)))
    expect(visitor.locator("main h1")).to_have_text("李春华")
    expect(visitor.locator("main")).to_contain_text(story)


def test_whoever_submits_a_work_cannot_approve_it(new_context, setup):
    title, slug = "浏览器测试：赵建国", "browser-workflow-zhao-jianguo"

    # Editor and reviewer of the bureau at once.
    both = sign_in(new_context, "wf-both").page
    both.goto(f"/admin/pages/add/content/exemplarpage/{setup['bureau']}/")
    _fill_exemplar(both, title, slug, story="赵建国每天清晨义务打扫公交站台。")
    submit_for_review(both)
    expect(both.locator(".messages")).to_contain_text(title)
    submitted = _state(slug)
    assert submitted["task"] == BUREAU_TASK

    both.goto(f"/admin/pages/{submitted['id']}/edit/")
    # The submitter may withdraw the work, but has no approve or reject action.
    expect(both.locator("footer button[name='action-cancel-workflow']")).to_have_count(1)
    expect(both.locator("[data-workflow-action-name]")).to_have_count(0)
    both.goto("/admin/")
    expect(both.locator(f"[data-workflow-action-url*='/workflow/action/{submitted['id']}/']")).to_have_count(0)

    # Nor by typing the action's address: the same request the dashboard's button sends.
    action_url = f"/admin/pages/workflow/action/{submitted['id']}/approve/{submitted['task_state']}/"
    assert both.request.get(action_url).status == 403
    refused = _post_action(both, action_url)
    assert refused.status == 403
    assert "CSRF" not in refused.text()  # refused for who is asking, not for a missing token
    assert _state(slug)["task"] == BUREAU_TASK

    # Another reviewer of the bureau sees the action and the same request goes through.
    reviewer = sign_in(new_context, "wf-reviewer").page
    reviewer.goto(f"/admin/pages/{submitted['id']}/edit/")
    expect(reviewer.locator("footer button[data-workflow-action-name='approve']")).not_to_have_count(0)
    assert _post_action(reviewer, action_url).status == 302
    assert _state(slug)["task"] == FINAL_TASK


def _post_action(page, url):
    """POST to a workflow action URL as the user logged in to `page`, with their CSRF token."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    return page.request.post(
        url,
        form={"csrfmiddlewaretoken": token, "comment": ""},
        headers={"X-CSRFToken": token, "Referer": page.url},
        max_redirects=0,
    )

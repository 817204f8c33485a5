"""Every page type a bureau's editors create goes from the editor to the public through the admin's
own buttons: the editor writes it and submits it; the bureau's reviewer opens it from the
dashboard's 审核 link and approves in the editor; 市文明办 does the same; the page is live. Nobody
lands on a page they may not see, no approval adds a revision (the editor stays its only author),
and the editor pages pass axe.

Approvals alternate between 批准 and 带评论批准, so both buttons are pressed for every step across
the types. `test_every_page_type_editors_create_has_a_journey` fails when a page type is added
without one."""

import json

import pytest
from playwright.sync_api import expect
from wagtail.models import get_page_models

from bureaus.models.bureaus import BureauPage
from bureaus.workflows import FINAL_REVIEW_NAME
from tests.browser.admin_steps import (
    assert_no_serious_axe_violations_outside_wagtail_widgets,
    decide_in_editor,
    fill_ad,
    fill_behaviour_notice,
    fill_campaign,
    fill_exemplar,
    fill_handbook,
    fill_news,
    fill_plan,
    fill_progress_report,
    fill_slug,
    fill_special,
    fill_unit_notice,
    open_from_dashboard,
    page_story,
    people_setup,
    sign_in,
    submit_for_review,
)
from tests.browser.support import run_shell

pytestmark = pytest.mark.browser

POLICE, OFFICE = "gongan", "wenmingban"  # 市公安局; 市文明办 (leads the 公益广告 task: writes the annual plan)
PEOPLE = {
    "jn-editor-gongan": (POLICE, "editor"),
    "jn-reviewer-gongan": (POLICE, "reviewer"),
    "jn-editor-wenmingban": (OFFICE, "editor"),
    "jn-reviewer-wenmingban": (OFFICE, "reviewer"),
    "jn-final": (None, "final"),
}


# Page type → (bureau that writes it, how its editor fills the form, returning a text the
# public page must show).
JOURNEYS = {
    "content.PublicServiceAdPage": (POLICE, fill_ad),
    "content.AdPlanPage": (OFFICE, fill_plan),
    "content.ExemplarPage": (POLICE, fill_exemplar),
    "content.MoralDayCampaignPage": (OFFICE, fill_campaign),
    "content.EtiquetteHandbookPage": (OFFICE, fill_handbook),
    "content.BehaviourNoticePage": (POLICE, fill_behaviour_notice),
    "content.UnitNoticePage": (POLICE, fill_unit_notice),
    "content.TaskProgressReportPage": (POLICE, fill_progress_report),
    "content.NewsPage": (POLICE, fill_news),
    "content.CampaignSpecialPage": (OFFICE, fill_special),
}
# Where else a live page of the type shows: the article on the news list and on the task it
# reports on (fill_news links 治理不文明交通行为), the special on the specials list.
ALSO_SHOWN_ON = {
    "content.NewsPage": ["/dongtai/", "/renwu/jiaotong-guanli-3/"],
    "content.CampaignSpecialPage": ["/zhuanti/"],
}


def progress_shown_on_the_task_and_the_register(visitor, public_text):
    """A live report also reaches its task's timeline and the register's status (市公安局's first
    task is 1.2 建立街面社会秩序巡查机制; the report, dated today, is its latest)."""
    visitor.goto("/renwu/chengshi-guanli-2/")
    expect(visitor.locator(".progress-timeline li").first).to_contain_text(public_text)
    visitor.goto("/renwu/?danwei=gongan&zhuangtai=tuijinzhong")
    expect(visitor.locator("main")).to_contain_text("建立街面社会秩序巡查机制")


# What else a published page of the type changes on the public site, checked after its journey.
ALSO_SHOWN = {"content.TaskProgressReportPage": progress_shown_on_the_task_and_the_register}

# Page types that are the site's structure: built by `load_demo` and kept by administrators;
# no bureau group may add them (they are not below any bureau's page).
SITE_STRUCTURE = {
    "portal.HomePage",
    "portal.BureauIndexPage",
    "portal.BureauPage",
    "content.PublicServiceAdIndexPage",
    "content.ExemplarIndexPage",
    "content.EtiquetteIndexPage",
    "content.ExposureIndexPage",
    "content.NominationIndexPage",
    "content.HonourRollIndexPage",
    "content.NewsIndexPage",
    "content.CampaignSpecialIndexPage",
    "content.CreationTaskIndexPage",
    "content.CreationTaskPage",
    "content.DirectivePage",
}


def test_every_page_type_editors_create_has_a_journey():
    project_types = {model._meta.label for model in get_page_models() if model._meta.app_label in ("portal", "content")}
    creatable = {model._meta.label for model in BureauPage.allowed_subpage_models()}
    assert creatable == set(JOURNEYS)
    assert project_types - SITE_STRUCTURE - {"content.ExposureNoticePage"} == creatable
    for label in SITE_STRUCTURE:
        model = next(m for m in get_page_models() if m._meta.label == label)
        assert BureauPage not in model.allowed_parent_page_models(), label


@pytest.fixture(scope="module")
def bureaus(portal_server):
    return json.loads(run_shell(people_setup(PEOPLE)))


@pytest.mark.parametrize("position,label", list(enumerate(JOURNEYS)), ids=list(JOURNEYS))
def test_a_page_goes_live_through_both_reviews_clicked_in_the_admin(new_context, bureaus, position, label):
    slug_bureau, fill = JOURNEYS[label]
    bureau = bureaus[slug_bureau]
    model_name = label.split(".")[1].lower()
    title = f"浏览器旅程：{model_name}"
    slug = f"journey-{model_name}"

    # The editor: their bureau's page → 添加子页面 → the type → fill → 提交审核.
    editor = sign_in(new_context, f"jn-editor-{slug_bureau}")
    editor.page.goto(f"/admin/pages/{bureau['id']}/")
    editor.page.locator("a[href$='/add_subpage/']").first.click()
    editor.page.locator(f"a[href*='/admin/pages/add/content/{model_name}/']").click()
    editor.page.locator("#id_title").fill(title)
    public_text = fill(editor.page, title)
    fill_slug(editor.page, slug)
    assert_no_serious_axe_violations_outside_wagtail_widgets(editor.page)
    submit_for_review(editor.page)
    expect(editor.page.locator(".messages")).to_contain_text(title)

    visitor = new_context().new_page()
    public_url = f"{bureau['url']}{slug}/"
    assert visitor.goto(public_url).status == 404

    # The bureau's reviewer: dashboard → 审核 → the editor → approve.
    reviewer = sign_in(new_context, f"jn-reviewer-{slug_bureau}")
    open_from_dashboard(reviewer.page, title, f"{bureau['title']} 审核")
    assert_no_serious_axe_violations_outside_wagtail_widgets(reviewer.page)
    decide_in_editor(reviewer.page, "approve", comment="内容属实，同意。" if position % 2 else None)
    expect(reviewer.page.locator(".messages")).to_contain_text(title)
    assert visitor.goto(public_url).status == 404

    # 市文明办: dashboard → 审核 → the editor → approve; it goes live.
    final = sign_in(new_context, "jn-final")
    open_from_dashboard(final.page, title, FINAL_REVIEW_NAME)
    decide_in_editor(final.page, "approve", comment=None if position % 2 else "同意发布。")
    expect(final.page.locator(".messages")).to_contain_text(title)
    assert_no_serious_axe_violations_outside_wagtail_widgets(final.page)

    response = visitor.goto(public_url)
    assert response.status == 200
    expect(visitor.locator("main")).to_contain_text(public_text)
    if label in ALSO_SHOWN:
        ALSO_SHOWN[label](visitor, public_text)
    for path in ALSO_SHOWN_ON.get(label, ()):
        assert visitor.goto(path).status == 200
        expect(visitor.locator(f"main a[href$='/{slug}/']")).to_have_text(title)

    for person in (editor, reviewer, final):
        assert person.refused_landings() == [], person.landings
    story = page_story(run_shell, slug)
    assert (story["live"], story["workflow"]) == (True, "approved")
    # Approving without edits added no revision: the editor wrote the only one.
    assert story["revision_authors"] == [f"jn-editor-{slug_bureau}"]
    assert [step[:3] for step in story["steps"]] == [
        [f"{bureau['title']} 审核", "approved", f"jn-reviewer-{slug_bureau}"],
        [FINAL_REVIEW_NAME, "approved", "jn-final"],
    ]

"""Every page type a bureau's editors create goes from the editor to the public through the admin's
own buttons: the editor writes it and submits it; the bureau's reviewer opens it from the
dashboard's 审核 link and approves in the editor; 市文明办 does the same; the page is live. Nobody
lands on a page they may not see, no approval adds a revision (the editor stays its only author),
and the editor pages pass axe.

Approvals alternate between 批准 and 带评论批准, so both buttons are pressed for every step across
the types. `test_every_page_type_editors_create_has_a_journey` fails when a page type is added
without one."""

import datetime
import json

import pytest
from playwright.sync_api import expect
from wagtail.models import get_page_models

from bureaus.models.bureaus import BureauPage
from bureaus.workflows import FINAL_REVIEW_NAME
from tests.browser.admin_steps import (
    assert_no_serious_axe_violations_outside_wagtail_widgets,
    choose_first_image,
    decide_in_editor,
    fill_slug,
    open_from_dashboard,
    page_story,
    people_setup,
    sign_in,
    submit_for_review,
    type_rich_text,
)
from tests.browser.test_placement_report import _shell

pytestmark = pytest.mark.browser

POLICE, OFFICE = "gongan", "wenmingban"  # 市公安局; 市文明办 (leads the 公益广告 task: writes the annual plan)
PEOPLE = {
    "jn-editor-gongan": (POLICE, "editor"),
    "jn-reviewer-gongan": (POLICE, "reviewer"),
    "jn-editor-wenmingban": (OFFICE, "editor"),
    "jn-reviewer-wenmingban": (OFFICE, "reviewer"),
    "jn-final": (None, "final"),
}
NEXT_YEAR = datetime.date.today().year + 1


def fill_ad(page, title):
    page.locator("#id_theme").select_option(index=1)
    type_rich_text(page, "description", "骑电动车戴头盔，开车系好安全带。")
    choose_first_image(page, "id_artworks-0-image")
    page.locator("#id_artworks-0-alt_text").fill("一位骑手戴着安全头盔")
    return "骑电动车戴头盔"


def fill_plan(page, title):
    page.locator("#id_year").fill(str(NEXT_YEAR + 5))
    page.locator("#id_intro").fill("按月确定公益广告宣传主题。")
    page.locator("#id_months-0-month").fill("3")
    page.locator("#id_months-0-theme").select_option(index=1)
    page.locator("#id_months-0-focus").fill("学雷锋纪念日")
    return "学雷锋纪念日"


def fill_exemplar(page, title):
    page.locator("#id_person_name").fill("王秀英")
    page.locator("#id_honour_level").select_option("china")  # a yearly honour: no quarter needed
    page.locator("#id_category").select_option("helping-others")
    page.locator("#id_year").fill("2025")
    page.locator("#id_deed").fill("十年如一日照顾社区孤寡老人")
    type_rich_text(page, "story", "王秀英十年如一日照顾社区里的孤寡老人。")
    return "王秀英十年如一日照顾社区里的孤寡老人"


def fill_campaign(page, title):
    page.locator("#id_year").fill(str(NEXT_YEAR))
    page.locator("#id_intro").fill("公民道德宣传日主题活动：明礼遵规，共建文明城市。")
    return "明礼遵规，共建文明城市"


def fill_handbook(page, title):
    page.locator("#id_year").fill(str(NEXT_YEAR))
    page.locator("#id_audience").select_option("community")
    page.locator("#id_edition_number").fill("7")
    page.locator("#id_summary").fill("社区生活中的文明礼仪。")
    body = page.locator("[data-contentpath='body']")
    body.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="章标题").click()
    body.locator("input[name='body-0-value']").fill("第一章 邻里相处")
    return "第一章 邻里相处"


def fill_behaviour_notice(page, title):
    page.locator("#id_behaviour_type").select_option(index=1)
    page.locator("#id_place").fill("翠湖公园南门")
    page.locator("#id_description").fill("游客在湖边草坪乱扔垃圾。")
    return "翠湖公园南门"


def fill_unit_notice(page, title):
    page.locator("#id_unit_name").fill("某物业服务公司")
    page.locator("#id_problem").fill("小区垃圾分类设施长期损坏未修复。")
    page.locator("#id_requirement").fill("十日内修复并设专人值守。")
    page.locator("#id_description").fill("市民多次反映，复查仍未整改。")
    return "十日内修复并设专人值守"


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
}

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
    return json.loads(_shell(people_setup(PEOPLE)))


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

    for person in (editor, reviewer, final):
        assert person.refused_landings() == [], person.landings
    story = page_story(_shell, slug)
    assert (story["live"], story["workflow"]) == (True, "approved")
    # Approving without edits added no revision: the editor wrote the only one.
    assert story["revision_authors"] == [f"jn-editor-{slug_bureau}"]
    assert [step[:3] for step in story["steps"]] == [
        [f"{bureau['title']} 审核", "approved", f"jn-reviewer-{slug_bureau}"],
        [FINAL_REVIEW_NAME, "approved", "jn-final"],
    ]

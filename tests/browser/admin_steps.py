"""Steps of the editorial path as people click them in the Wagtail admin, shared by the browser
tests: signing in, filling the editor, submitting, approving and rejecting from the footer menu,
and watching that every page a person lands on is one they may see."""

import datetime
import json
import re

from playwright.sync_api import expect

from tests.browser.axe_helper import AXE_TAGS, BLOCKING_IMPACTS, describe, load_axe

PASSWORD = "browser-test-password-9Pw"

# Wagtail's own editor widgets lack accessible names (Draftail's editable area, the tag
# autocomplete input); axe checks the rest of each admin page, including what we render.
WAGTAIL_WIDGETS = [[".public-DraftEditor-content"], [".ui-autocomplete-input"]]
RUN_AXE = """([tags, exclude]) => axe.run(
    {include: [document], exclude: exclude}, {runOnly: {type: 'tag', values: tags}}
)"""

# Runs in `manage.py shell` (with PASSWORD and PEOPLE defined before it): each person only in
# the groups the bureau sync made, no test-only permissions.
PEOPLE_SETUP = """
import json
from django.contrib.auth.models import User
from bureaus.workflows import final_review_group
from bureaus.models.bureaus import BureauPage

bureaus = {}
for username, (slug, role) in PEOPLE.items():
    groups = [final_review_group()]
    if slug:
        bureau = BureauPage.objects.get(slug=slug)
        bureaus[slug] = {"id": bureau.pk, "url": bureau.url, "title": bureau.title}
        groups = [bureau.editors_group if role == "editor" else bureau.reviewers_group]
    user, _ = User.objects.get_or_create(username=username)
    user.email = f"{username}@example.cn"
    user.set_password(PASSWORD)
    user.save()
    user.groups.set(groups)
print(json.dumps(bureaus))
"""

# Where the page with the slug stands, for the assertions a person cannot see in the admin.
PAGE_STORY = """
import json
from wagtail.models import Page, Revision, WorkflowState

page = Page.objects.filter(slug={slug!r}).first()
story = None
if page is not None:
    state = WorkflowState.objects.for_instance(page).order_by("-pk").first()
    story = {{
        "id": page.pk,
        "live": page.live,
        "title": page.title,
        "workflow": state and state.status,
        "steps": state and [
            [ts.task.name, ts.status, ts.finished_by and ts.finished_by.username, ts.comment]
            for ts in state.task_states.order_by("pk")
        ],
        "revision_authors": [
            r.user and r.user.username
            for r in Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk")
        ],
    }}
print(json.dumps(story))
"""


def people_setup(people):
    return f"PASSWORD = {PASSWORD!r}\nPEOPLE = {people!r}\n{PEOPLE_SETUP}"


def page_story(shell, slug):
    return json.loads(shell(PAGE_STORY.format(slug=slug)))


class Visit:
    """A person's browser tab that remembers every page it was sent to, so a test can check that
    nobody lands on a page they may not see (an error status after their action)."""

    def __init__(self, page):
        self.page = page
        self.landings = []
        page.on("response", self._record)

    def _record(self, response):
        if response.request.is_navigation_request() and response.frame == self.page.main_frame:
            self.landings.append((response.status, response.url))

    def refused_landings(self):
        return [(status, url) for status, url in self.landings if status >= 400]


def log_in(page, username, password=PASSWORD):
    """Sign in through the admin's own login form, in `page`."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    expect(page).not_to_have_url(re.compile(r"/admin/login/"))


def sign_in(new_context, username, password=PASSWORD):
    """A new browser context, signed in as `username`; the Visit records where it landed."""
    page = new_context().new_page()
    visit = Visit(page)
    log_in(page, username, password)
    return visit


def open_tab_of(page, field_selector):
    """Show the editor tab holding the field (the slug is on the promote tab in stock Wagtail)."""
    panel = page.locator(field_selector).evaluate("field => field.closest('[role=tabpanel]').id")
    page.locator(f"[role=tab][aria-controls='{panel}']").click()


def fill_slug(page, slug):
    open_tab_of(page, "#id_slug")
    page.locator("#id_slug").fill(slug)
    open_tab_of(page, "#id_title")


def type_rich_text(page, field_name, text):
    """Replace a rich-text field's content by typing, as an editor does."""
    page.locator(".w-field", has=page.locator(f"#id_{field_name}")).locator("[contenteditable=true]").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)
    # Draftail writes the hidden input a moment after the last keystroke.
    expect(page.locator(f"#id_{field_name}")).to_have_value(re.compile(re.escape(text)))


def choose_first_image(page, chooser_id):
    page.locator(f"#{chooser_id}-chooser [data-chooser-action-choose]").click()
    page.locator(".modal a.image-choice").first.click()
    expect(page.locator(".modal")).to_have_count(0)
    expect(page.locator(f"#{chooser_id}")).not_to_have_value("")


def open_footer_menu(page):
    page.locator("footer [data-w-dropdown-target=toggle]").click()


def submit_for_review(page):
    """The "Submit to <workflow>" action in the footer's menu next to "Save draft"."""
    open_footer_menu(page)
    page.locator("footer button[name='action-submit']").click()


def decide_in_editor(page, action, comment=None):
    """Press 批准 (approve), 带评论批准 (approve with a comment) or 请求修改 (request changes,
    always with a comment) in the editor's footer menu; wait until the admin has moved on."""
    edit_url = page.url
    open_footer_menu(page)
    button = f"footer button[data-workflow-action-name='{action}']"
    if comment is None:
        page.locator(f"{button}:not([data-workflow-action-modal-url])").click()
    else:
        page.locator(f"{button}[data-workflow-action-modal-url]").click()
        page.locator(".modal #id_comment").fill(comment)
        page.locator(".modal form button[type=submit]").click()
    expect(page).not_to_have_url(edit_url)


def open_from_dashboard(page, title, step):
    """Open the page from the dashboard's "Awaiting my review" list, where it shows its step."""
    page.goto("/admin/")
    row = page.locator("#dashboard-review-section tr", has=page.locator("td.title", has_text=title))
    expect(row.locator("td").nth(2)).to_have_text(step)
    row.locator("td.title a").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))


# Wagtail fades flash messages in (opacity over half a second): axe measured mid-fade reports the
# white-on-green text as too faint. Check the page as it settles, once the messages are shown.
MESSAGES_SHOWN = """() => [...document.querySelectorAll('.messages > ul')]
    .filter(list => list.children.length)
    .every(list => getComputedStyle(list).opacity === '1')"""


def assert_no_serious_axe_violations_outside_wagtail_widgets(page):
    page.wait_for_function(MESSAGES_SHOWN)
    load_axe(page)
    violations = page.evaluate(RUN_AXE, [AXE_TAGS, WAGTAIL_WIDGETS])["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe on {page.url}:\n{describe(blocking)}"


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


def fill_progress_report(page, title):
    """A lead bureau's report: the first of its own tasks, a status, a summary and one key figure
    (the date, year and quarter keep their defaults: today's)."""
    page.locator("#id_task").select_option(index=1)
    page.locator("#id_status").select_option("tuijinzhong")
    page.locator("#id_summary").fill("主城区路口文明劝导岗全部到位，礼让斑马线蔚然成风。")
    page.locator("#id_figures-ADD").click()
    page.locator("#id_figures-0-label").fill("文明劝导岗")
    page.locator("#id_figures-0-value").fill("320")
    page.locator("#id_figures-0-unit").fill("个")
    return "礼让斑马线蔚然成风"


def fill_news(page, title):
    """A 创建动态 article on the task 治理不文明交通行为, with a lead image from the library."""
    page.locator("#id_source").fill("昆明日报")
    page.locator("#id_summary").fill("交警在主城区路口劝导行人按信号灯通行。")
    choose_first_image(page, "id_lead_image")
    page.locator("#id_lead_image_alt").fill("交警在路口劝导行人")
    type_rich_text(page, "body", "交警支队在主城区重点路口开展文明交通劝导。")
    page.locator("#id_related_tasks").select_option(label="治理不文明交通行为")
    return "交警在主城区路口劝导行人按信号灯通行"


def fill_special(page, title):
    page.locator("#id_intro").fill("垃圾分类宣传周：分类投放，从我做起。")
    page.locator("#id_gather_tag").fill("垃圾分类宣传周")
    return "分类投放，从我做起"

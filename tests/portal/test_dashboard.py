"""The editor dashboard on /admin/: what each editor, reviewer and the civilization office sees."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from bureaus.models.districts import District
from bureaus.workflows import FINAL_REVIEW_NAME, final_review_group
from content.ads.models.placements import AdPlacement, AdUpdateTask
from content.ads.models.works import AdCarrier, PublicServiceAdPage
from content.exposure.models import BehaviourNoticePage, BehaviourType, UnitNoticePage
from portal.dashboard.queries import DashboardData, quarter_bounds
from tests.factories.bureaus import BureauFactory
from tests.helpers import bureau, dashboard, draft_notice, section

pytestmark = pytest.mark.django_db

OWN = "gongan"
OTHER = "jiaotong-yunshu"
ADMIN = "/admin/"
# Measured with 3 submissions and overdue ads: editor 36, editor+reviewer 33, final reviewer 21,
# office reviewer 37, superuser 23 (Wagtail's own panels and the admin shell included).
PAGE_BUDGET = 45


# --- helpers -------------------------------------------------------------------------------------


def overview_cell(html, slug, column):
    row = re.search(rf'<tr data-bureau="{slug}">(.*?)</tr>', html, re.S).group(1)
    return re.search(rf'<td[^>]*data-column="{column}"[^>]*>(.*?)</td>', row, re.S)


def submit(page, user):
    page.refresh_from_db()
    return page.get_workflow().start(page, user)


def approve(client, user, page):
    client.force_login(user)
    state = WorkflowState.objects.for_instance(page).get(status=WorkflowState.STATUS_IN_PROGRESS)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.current_task_state.pk))
    assert client.post(url, {"comment": ""}).status_code == 302


def live_notice(model, slug, title, deadline, **fields):
    if model is BehaviourNoticePage:
        fields = {"behaviour_type": BehaviourType.objects.first(), "place": "翠湖", **fields}
    page = model(title=title, description="占道。", deadline=deadline, live=True, **fields)
    bureau(slug).add_child(instance=page)
    return page


def unit_notice(publisher, title, deadline, unit):
    fields = {"unit_bureau": bureau(unit), "problem": "问题", "requirement": "要求"}
    return live_notice(UnitNoticePage, publisher, title, deadline, **fields)


@pytest.fixture
def people(make_user):
    own, other = bureau(OWN), bureau(OTHER)
    return {
        "editor": make_user("db-editor", [own.editors_group]),
        "reviewer": make_user("db-reviewer", [own.reviewers_group]),
        "both": make_user("db-both", [own.editors_group, own.reviewers_group]),
        "other_editor": make_user("db-other", [other.editors_group]),
        "other_reviewer": make_user("db-other-reviewer", [other.reviewers_group]),
        "final": make_user("db-final", [final_review_group()]),
        "office_reviewer": make_user("db-office", [bureau("wenmingban").reviewers_group]),
        "superuser": make_user("db-super", is_superuser=True, is_staff=True),
    }


# --- drafts --------------------------------------------------------------------------------------


def test_editor_sees_own_bureau_drafts_with_their_review_step_but_not_another_bureaus(client, people):
    mine = draft_notice(OWN, people["editor"], "本局草稿-南屏街")
    submitted = draft_notice(OWN, people["editor"], "本局送审-翠湖")
    submit(submitted, people["editor"])
    draft_notice(OTHER, people["other_editor"], "他局草稿-滇池路")

    drafts = section(dashboard(client, people["editor"]), "dashboard-drafts")
    assert "本局草稿-南屏街" in drafts
    assert reverse("wagtailadmin_pages:edit", args=[mine.pk]) in drafts
    assert "他局草稿-滇池路" not in drafts
    row = re.search(r"<tr>\s*<td class=\"title\"><a[^>]*>本局送审-翠湖</a>.*?</tr>", drafts, re.S).group(0)
    assert f"{bureau(OWN).title} 审核" in row  # the step it waits at
    assert "db-editor" in row  # last edited by
    assert reverse("wagtailadmin_explore", args=[bureau(OWN).pk]) in drafts

    other = section(dashboard(client, people["other_editor"]), "dashboard-drafts")
    assert "他局草稿-滇池路" in other and "本局草稿-南屏街" not in other


def test_a_final_reviewer_without_a_bureau_has_no_drafts_or_overdue_panel(client, people):
    html = dashboard(client, people["final"])
    assert section(html, "dashboard-drafts") == ""
    assert section(html, "dashboard-overdue") == ""


# --- awaiting review -----------------------------------------------------------------------------


def test_review_panel_lists_submissions_for_reviewers_but_not_for_the_submitter(client, people):
    page = draft_notice(OWN, people["both"], "待审核-海埂大坝")
    submit(page, people["both"])

    review = section(dashboard(client, people["reviewer"]), "dashboard-review")
    assert "待审核-海埂大坝" in review
    assert bureau(OWN).title in review
    assert f"{bureau(OWN).title} 审核" in review
    assert "db-both" in review  # submitted by
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in review

    # The submitter is a reviewer too, but may not review their own work.
    assert "待审核-海埂大坝" not in section(dashboard(client, people["both"]), "dashboard-review")
    # Another bureau's reviewer and the final reviewers are not at this step.
    assert "待审核-海埂大坝" not in section(dashboard(client, people["other_reviewer"]), "dashboard-review")
    assert "待审核-海埂大坝" not in section(dashboard(client, people["final"]), "dashboard-review")

    approve(client, people["reviewer"], page)
    final = section(dashboard(client, people["final"]), "dashboard-review")
    assert "待审核-海埂大坝" in final and FINAL_REVIEW_NAME in final
    assert "待审核-海埂大坝" not in section(dashboard(client, people["reviewer"]), "dashboard-review")


def test_wagtails_own_review_panel_is_replaced_not_duplicated(client, people):
    page = draft_notice(OWN, people["editor"], "只列一次")
    submit(page, people["editor"])
    html = dashboard(client, people["reviewer"])
    assert 'id="awaiting-review-section"' not in html
    assert html.count(reverse("wagtailadmin_pages:edit", args=[page.pk])) >= 1
    assert "只列一次" in section(html, "dashboard-review")


def test_an_editor_who_reviews_nothing_gets_no_review_panel(client, people):
    assert section(dashboard(client, people["editor"]), "dashboard-review") == ""
    assert section(dashboard(client, people["reviewer"]), "dashboard-review") != ""


def test_reviewable_states_match_wagtails_reviewable_by(rf, people):
    first = draft_notice(OWN, people["both"], "比对一")
    submit(first, people["both"])
    second = draft_notice(OTHER, people["other_editor"], "比对二")
    submit(second, people["other_editor"])
    third = draft_notice(OWN, people["editor"], "比对三")
    submit(third, people["editor"])
    third.current_workflow_task.on_action(third.current_workflow_task_state, people["reviewer"], "approve")

    seen = {}
    for role, user in people.items():
        request = rf.get(ADMIN)
        request.user = user
        ours = set(DashboardData(request).reviewable_task_states().values_list("pk", flat=True))
        assert ours == set(TaskState.objects.reviewable_by(user).values_list("pk", flat=True)), role
        seen[role] = {TaskState.objects.get(pk=pk).workflow_state.object_id for pk in ours}
    pages = {str(p.pk) for p in (first, second, third)}
    assert seen["reviewer"] & pages == {str(first.pk)}
    assert seen["both"] & pages == set()  # submitted `first` themselves; `third` is at the final step
    assert seen["other_reviewer"] & pages == {str(second.pk)}
    assert seen["final"] & pages == {str(third.pk)}
    assert seen["superuser"] >= pages


# --- overdue -------------------------------------------------------------------------------------


def make_overdue_ads(slug):
    today = timezone.localdate()
    owner = bureau(slug)
    work = PublicServiceAdPage.objects.live().first()
    placement = AdPlacement.objects.create(
        work=work,
        carrier=AdCarrier.objects.first(),
        place="逾期巡查点位",
        district=District.objects.order_by("sort_order").first(),
        bureau=owner,
        starts_on=today - datetime.timedelta(days=400),
    )
    AdPlacement.objects.filter(pk=placement.pk).update(next_inspection_on=today - datetime.timedelta(days=2))
    late = AdUpdateTask.open_for(placement, problem="damaged", today=today - datetime.timedelta(days=30))
    return placement, late


def test_overdue_notices_show_for_the_publishing_bureau_and_for_the_unit_named(client, people):
    past = timezone.localdate() - datetime.timedelta(days=5)
    live_notice(BehaviourNoticePage, OWN, "逾期-本局行为曝光", past)
    unit_notice("wenmingban", "逾期-点名交通", past, OTHER)
    live_notice(BehaviourNoticePage, OWN, "未逾期-本局", timezone.localdate() + datetime.timedelta(days=5))

    mine = section(dashboard(client, people["editor"]), "dashboard-overdue")
    assert "逾期-本局行为曝光" in mine and "未逾期-本局" not in mine and "逾期-点名交通" not in mine
    row = re.search(r"逾期-本局行为曝光.*?</tr>", mine, re.S).group(0)
    assert f"{past:%Y-%m-%d}" in row and "逾期 5 天" in row and 'data-days-left="-5"' in row

    unit = section(dashboard(client, people["other_editor"]), "dashboard-overdue")
    assert "逾期-点名交通" in unit and "逾期-本局行为曝光" not in unit

    publisher = section(dashboard(client, people["office_reviewer"]), "dashboard-overdue")
    assert "逾期-点名交通" in publisher


def test_overdue_inspections_and_open_update_tasks_link_to_their_admin_pages(client, people):
    placement, late = make_overdue_ads(OWN)
    mine = section(dashboard(client, people["editor"]), "dashboard-overdue")
    assert reverse("ad_placements:edit", args=[placement.pk]) in mine
    assert reverse("ad_update_tasks:edit", args=[late.pk]) in mine
    assert reverse("ad_placements:edit", args=[placement.pk]) not in section(
        dashboard(client, people["other_editor"]), "dashboard-overdue"
    )


# --- bureau overview -----------------------------------------------------------------------------


def test_overview_is_for_the_office_only_and_has_one_row_per_bureau(client, people):
    for role in ("final", "office_reviewer", "superuser"):
        overview = section(dashboard(client, people[role]), "dashboard-overview")
        assert overview.count("<tr data-bureau=") == 29, role
    for role in ("editor", "reviewer", "other_editor"):
        assert section(dashboard(client, people[role]), "dashboard-overview") == "", role


def test_overview_counts_a_publication_and_overdue_items_of_this_quarter(client, people):
    def figures():
        html = section(dashboard(client, people["final"]), "dashboard-overview")
        return {
            c: int(overview_cell(html, OTHER, c).group(1)) for c in ("published", "notices", "inspections", "tasks")
        }

    before = figures()
    page = draft_notice(OTHER, people["other_editor"], "本季度发布")
    submit(page, people["other_editor"])
    approve(client, people["other_reviewer"], page)
    approve(client, people["final"], page)
    page.refresh_from_db()
    assert page.live

    past = timezone.localdate() - datetime.timedelta(days=3)
    # Published by the office, naming 交通运输局: the unit's to rectify, counted in its row.
    unit_notice("wenmingban", "点名", past, OTHER)
    live_notice(BehaviourNoticePage, OTHER, "本局逾期", past)
    make_overdue_ads(OTHER)

    after = figures()
    assert after == {
        "published": before["published"] + 1,
        "notices": before["notices"] + 2,
        "inspections": before["inspections"] + 1,
        "tasks": before["tasks"] + 1,
    }


def test_median_review_time_of_the_quarters_approved_workflows(client, people):
    slug = "minzheng"
    owner = bureau(slug)
    editor = people["editor"]
    editor.groups.add(owner.editors_group)
    reviewer = people["reviewer"]
    reviewer.groups.add(owner.reviewers_group)
    now = timezone.now()
    quarter_start = timezone.make_aware(
        datetime.datetime.combine(quarter_bounds(timezone.localdate())[0], datetime.time.min)
    )
    # Three approvals this quarter (2, 10 and 30 hours) and one last quarter (100 hours).
    cases = [(now, 2), (now, 10), (now, 30), (quarter_start - datetime.timedelta(hours=1), 100)]
    for n, (finished, hours) in enumerate(cases):
        page = draft_notice(slug, editor, f"审核时长{n}")
        state = submit(page, editor)
        approve(client, reviewer, page)
        approve(client, people["final"], page)
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_APPROVED
        WorkflowState.objects.filter(pk=state.pk).update(created_at=finished - datetime.timedelta(hours=hours))
        TaskState.objects.filter(workflow_state=state).update(finished_at=finished)

    html = section(dashboard(client, people["final"]), "dashboard-overview")
    cell = overview_cell(html, slug, "median")
    assert 'data-seconds="36000"' in cell.group(0)
    assert 'data-reviews="3"' in cell.group(0)
    assert overview_cell(html, "fulian", "median").group(1).strip() == "–"


# --- query budgets -------------------------------------------------------------------------------


def overview_queries(rf, user):
    request = rf.get(ADMIN)
    request.user = user
    data = DashboardData(request)
    with CaptureQueriesContext(connection) as queries:
        rows = data.overview()["rows"]
    return len(queries), len(rows)


def test_overview_costs_the_same_queries_with_more_bureaus_and_notices(rf, people):
    count, rows = overview_queries(rf, people["final"])
    assert count <= 7
    past = timezone.localdate() - datetime.timedelta(days=3)
    for n in range(3):
        extra = BureauFactory()
        live_notice(BehaviourNoticePage, extra.slug, f"新单位逾期{n}", past)
        make_overdue_ads(extra.slug)
    assert overview_queries(rf, people["final"]) == (count, rows + 3)


@pytest.mark.parametrize("role", ["editor", "both", "final", "superuser"])
def test_dashboard_page_has_a_query_budget(client, people, role, django_assert_max_num_queries):
    user = people[role]
    for n in range(3):
        page = draft_notice(OWN, people["editor"], f"预算草稿{n}")
        submit(page, people["editor"])
    make_overdue_ads(OWN)
    client.force_login(user)
    with django_assert_max_num_queries(PAGE_BUDGET):
        assert client.get(ADMIN).status_code == 200


def test_dashboard_queries_do_not_grow_with_drafts_and_submissions(client, people):
    def count():
        client.force_login(people["reviewer"])
        with CaptureQueriesContext(connection) as queries:
            client.get(ADMIN)
        return len(queries)

    page = draft_notice(OWN, people["editor"], "增长0")
    submit(page, people["editor"])
    first = count()
    for n in range(1, 6):
        page = draft_notice(OWN, people["editor"], f"增长{n}")
        submit(page, people["editor"])
    assert count() == first

"""Approving from the page editor without changing anything never restarts the review, for every
page type a bureau's editors create; an edit always does; every reviewer lands on a page they may
see; autosave is off and a scripted autosave meets the same content-safety check as a save.

The form posted here is the editor form as the admin renders it, sent back unchanged
(tests/admin_forms.py), which is what a reviewer's browser sends when they press 批准."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page, Revision, WorkflowState

from bureaus.models.bureaus import BureauPage
from bureaus.models.directive import CreationTaskPage
from bureaus.workflows import FINAL_REVIEW_NAME, final_review_group
from content.ads.models.plans import AdPlanPage
from content.handbooks.models import EtiquetteHandbookPage
from content.progress.models import TaskProgressReportPage
from core.page_form import ReviewedPageForm
from tests.admin_forms import unchanged_edit_post
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

EDITOR_PAGE_TYPES = BureauPage.allowed_subpage_models()
BUREAU_TASK = "市文明办 审核"
PLAN_BUREAU = "wenmingban"


def _type_id(model):
    return model.__name__


@pytest.fixture
def people(make_user):
    office = bureau(PLAN_BUREAU)
    return {
        "editor": make_user("rv-editor", [office.editors_group], email="rv-editor@example.cn"),
        "reviewer": make_user("rv-reviewer", [office.reviewers_group], email="rv-reviewer@example.cn"),
        "final": make_user("rv-final", [final_review_group()], email="rv-final@example.cn"),
    }


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("rv-root", "rv-root@example.cn", "a-long-test-password")


def _submitted_copy(model, editor):
    """A copy of the demo page of `model` in 市文明办's subtree, written and submitted by `editor`
    (as the editor's buttons do), so every page type meets the same two-step review."""
    original = model.objects.order_by("pk").first().specific
    update = {"title": f"{original.title}（复核）", "slug": f"{original.slug}-fuhe", "owner": editor}
    if model is AdPlanPage:
        update["year"] = 2099
    if model is EtiquetteHandbookPage:
        update["edition_number"] = original.edition_number + 50
    if model is TaskProgressReportPage:
        # Only a lead bureau reports on a task: one that 市文明办 leads.
        update["task"] = CreationTaskPage.objects.filter(lead_bureaus__bureau__slug=PLAN_BUREAU).first()
    page = original.copy(to=bureau(PLAN_BUREAU), update_attrs=update, keep_live=False, user=editor)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return Page.objects.get(pk=page.pk).specific


def _approve_in_editor(client, user, page, action="approve", data=None):
    client.force_login(user)
    posted = unchanged_edit_post(client, page)
    posted.update({"action-workflow-action": "true", "workflow-action-name": action, **(data or {})})
    # As lists: the test client posts only a QueryDict's last value of a key, and a multiple
    # choice (a news article's tasks) would arrive as an edit.
    return client.post(f"/admin/pages/{page.pk}/edit/", dict(posted.lists()))


def _current_task(page):
    state = WorkflowState.objects.for_instance(page).order_by("-pk").first()
    return state.status, state.current_task_state and state.current_task_state.task.name


def _revisions(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def test_every_page_type_uses_the_reviewed_form():
    for model in [*EDITOR_PAGE_TYPES, *Page.__subclasses__()]:
        if model._meta.app_label in ("portal", "content") and not model._meta.abstract:
            assert issubclass(model.get_edit_handler().get_form_class(), ReviewedPageForm), model


@pytest.mark.parametrize("model", EDITOR_PAGE_TYPES, ids=_type_id)
def test_the_editor_form_sent_back_unchanged_is_no_edit(client, superuser, model):
    page = model.objects.order_by("pk").first().specific
    client.force_login(superuser)
    posted = unchanged_edit_post(client, page)
    form = page.get_edit_handler().get_form_class()(
        posted, instance=page, for_user=superuser, parent_page=page.get_parent()
    )
    assert form.is_valid(), form.errors
    changed = {name: fs.has_changed() for name, fs in form.formsets.items()}
    assert not form.has_changed(), (form.changed_data, changed)


@pytest.mark.parametrize("model", EDITOR_PAGE_TYPES, ids=_type_id)
def test_approving_without_edits_goes_through_both_steps_and_publishes(client, people, model):
    page = _submitted_copy(model, people["editor"])
    revisions = _revisions(page)
    assert _current_task(page) == ("in_progress", BUREAU_TASK)

    response = _approve_in_editor(client, people["reviewer"], page)
    assert response.status_code == 302
    assert _current_task(page) == ("in_progress", FINAL_REVIEW_NAME)
    assert _revisions(page) == revisions  # no revision under the reviewer's name

    response = _approve_in_editor(client, people["final"], page)
    # The final reviewer may not open the bureau's listing: back to the dashboard, which answers.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert client.get(response["Location"]).status_code == 200
    page.refresh_from_db()
    assert page.live and _current_task(page)[0] == "approved"
    assert _revisions(page) == revisions
    assert page.get_latest_revision().user == people["editor"]


def test_an_edit_while_approving_restarts_the_step_and_the_editing_reviewer_cannot_approve(client, people):
    page = _submitted_copy(EDITOR_PAGE_TYPES[0], people["editor"])
    revisions = _revisions(page)

    response = _approve_in_editor(client, people["reviewer"], page, data={"title": "改过的标题"})
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert _revisions(page) == revisions + 1
    assert page.get_latest_revision().user == people["reviewer"]
    assert _current_task(page) == ("in_progress", BUREAU_TASK)
    # They wrote the revision now under review: no approve or reject action for them.
    task = page.current_workflow_task
    assert task.get_actions(page, people["reviewer"]) == []


def test_a_final_approval_by_its_address_lands_on_the_dashboard(client, people):
    page = _submitted_copy(EDITOR_PAGE_TYPES[0], people["editor"])
    _approve_in_editor(client, people["reviewer"], page)
    state = WorkflowState.objects.for_instance(page).get(status=WorkflowState.STATUS_IN_PROGRESS)

    client.force_login(people["final"])
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.current_task_state_id))
    response = client.post(url, {"comment": "同意发布"})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    page.refresh_from_db()
    assert page.live
    dashboard = client.get(response["Location"])
    assert dashboard.status_code == 200


def test_a_bureau_reviewer_returns_to_the_editor_after_approving_by_address(client, people):
    page = _submitted_copy(EDITOR_PAGE_TYPES[0], people["editor"])
    state = WorkflowState.objects.for_instance(page).get(status=WorkflowState.STATUS_IN_PROGRESS)
    client.force_login(people["reviewer"])
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.current_task_state_id))
    response = client.post(url, {"comment": ""})
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert client.get(response["Location"]).status_code == 200


def test_the_editor_does_not_autosave(client, people):
    client.force_login(people["editor"])
    add = client.get(reverse("wagtailadmin_pages:add", args=("content", "exemplarpage", bureau(PLAN_BUREAU).pk)))
    assert add.status_code == 200
    form = BeautifulSoup(add.content, "html.parser").find("form", id="page-edit-form")
    assert "w-unsaved" in form["data-controller"]  # the leave-with-unsaved-changes warning stays
    assert "w-autosave" not in form["data-controller"]
    assert not form.has_attr("data-w-autosave-interval-value")


def test_a_scripted_autosave_meets_the_content_safety_check(client, people):
    """Autosave posts the editor form asking for JSON; that path validates like a save."""
    office = bureau(PLAN_BUREAU)
    client.force_login(people["editor"])
    url = reverse("wagtailadmin_pages:add", args=("content", "behaviournoticepage", office.pk))
    form = {
        "title": "占道经营",
        "slug": "autosave-zhandao",
        "place": "南屏街",
        "description": "欢迎光临澳门新葡京，开户送彩金。",
        "found_on": datetime.date.today().isoformat(),
        "status": "pending",
    }
    for prefix in ("photos", "rectification_updates", "comments"):
        form.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0"})
        form[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    response = client.post(url, form, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["success"] is False
    assert not Page.objects.filter(slug="autosave-zhandao").exists()


def test_the_annual_plan_is_written_by_a_bureau_that_leads_the_ad_task(client, people, make_user):
    office, police = bureau(PLAN_BUREAU), bureau("gongan")
    assert AdPlanPage.can_create_at(office)
    assert not AdPlanPage.can_create_at(police)
    police_editor = make_user("rv-police", [police.editors_group])
    client.force_login(police_editor)
    assert client.get(reverse("wagtailadmin_pages:add", args=("content", "adplanpage", police.pk))).status_code == 403
    client.force_login(people["editor"])
    assert client.get(reverse("wagtailadmin_pages:add", args=("content", "adplanpage", office.pk))).status_code == 200

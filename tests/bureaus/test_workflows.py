"""Publishing goes through each bureau's two-step review, and nobody approves their own work."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowPage, WorkflowState

from bureaus.access import sync_all_bureaus, sync_bureau_access
from bureaus.models.bureaus import BureauPage
from bureaus.workflows import FINAL_REVIEW_NAME, final_review_group
from content.exposure.models import BehaviourNoticePage, BehaviourType
from tests.helpers import bureau

OWN = "gongan"
OTHER = "jiaotong-yunshu"

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    own, other = bureau(OWN), bureau(OTHER)
    return {
        "editor": make_user("wf-editor", [own.editors_group], email="editor@example.cn"),
        "reviewer": make_user("wf-reviewer", [own.reviewers_group], email="reviewer@example.cn"),
        # Both editor and reviewer of the bureau: may review others' work, never their own.
        "editor_reviewer": make_user("wf-both", [own.editors_group, own.reviewers_group], email="both@example.cn"),
        "other_reviewer": make_user("wf-other", [other.reviewers_group], email="other@example.cn"),
        "final": make_user("wf-final", [final_review_group()], email="final@example.cn"),
    }


def draft_notice(owner, title="南屏街占道经营"):
    page = BehaviourNoticePage(
        title=title,
        behaviour_type=BehaviourType.objects.first(),
        place="南屏街",
        description="早高峰时段人行道上摆摊设点。",
        owner=owner,
        live=False,
    )
    bureau(OWN).add_child(instance=page)
    page.save_revision(user=owner)
    return page


def submit(page, user):
    """What the editor's 'Submit to <workflow>' button does."""
    page.refresh_from_db()
    return page.get_workflow().start(page, user)


def act(client, user, page, action):
    client.force_login(user)
    state = WorkflowState.objects.for_instance(page).get(status=WorkflowState.STATUS_IN_PROGRESS)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.current_task_state.pk))
    return client.post(url, {"comment": ""})


def test_every_bureau_has_its_two_step_workflow():
    bureaus = BureauPage.objects.select_related("review_workflow", "review_task", "reviewers_group")
    assert bureaus.count() == 29
    for b in bureaus:
        tasks = [t.specific for t in b.review_workflow.tasks.order_by("workflow_tasks__sort_order")]
        assert [t.name for t in tasks] == [f"{b.title} 审核", FINAL_REVIEW_NAME]
        assert list(tasks[0].groups.all()) == [b.reviewers_group]
        assert [g.name for g in tasks[1].groups.all()] == [FINAL_REVIEW_NAME]
        assert WorkflowPage.objects.get(page=b).workflow == b.review_workflow
        assert b.get_workflow() == b.review_workflow


def test_sync_is_idempotent_keeps_an_admin_reassignment_and_follows_a_rename():
    own, other = bureau(OWN), bureau(OTHER)
    WorkflowPage.objects.filter(page=own).update(workflow=other.review_workflow)
    sync_all_bureaus()
    assert WorkflowPage.objects.get(page=own).workflow == other.review_workflow
    assert own.review_workflow.tasks.count() == 2

    own.title = "市公安局(改名)"
    own.save_revision().publish()
    own.refresh_from_db()
    sync_bureau_access(own)
    assert own.review_task.name == "市公安局(改名) 审核"
    assert own.review_workflow.name == "市公安局(改名)发布审核"


def test_editors_hold_no_publish_permission(people):
    page = draft_notice(people["editor"])
    for role in ("editor", "reviewer", "editor_reviewer", "final"):
        assert not page.permissions_for_user(people[role]).can_publish(), role


def test_bureau_review_then_final_review_publishes_and_notifies(client, people):
    page = draft_notice(people["editor"])
    mail.outbox.clear()
    submit(page, people["editor"])
    assert {m.to[0] for m in mail.outbox} >= {"reviewer@example.cn", "both@example.cn"}
    assert "other@example.cn" not in {m.to[0] for m in mail.outbox}

    # Another bureau's reviewer is offered nothing and is refused by URL.
    assert act(client, people["other_reviewer"], page, "approve").status_code == 403
    assert act(client, people["final"], page, "approve").status_code == 403  # not at the final step yet

    assert act(client, people["reviewer"], page, "approve").status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task.name == FINAL_REVIEW_NAME

    assert act(client, people["final"], page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None

    actions = list(
        PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk").values_list("action", "user__username")
    )
    assert ("wagtail.workflow.start", "wf-editor") in actions
    assert ("wagtail.workflow.approve", "wf-reviewer") in actions
    assert ("wagtail.workflow.approve", "wf-final") in actions
    assert ("wagtail.publish", "wf-final") in actions


def test_a_submitter_cannot_approve_their_own_submission(client, people):
    page = draft_notice(people["editor_reviewer"], title="翠湖南路乱停乱放")
    submit(page, people["editor_reviewer"])
    task = page.current_workflow_task.specific
    assert task.get_actions(page, people["editor_reviewer"]) == []
    assert act(client, people["editor_reviewer"], page, "approve").status_code == 403
    assert act(client, people["editor_reviewer"], page, "reject").status_code == 403
    page.refresh_from_db()
    assert page.current_workflow_task.name == f"{bureau(OWN).title} 审核"

    # Not in their review list either; a colleague sees it and may approve.
    assert not task.get_task_states_user_can_moderate(people["editor_reviewer"]).exists()
    assert task.get_task_states_user_can_moderate(people["reviewer"]).exists()
    assert act(client, people["reviewer"], page, "approve").status_code == 302


def test_the_author_of_the_revision_under_review_cannot_approve_it(client, people):
    # The reviewer edits the draft, then the editor submits: the reviewer wrote what is reviewed.
    page = draft_notice(people["editor"], title="滇池路乱扔垃圾")
    page.description = "改写后的描述。"
    page.save_revision(user=people["editor_reviewer"])
    submit(page, people["editor"])
    assert act(client, people["editor_reviewer"], page, "approve").status_code == 403
    assert act(client, people["reviewer"], page, "approve").status_code == 302


def test_rejection_returns_the_page_to_its_editor(client, people):
    page = draft_notice(people["editor"], title="呈贡大学城破坏公物")
    submit(page, people["editor"])
    assert act(client, people["reviewer"], page, "reject").status_code == 302
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject", user=people["reviewer"]).exists()

"""Each bureau's publishing workflow: "<bureau> 审核" (its reviewers), then "市文明办 终审".

Kept in step by the bureau sync (bureaus/access.py): the bureau's task always approves
through the bureau's reviewers group, the workflow always holds exactly those two tasks in that
order, and names follow a renamed bureau. Which workflow a bureau's subtree uses is left to the
administrators once set: the sync assigns the bureau's own workflow only to a bureau that has
none, so a different assignment made in the admin survives every later sync."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from bureaus.models.bureaus import BureauPage
from bureaus.models.workflow import NoSelfApprovalTask

FINAL_REVIEW_NAME = "市文明办 终审"
BUREAU_TASK_SUFFIX = "审核"
WORKFLOW_SUFFIX = "发布审核"


def final_review_group():
    """The civilization office's final reviewers. Its members are chosen in the admin; they
    need admin access, and reach pages only through the workflow (no page permissions)."""
    group, _created = Group.objects.get_or_create(name=FINAL_REVIEW_NAME)
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    if not group.permissions.filter(pk=access_admin.pk).exists():
        group.permissions.add(access_admin)
    return group


def final_review_task():

    group = final_review_group()
    task = NoSelfApprovalTask.objects.filter(name=FINAL_REVIEW_NAME).first()
    if task is None:
        task = NoSelfApprovalTask.objects.create(name=FINAL_REVIEW_NAME)
    _ensure_groups(task, [group])
    return task


def _ensure_groups(task, groups):
    wanted = {g.pk for g in groups}
    held = set(task.groups.values_list("pk", flat=True))
    if held != wanted:
        task.groups.set(groups)


def _ensure_named(obj, name):
    if obj.name != name:
        obj.name = name
        obj.save(update_fields=["name"])


def sync_bureau_workflow(bureau, reviewers, final_task=None):
    """Create or update the bureau's task and workflow; returns (task, workflow). Idempotent."""

    final_task = final_task or final_review_task()
    task = bureau.review_task
    if task is None:
        task = NoSelfApprovalTask.objects.create(name=f"{bureau.title} {BUREAU_TASK_SUFFIX}")
    _ensure_named(task, f"{bureau.title} {BUREAU_TASK_SUFFIX}")
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    _ensure_groups(task, [reviewers])

    workflow = bureau.review_workflow
    if workflow is None:
        workflow = Workflow.objects.create(name=f"{bureau.title}{WORKFLOW_SUFFIX}")
    _ensure_named(workflow, f"{bureau.title}{WORKFLOW_SUFFIX}")
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    wanted = [task.pk, final_task.pk]
    current = list(
        WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order").values_list("task_id", flat=True)
    )
    if current != wanted:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for order, task_id in enumerate(wanted):
            WorkflowTask.objects.create(workflow=workflow, task_id=task_id, sort_order=order)

    if not WorkflowPage.objects.filter(page=bureau).exists():
        WorkflowPage.objects.create(page=bureau, workflow=workflow)

    changed = {}
    if bureau.review_task_id != task.pk:
        changed["review_task"] = task
    if bureau.review_workflow_id != workflow.pk:
        changed["review_workflow"] = workflow
    if changed:
        BureauPage.objects.filter(pk=bureau.pk).update(**changed)
        for field, value in changed.items():
            setattr(bureau, field, value)
    return task, workflow

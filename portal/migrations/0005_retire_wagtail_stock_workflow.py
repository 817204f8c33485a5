"""Retire the workflow Wagtail's installer assigns to the root page, "Moderators approval".

Its only task approved through the group "Moderators", which 0004 deleted, so anything submitted
to it could never be approved by anyone but a superuser. Bureau content has its own workflows
(docs/workflows.md); the site's structure (home, sections, directory) is kept by administrators,
who publish it directly. Removed where unused, deactivated where a page's history refers to it."""

from django.db import migrations

STOCK_NAME = "Moderators approval"


def retire_stock_workflow(apps, schema_editor):
    db = schema_editor.connection.alias
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    for workflow in Workflow.objects.using(db).filter(name=STOCK_NAME):
        WorkflowPage.objects.using(db).filter(workflow=workflow).delete()
        if WorkflowState.objects.using(db).filter(workflow=workflow).exists():
            Workflow.objects.using(db).filter(pk=workflow.pk).update(active=False)
        else:
            workflow.delete()
    for task in Task.objects.using(db).filter(name=STOCK_NAME):
        if TaskState.objects.using(db).filter(task=task).exists():
            Task.objects.using(db).filter(pk=task.pk).update(active=False)
        elif not task.workflow_tasks.exists():
            task.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_remove_wagtail_stock_groups"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(retire_stock_workflow, migrations.RunPython.noop, elidable=False)]

"""Chinese names for the records Wagtail's own migrations create in English.

The admin shows them to the office's administrators: the tree root ("Root", in breadcrumbs
and page choosers), the root collection, and the stock workflow and task that 0005 keeps
(deactivated) where a page's history refers to them. Only records still carrying Wagtail's name
are renamed; the reverse restores it. (0004 deleted the stock groups.)"""

from django.db import migrations

RENAMES = [
    # (app_label, model, name field, extra filter, English, Chinese)
    ("wagtailcore", "Page", "title", {"depth": 1}, "Root", "根目录"),
    ("wagtailcore", "Collection", "name", {"depth": 1}, "Root", "根集合"),
    ("wagtailcore", "Workflow", "name", {}, "Moderators approval", "系统默认审核流程"),
    ("wagtailcore", "Task", "name", {}, "Moderators approval", "系统默认审核"),
]


def rename(apps, old_index, new_index):
    for app_label, model_name, field, extra, *names in RENAMES:
        model = apps.get_model(app_label, model_name)
        changes = {field: names[new_index]}
        if model_name == "Page":
            changes["draft_title"] = names[new_index]
        model.objects.filter(**extra, **{field: names[old_index]}).update(**changes)


def to_chinese(apps, schema_editor):
    rename(apps, 0, 1)


def to_english(apps, schema_editor):
    rename(apps, 1, 0)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_retire_wagtail_stock_workflow"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(to_chinese, to_english)]

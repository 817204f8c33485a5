"""An index on Wagtail's page table for "the children of a page": depth, then path.

Every public request reads the home page's children (the header's sections, the home page's
slots) in the routing query (portal/routing.py), and Wagtail's own `get_children()` asks the same:
`path LIKE '<parent>%' AND depth = <parent's + 1>`. Wagtail indexes the path alone, which does not
help when nearly every page is under the parent (the home page): at 100,000 pages PostgreSQL read
the whole table for every page view (20–50 ms). With depth first, the children are one range.
PostgreSQL needs the pattern operator class for LIKE on the path; SQLite's LIKE uses no index
either way, and the depth alone narrows it."""

from django.db import migrations

INDEX = "portal_page_depth_path"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path varchar_pattern_ops)"
        )
    else:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_chinese_names_for_wagtail_defaults"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]

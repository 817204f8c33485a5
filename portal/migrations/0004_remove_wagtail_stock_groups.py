"""Delete the groups Wagtail's installer creates: "Moderators" (add, change, publish, lock and
unlock on the root page) and "Editors" (add and change on the root page). Anyone put in them could
edit every bureau's pages and, as a moderator, publish past every review. The portal's roles are
the bureau, final-review and nomination groups (docs/roles.md); `manage.py sync_bureaus` removes
the two again should someone recreate them.

Safe on a fresh database and on one where they are already gone or renamed; deleting a group
removes its page, collection and model permissions and its memberships with it. Not reversed:
recreating them would reopen the bypass."""

from django.db import migrations

STOCK_GROUPS = ("Moderators", "Editors")


def delete_stock_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=STOCK_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_district_nomination_reviewers"),
        # Every Wagtail migration that creates the groups or gives them permissions runs first
        # (wagtailcore 0005 even expects "Moderators" to exist).
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(delete_stock_groups, migrations.RunPython.noop, elidable=False)]

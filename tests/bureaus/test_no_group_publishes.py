"""Nothing goes live but through the workflow's last approval: no group holds publish anywhere.

Wagtail's installer creates "Moderators" (add, change, publish, lock, unlock on the root page) and
"Editors" (add, change on the root page); a member of "Moderators" could publish any bureau's page
past review. Migration portal 0004 deletes both and `manage.py sync_bureaus` deletes them again.
These tests look at every group that exists once the demo is loaded, without the policy table
(tests/test_authorisation_matrix.py checks each group against the table itself)."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from wagtail.models import GroupPagePermission, GroupSitePermission, Page

from bureaus.models.bureaus import BureauPage

pytestmark = pytest.mark.django_db

STOCK = ("Moderators", "Editors")
MIGRATION = importlib.import_module("portal.migrations.0004_remove_wagtail_stock_groups")


def page_model_content_types():
    from django.contrib.contenttypes.models import ContentType

    models = [model for model in apps.get_models() if issubclass(model, Page)]
    return set(ContentType.objects.get_for_models(*models).values())


def rights_beyond_review():
    """One line per right of any group that publishes, acts site-wide, or sits outside a bureau."""
    bureau_pages = set(BureauPage.objects.values_list("pk", flat=True))
    page_types = {ct.pk for ct in page_model_content_types()}
    problems = []
    for group in Group.objects.order_by("name"):
        for row in GroupPagePermission.objects.filter(group=group).select_related("page", "permission"):
            codename, page = row.permission.codename, row.page
            if codename in ("publish_page", "bulk_delete_page"):
                problems.append(f"{group.name}: {codename} on {page.title}")
            if page.depth <= 2:
                problems.append(f"{group.name}: {codename} on the root or home page ({page.title})")
            elif page.pk not in bureau_pages:
                problems.append(f"{group.name}: {codename} on {page.title}, which is no bureau")
        for permission in group.permissions.select_related("content_type"):
            if permission.codename.startswith(("publish", "bulk_delete", "unlock", "lock")):
                problems.append(f"{group.name}: model permission {permission.codename}")
            if permission.content_type_id in page_types or permission.content_type.model == "page":
                problems.append(f"{group.name}: model permission {permission.codename} on a page model")
        if GroupSitePermission.objects.filter(group=group).exists():
            problems.append(f"{group.name}: site permissions")
    return problems


def test_wagtails_stock_groups_are_gone_from_a_freshly_migrated_database():
    # The test database is migrated from scratch, Wagtail's installer migrations included.
    assert not Group.objects.filter(name__in=STOCK).exists()


def test_no_group_may_publish_or_act_outside_its_bureau():
    assert Group.objects.count() > 80  # 29 bureaus × 2, 终审, 18 districts, 5 nomination groups
    assert rights_beyond_review() == []


def test_the_check_catches_wagtails_moderators_group_recreated_by_hand():
    root = Page.get_first_root_node()
    moderators = Group.objects.create(name="Moderators")
    for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.create(group=moderators, page=root, permission=permission)
    problems = rights_beyond_review()
    assert f"Moderators: publish_page on {root.title}" in problems  # 根目录 since portal 0006
    assert f"Moderators: unlock_page on the root or home page ({root.title})" in problems


def test_the_migration_deletes_the_stock_groups_with_their_rights_and_members(make_user):
    root = Page.get_first_root_node()
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    keeper = Group.objects.create(name="Moderators-like but ours")
    for name in STOCK:
        group = Group.objects.create(name=name)
        GroupPagePermission.objects.create(group=group, page=root, permission=publish)
        make_user(f"member-of-{name}", [group])
    MIGRATION.delete_stock_groups(apps, SimpleNamespace(connection=connection))
    MIGRATION.delete_stock_groups(apps, SimpleNamespace(connection=connection))  # nothing left: no error
    assert not Group.objects.filter(name__in=STOCK).exists()
    assert not GroupPagePermission.objects.filter(page=root).exists()
    assert Group.objects.filter(pk=keeper.pk).exists()


def test_the_migration_runs_after_every_wagtail_migration_that_creates_or_fills_the_stock_groups():
    loader = MigrationLoader(connection)
    before = set(loader.graph.forwards_plan(("portal", "0004_remove_wagtail_stock_groups")))
    squashed_core = "0001_squashed_0016_change_page_url_path_to_text_field"
    creators = [  # (app, the migration or the squash that replaces it on a fresh database)
        ("wagtailcore", {"0002_initial_data", squashed_core}),  # creates both groups
        ("wagtailcore", {"0005_add_page_lock_permission_to_moderators", squashed_core}),  # .get("Moderators")
        ("wagtailadmin", {"0001_create_admin_access_permissions"}),
        ("wagtailimages", {"0002_initial_data", "0001_squashed_0021"}),
        ("wagtaildocs", {"0002_initial_data"}),
    ]
    for app, names in creators:
        assert any((app, name) in before for name in names), (app, names)


def test_sync_bureaus_removes_stock_groups_recreated_later_and_says_so(make_user, capsys):
    editors = Group.objects.create(name="Editors")
    GroupPagePermission.objects.create(
        group=editors,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page"),
    )
    make_user("stock-editor", [editors])
    call_command("sync_bureaus")
    out, err = capsys.readouterr()
    assert not Group.objects.filter(name="Editors").exists()
    assert "Removed Wagtail's stock group 'Editors'" in out
    assert "former members: stock-editor" in out
    assert err == ""  # every other group is as the policy grants


def test_the_only_workflows_are_the_bureaus_reviews():
    """Wagtail's installer workflow "Moderators approval" (on the root page, approved by the
    deleted "Moderators") is retired by migration portal 0005: whatever is submitted goes to a
    bureau's two steps, never to a step nobody can approve."""
    from wagtail.models import Task, Workflow, WorkflowPage

    assigned = set(WorkflowPage.objects.values_list("page_id", flat=True))
    assert assigned == set(BureauPage.objects.values_list("pk", flat=True))
    assert not Workflow.objects.filter(active=True).exclude(name__endswith="发布审核").exists()
    assert not Task.objects.filter(active=True, name="Moderators approval").exists()

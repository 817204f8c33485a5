"""`load_demo` builds the portal from the shipped seed and a second run changes nothing."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, PageLogEntry, Revision

from bureaus.models.bureaus import BureauPage
from bureaus.models.directive import CreationTaskPage, Mechanism
from bureaus.models.districts import District

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "slug", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "groups": list(Group.objects.order_by("pk").values_list("pk", "name")),
        "page_perms": GroupPagePermission.objects.count(),
        "collection_perms": GroupCollectionPermission.objects.count(),
        "districts": list(District.objects.values_list("pk", "name", "kind", "sort_order")),
        "mechanisms": list(Mechanism.objects.values_list("pk", "number", "title")),
    }


def test_running_load_demo_twice_changes_nothing():
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first


def test_load_demo_repairs_an_edited_task_title(seed_tasks):
    task = CreationTaskPage.objects.get(mechanism__number=1, number=1)
    task.title = "被改动的标题"
    task.save_revision().publish()
    call_command("load_demo")
    task.refresh_from_db()
    assert task.title == seed_tasks[0].title


def test_demo_matches_the_seed(seed_tasks, seed_bureaus):
    assert BureauPage.objects.live().count() == 29
    assert District.objects.filter(kind="county").count() == 14
    assert District.objects.filter(kind="park").count() == 4
    assert Mechanism.objects.count() == 10
    assert CreationTaskPage.objects.live().count() == 50
    kinds = dict(BureauPage.objects.values_list("title", "kind"))
    assert kinds["昆明警备区"] == "garrison"
    assert kinds["各县(市)区、开发(度假)园区"] == "locality"
    assert kinds["市委宣传部"] == "party"
    assert kinds["市公安局"] == "city"
    for task in seed_tasks:
        page = CreationTaskPage.objects.get(mechanism__number=task.mechanism_number, number=task.number)
        leads = [link.bureau.title for link in page.lead_bureaus.order_by("sort_order").select_related("bureau")]
        assert leads == list(task.lead_units), task.reference


def test_the_project_reads_its_own_copy_of_the_seed_not_the_shared_folder():
    from django.conf import settings

    from bureaus import seed

    assert seed.DATA_DIR.is_relative_to(settings.BASE_DIR)
    for folder in ["portal", "content", "search"]:
        for path in (settings.BASE_DIR / folder).rglob("*.py"):
            assert "shared/seed" not in path.read_text(encoding="utf-8"), path

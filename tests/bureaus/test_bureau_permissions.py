"""Each bureau's editors and reviewers work only in their own subtree.

The policy: a bureau group may open, explore and edit its own bureau's pages (no publishing:
that is the workflow's), and gets 403 or 404 for every admin URL of another bureau's pages, never
sees them in the explorer, its API or the admin search."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import GroupPagePermission

from bureaus.access import sync_all_bureaus
from bureaus.models.bureaus import BureauIndexPage, BureauPage
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

OWN, OTHER = "gongan", "minzheng"  # 市公安局 and 市民政局

# Every admin URL of a page; {id} is the page, {rev} its latest revision.
PAGE_ADMIN_URLS = [
    "/admin/pages/{id}/",
    "/admin/pages/{id}/edit/",
    "/admin/pages/{id}/edit/preview/",
    "/admin/pages/{id}/delete/",
    "/admin/pages/{id}/move/",
    "/admin/pages/{id}/copy/",
    "/admin/pages/{id}/unpublish/",
    "/admin/pages/{id}/add_subpage/",
    "/admin/pages/{id}/history/",
    "/admin/pages/{id}/usage/",
    "/admin/pages/{id}/workflow_history/",
    "/admin/pages/{id}/revisions/{rev}/view/",
    "/admin/pages/{id}/revisions/compare/earliest...{rev}/",
    "/admin/pages/{id}/revisions/{rev}/revert/",
    "/admin/api/main/pages/{id}/",
]
PAGE_ADMIN_POSTS = [
    "/admin/pages/{id}/edit/",
    "/admin/pages/{id}/delete/",
    "/admin/pages/{id}/unpublish/",
    "/admin/pages/{id}/lock/",
    "/admin/pages/{id}/copy/",
]


@pytest.fixture(params=["editors_group", "reviewers_group"])
def bureau_user(request, make_user):
    own = bureau(OWN)
    return make_user(f"{OWN}-{request.param}", groups=[getattr(own, request.param)])


def urls_for(page, templates):
    return [t.format(id=page.pk, rev=page.latest_revision_id) for t in templates]


def test_each_bureau_has_its_editor_and_reviewer_groups_on_its_own_subtree_only():
    for page in BureauPage.objects.select_related("editors_group", "reviewers_group"):
        assert page.editors_group.name == f"{page.title} 编辑"
        assert page.reviewers_group.name == f"{page.title} 审核"
        editor_perms = set(
            GroupPagePermission.objects.filter(group=page.editors_group).values_list("page_id", "permission__codename")
        )
        assert editor_perms == {(page.pk, "add_page"), (page.pk, "change_page")}
        reviewer_codenames = set(
            GroupPagePermission.objects.filter(group=page.reviewers_group, page=page).values_list(
                "permission__codename", flat=True
            )
        )
        assert "publish_page" not in reviewer_codenames
        assert {"change_page", "lock_page"} <= reviewer_codenames
        assert not GroupPagePermission.objects.filter(group=page.reviewers_group).exclude(page=page).exists()


def test_sync_is_idempotent_and_repairs_stray_permissions():
    own = bureau(OWN)
    publish = Permission.objects.get(codename="publish_page")
    GroupPagePermission.objects.create(group=own.editors_group, page=own, permission=publish)
    GroupPagePermission.objects.create(group=own.editors_group, page=BureauIndexPage.objects.get(), permission=publish)
    before_groups = own.editors_group.pk
    sync_all_bureaus()
    sync_all_bureaus()
    own.refresh_from_db()
    assert own.editors_group.pk == before_groups
    codenames = set(
        GroupPagePermission.objects.filter(group=own.editors_group).values_list("permission__codename", flat=True)
    )
    assert codenames == {"add_page", "change_page"}


def test_renaming_a_bureau_renames_its_groups():
    own = bureau(OWN)
    own.title = "昆明市公安局"
    own.save_revision().publish()
    own.refresh_from_db()
    assert own.editors_group.name == "昆明市公安局 编辑"
    assert own.reviewers_group.name == "昆明市公安局 审核"


def test_bureau_user_opens_and_edits_own_bureau(client, bureau_user):
    own = bureau(OWN)
    client.force_login(bureau_user)
    assert client.get("/admin/").status_code == 200
    explorer = client.get(f"/admin/pages/{own.pk}/")
    assert explorer.status_code == 200
    edit = client.get(f"/admin/pages/{own.pk}/edit/")
    assert edit.status_code == 200
    assert own.title in edit.content.decode()


def test_bureau_user_gets_403_or_404_on_every_admin_url_of_another_bureau(client, bureau_user):
    other = bureau(OTHER)
    client.force_login(bureau_user)
    for url in urls_for(other, PAGE_ADMIN_URLS):
        response = client.get(url)
        assert response.status_code in (403, 404), f"GET {url} answered {response.status_code}"
        assert other.title not in response.content.decode(), url
    for url in urls_for(other, PAGE_ADMIN_POSTS):
        response = client.post(url, {"title": "改掉", "slug": other.slug, "new_title": "x", "new_slug": "x"})
        assert response.status_code in (403, 404, 405), f"POST {url} answered {response.status_code}"
    other.refresh_from_db()
    assert other.title == "市民政局"
    assert other.live
    assert BureauPage.objects.filter(slug=OTHER).count() == 1


def test_bureau_user_never_sees_another_bureau_in_the_explorer_or_admin_search(client, bureau_user):
    other = bureau(OTHER)
    index = BureauIndexPage.objects.get()
    client.force_login(bureau_user)
    # Opening the directory drops the editor into their own bureau.
    response = client.get(f"/admin/pages/{index.pk}/", follow=True)
    assert other.title not in response.content.decode()
    api = client.get(f"/admin/api/main/pages/?child_of={index.pk}")
    assert api.status_code == 200
    titles = [item["title"] for item in api.json()["items"]]
    assert titles == [bureau(OWN).title]
    search = client.get("/admin/pages/search/", {"q": "民政"})
    assert search.status_code == 200
    assert other.title not in search.content.decode()


def test_editor_cannot_publish_even_in_own_bureau(client, make_user):
    own = bureau(OWN)
    editor = make_user("publisher-wannabe", groups=[own.editors_group])
    client.force_login(editor)
    edit = client.get(f"/admin/pages/{own.pk}/edit/")
    assert "action-publish" not in edit.content.decode()
    data = {"title": "市公安局(未经审核)", "slug": own.slug, "kind": own.kind, "intro": "", "action-publish": "1"}
    client.post(f"/admin/pages/{own.pk}/edit/", data)
    own.refresh_from_db()
    assert own.title == "市公安局"
    assert own.get_latest_revision_as_object().title in {"市公安局", "市公安局(未经审核)"}


def test_bureau_user_cannot_reach_central_admin_areas(client, bureau_user):
    client.force_login(bureau_user)
    for url in [
        "/admin/users/",
        "/admin/groups/",
        "/admin/sites/",
        "/admin/workflows/list/",
        "/admin/snippets/portal/district/",
    ]:
        assert client.get(url).status_code in (403, 404), url


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    own = bureau(OWN)
    response = client.get(f"/admin/pages/{own.pk}/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

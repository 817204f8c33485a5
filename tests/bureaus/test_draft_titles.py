"""Another bureau's unpublished page keeps its title to itself: not in the page chooser, not in
the workflow preview's messages."""

import pytest
from django.contrib.messages import get_messages
from wagtail.models import Page

from content.exemplars.models import ExemplarPage
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

SECRET_TITLE = "尚未发布的内部稿件"


@pytest.fixture
def other_bureaus_draft():
    draft = ExemplarPage(
        title=SECRET_TITLE,
        slug="neibu-gaojian",
        person_name="某人",
        honour_level="china",
        category="helping-others",
        year=2025,
        deed="内部",
        story="<p>内部</p>",
        live=False,
    )
    bureau("minzheng").add_child(instance=draft)
    draft.save_revision()
    return draft


def test_the_page_chooser_hides_other_bureaus_drafts_but_offers_live_pages(client, make_user, other_bureaus_draft):
    editor = make_user("chooser-editor", [bureau("gongan").editors_group])
    client.force_login(editor)
    parent = bureau("minzheng")
    listing = client.get(f"/admin/choose-page/{parent.pk}/").json()["html"]
    search = client.get("/admin/choose-page/search/", {"q": "内部稿件"}).content.decode()
    assert SECRET_TITLE not in listing and SECRET_TITLE not in search
    live = Page.objects.live().child_of(parent).first()
    assert live.title in listing  # linking to another bureau's published page stays possible


def test_the_owning_bureau_still_chooses_its_draft(client, make_user, other_bureaus_draft):
    editor = make_user("chooser-owner", [bureau("minzheng").editors_group])
    client.force_login(editor)
    assert SECRET_TITLE in client.get(f"/admin/choose-page/{bureau('minzheng').pk}/").json()["html"]
    assert SECRET_TITLE in client.get("/admin/choose-page/search/", {"q": "内部稿件"}).content.decode()


def test_the_workflow_preview_does_not_name_another_bureaus_draft(client, make_user, other_bureaus_draft):
    editor = make_user("preview-editor", [bureau("gongan").editors_group])
    client.force_login(editor)
    task_id = bureau("minzheng").review_task_id
    response = client.get(f"/admin/pages/workflow/preview/{other_bureaus_draft.pk}/{task_id}/")
    assert response.status_code == 403
    assert not any(SECRET_TITLE in str(message) for message in get_messages(response.wsgi_request))
    assert SECRET_TITLE not in client.get("/admin/").content.decode()

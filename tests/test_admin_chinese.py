"""The admin speaks Chinese on every screen a bureau editor, a bureau reviewer and the office's
superuser use: dashboard, explorer, page forms, history, workflow, media, search, reports,
account, users, snippets and the portal's own admin views. Validation errors too."""

import json
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from bureaus.models.bureaus import BureauPage
from bureaus.models.directive import Mechanism
from bureaus.models.districts import District
from content.ads.models.placements import AdInspection, AdPlacement, AdUpdateTask
from content.exposure.models import BehaviourNoticePage, BehaviourType
from content.nominations.models import Nomination
from content.photos.models import ProtectedPhoto
from portal.wagtail_messages import read_po, wagtail_catalogues
from tests.admin_text import english, english_on_page, form_fields, wagtail_config_strings
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

OWN = "gongan"
PLAN_BUREAU = "wenmingban"  # leads the directive task the 公益广告 section serves: writes the annual plan


@pytest.fixture
def people(make_user):
    own = bureau(OWN)
    return {
        "editor": make_user("zh-editor", [own.editors_group], last_name="李", first_name="春华", email="li@km.gov.cn"),
        "reviewer": make_user("zh-reviewer", [own.reviewers_group], last_name="欧阳", first_name="明"),
        "superuser": make_user("zh-admin", is_superuser=True, last_name="王", first_name="芳"),
    }


def draft_notice(editor, title):
    page = BehaviourNoticePage(
        title=title,
        behaviour_type=BehaviourType.objects.first(),
        place="金碧路",
        description="人行道上摆摊设点。",
        owner=editor,
        live=False,
    )
    bureau(OWN).add_child(instance=page)
    page.save_revision(user=editor)
    return page


@pytest.fixture
def submitted(people):
    """A notice the editor wrote, changed once and sent to review: history, compare and workflow have content."""
    page = draft_notice(people["editor"], "金碧路占道经营")
    page.description = "人行道上摆摊设点，影响通行。"
    page.save_revision(user=people["editor"])
    page.get_workflow().start(page, people["editor"])
    return page


def data_values():
    """Latin text that is data, not interface: slugs, user names, codes typed by editors."""
    values = set(Page.objects.values_list("slug", flat=True))
    values |= set(get_user_model().objects.values_list("username", flat=True))
    for model in (District, Mechanism, BehaviourType):
        values |= set(model.objects.values_list("slug", flat=True))
    values |= set(AdPlacement.objects.values_list("code", flat=True))
    return frozenset(values)


def page_screens(page):
    return [
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", "latest"]),
        reverse("wagtailadmin_pages:usage", args=[page.pk]),
    ]


def add_forms(parent, page_types):
    models = [apps.get_model(label)._meta for label in page_types]
    return [reverse("wagtailadmin_pages:add", args=[m.app_label, m.model_name, parent.pk]) for m in models]


def common_screens(own):
    return [
        "/admin/",
        reverse("wagtailadmin_explore", args=[own.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[own.pk]),
        *add_forms(own, [label for label in BureauPage.subpage_types if apps.get_model(label).can_create_at(own)]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtailadmin_pages:search") + "?q=文明",
        reverse("wagtailadmin_pages:search") + "?q=没有这样的页面",
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_account"),
        reverse("portal_editor_guide"),
        reverse("ad_placements:index"),
        reverse("ad_placements:add"),
        reverse("ad_placements:edit", args=[AdPlacement.objects.filter(bureau=own).first().pk]),
        reverse("ad_inspections:index"),
        reverse("ad_inspections:add"),
        reverse("ad_inspections:edit", args=[AdInspection.objects.filter(placement__bureau=own).first().pk]),
        reverse("ad_update_tasks:index"),
        reverse("ad_update_tasks:edit", args=[AdUpdateTask.objects.filter(bureau=own).first().pk]),
        reverse("ad_reports:index"),
        reverse("ad_filing_export"),
        reverse("protected_photos:index"),
        reverse("protected_photos:add"),
        reverse("protected_photos:review", args=[ProtectedPhoto.objects.filter(bureau=own).first().pk]),
        reverse("handbook_quiz_results"),
    ]


def screens_for(role, submitted):
    own = bureau(OWN)
    demo = [p.specific for p in own.get_children().live().order_by("content_type", "pk")]
    one_of_each = {type(p): p for p in demo}.values()
    screens = common_screens(own) + page_screens(submitted)
    for page in one_of_each:
        screens += page_screens(page)
    if role == "reviewer":
        screens.append(reverse("wagtailadmin_reports:locked_pages"))
    if role == "superuser":
        screens += add_forms(bureau(PLAN_BUREAU), ["content.AdPlanPage"])
        for model in map(apps.get_model, BureauPage.subpage_types):
            page = model.objects.exclude(bureau=own).first()
            screens += page_screens(page) if page else []
        user = get_user_model().objects.get(username="zh-editor")
        screens += [
            reverse("wagtailadmin_reports:locked_pages"),
            reverse("wagtailusers_users:index"),
            reverse("wagtailusers_users:add"),
            reverse("wagtailusers_users:edit", args=[user.pk]),
            reverse("wagtailusers_groups:index"),
            reverse("wagtailsnippets:index"),
            reverse("wagtailsnippets_portal_district:list"),
            reverse("wagtailsnippets_portal_district:edit", args=[District.objects.first().pk]),
            reverse("wagtailsnippets_content_mechanism:list"),
            reverse("wagtailsnippets_content_mechanism:edit", args=[Mechanism.objects.first().pk]),
            reverse("behaviour_types:index"),
            reverse("nominations:index"),
            reverse("nominations:detail", args=[Nomination.objects.first().pk]),
            reverse("wagtailimages:edit", args=[get_image_model().objects.first().pk]),
            reverse("wagtaildocs:edit", args=[get_document_model().objects.first().pk]),
            reverse("wagtailadmin_collections:index"),
            reverse("wagtailadmin_workflows:index"),
        ]
    return screens


@pytest.mark.parametrize("role", ["editor", "reviewer", "superuser"])
def test_every_screen_a_role_uses_is_in_chinese(client, people, submitted, role):
    client.force_login(people[role])
    data = data_values()
    found = {}
    for url in screens_for(role, submitted):
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code} to the {role}"
        html = response.content.decode()
        assert "gravatar" not in html.lower(), url  # blocked in mainland China, and leaks e-mail hashes
        words = english_on_page(html, data) + english(wagtail_config_strings(html), data)
        if words:
            found[url] = sorted(set(words))
    assert found == {}


def test_the_reviewer_reads_the_review_dialogs_in_chinese(client, people, submitted):
    client.force_login(people["reviewer"])
    state = submitted.current_workflow_state.current_task_state
    for action in ("approve", "reject"):
        url = reverse("wagtailadmin_pages:workflow_action", args=[submitted.pk, action, state.pk])
        html = client.get(url).json()["html"]
        assert english_on_page(html, data_values()) == [], action


def test_sign_in_and_password_reset_are_in_chinese(client):
    for url in (reverse("wagtailadmin_login"), reverse("wagtailadmin_password_reset")):
        response = client.get(url)
        assert response.status_code == 200
        assert english_on_page(response.content.decode()) == [], url


def _unescape(po_string):
    return po_string.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def test_admin_scripts_have_every_wagtail_string_in_chinese(client, people):
    client.force_login(people["editor"])
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    untranslated = []
    for english_po, _chinese_po in wagtail_catalogues("djangojs"):
        for entry in read_po(english_po):
            msgid = _unescape(entry.msgid)
            chinese = catalogue.get(f"{entry.context}\x04{msgid}" if entry.context else msgid, msgid)
            if english(chinese if isinstance(chinese, list) else [chinese]):
                untranslated.append(msgid)
    assert untranslated == []


# --- validation errors ---------------------------------------------------------------------------


def test_a_page_that_cannot_be_saved_says_why_in_chinese(client, people):
    editor = people["editor"]
    page = draft_notice(editor, "东风东路占道经营")
    sibling = bureau(OWN).get_children().exclude(pk=page.pk).first()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    fields = form_fields(client.get(url).content.decode())
    fields.update({"title": "", "slug": sibling.slug, "action-submit": "1"})
    response = client.post(url, fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert "页面有校验错误，未能保存。" in html
    assert "必需字段" in html  # under the empty title
    assert f"网址标识“{sibling.slug}”已被同一上级页面下的其他页面使用。" in html
    assert english_on_page(html, data_values()) == []
    assert page.revisions.count() == 1  # nothing saved
    assert page.current_workflow_state is None  # and not submitted


def test_a_duplicate_slug_saved_from_code_is_refused_in_chinese(people, submitted):
    from django.core.exceptions import ValidationError

    sibling = bureau(OWN).get_children().exclude(pk=submitted.pk).first()
    submitted.slug = sibling.slug
    with pytest.raises(ValidationError) as refused:
        submitted.full_clean()
    assert "已被上级页面" in str(refused.value)

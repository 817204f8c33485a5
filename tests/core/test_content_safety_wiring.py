"""Banned content cannot be stored through any door: the page editor, a revision saved by code,
an inline child, or a citizen's report; the message names what was found."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from content.exemplars.index import ExemplarIndexPage
from content.exemplars.models import ExemplarPage
from content.exposure.models import BehaviourNoticePage, BehaviourType, RectificationUpdate
from core.safety.model_check import content_safety_errors
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

BRAND = "澳门新葡京"


def test_a_revision_saved_by_code_is_refused_with_the_term_named():
    page = ExemplarPage.objects.live().first()
    page.story = f"<p>他常说：欢迎光临{BRAND}，开户送彩金。</p>"
    with pytest.raises(ValidationError) as refused:
        page.save_revision()
    assert "story" in refused.value.message_dict
    assert any(BRAND in message for message in refused.value.message_dict["story"])
    assert BRAND not in (ExemplarPage.objects.get(pk=page.pk).get_latest_revision().content["story"])


def test_obfuscated_spellings_in_plain_text_fields_are_found():
    page = ExemplarPage.objects.live().first()
    page.deed = "热心助人，推荐 ｂｅｔ３６５ 给邻居"
    assert "deed" in content_safety_errors(page)


def test_the_genuine_demo_content_passes():
    for page in Page.objects.live().specific():
        assert content_safety_errors(page) == {}, page.url_path


def test_the_page_editor_shows_the_finding_next_to_the_field_and_saves_nothing(client, make_user):
    admin = make_user("safety-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    index = ExemplarIndexPage.objects.get()
    revisions_before = index.revisions.count()
    data = nested_form_data(
        {
            "title": index.title,
            "slug": index.slug,
            "intro": f"好人榜。点击进入{BRAND}娱乐场领取奖金。",
            "related_tasks": [task.pk for task in index.related_tasks.all()],
            "comments": inline_formset([]),
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=(index.pk,)), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert BRAND in body  # the message quotes the offending text, and the field keeps it
    assert index.revisions.count() == revisions_before


def test_an_inline_timeline_entry_is_checked_too():
    notice = BehaviourNoticePage(
        title="金碧路占道经营",
        behaviour_type=BehaviourType.objects.first(),
        place="金碧路",
        description="人行道摆摊。",
    )
    bureau("gongan").add_child(instance=notice)
    update = RectificationUpdate(page=notice, date="2026-11-01", text="已整改。详情见 http://spam.example.com/win")
    with pytest.raises(ValidationError) as refused:
        update.full_clean()
    assert "text" in refused.value.message_dict

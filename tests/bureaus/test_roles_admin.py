"""An administrator sets up people's roles in the admin without reading code: the user form's
"Roles" tab lists each bureau with its 编辑 and 审核 side by side, then the civilization office's
final review and the nomination roles, each saying what its members may do; a group's page says
it too. A user created there with a bureau's editor role adds pages in that bureau only."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District
from bureaus.workflows import FINAL_REVIEW_NAME
from content.exposure.models import BehaviourNoticePage, BehaviourType
from tests.helpers import bureau

pytestmark = pytest.mark.django_db
PASSWORD = "Kunming-civility-2026"


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("roles-admin", is_superuser=True))
    return client


def roles_tab(response):
    html = response.content.decode()
    return html[html.index('class="portal-roles"') :]


def checkbox_values(html):
    return [int(value) for value in re.findall(r'<input type="checkbox" name="groups" value="(\d+)"', html)]


def test_the_roles_tab_lists_bureaus_side_by_side_then_city_wide_roles_with_what_they_may_do(
    admin_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        response = admin_client.get(reverse("wagtailusers_users:add"))
    assert response.status_code == 200
    html = roles_tab(response)
    # Every group is offered once, bureaus first in the directory's order, each row 编辑 then 审核.
    values = checkbox_values(html)
    assert sorted(values) == sorted(Group.objects.values_list("pk", flat=True))
    bureaus = list(BureauPage.objects.order_by("path"))
    assert values[: 2 * len(bureaus)] == [pk for b in bureaus for pk in (b.editors_group_id, b.reviewers_group_id)]
    row = re.search(r'<th scope="row">市公安局</th>(.*?)</tr>', html, re.S).group(1)
    assert "市公安局 </span>编辑" in row and "市公安局 </span>审核" in row
    assert "不能发布" in html  # the editor's and reviewer's column descriptions
    # Then 市文明办 终审, the districts' 属地初审 in the districts' order, the 推荐评审 groups.
    final = Group.objects.get(name=FINAL_REVIEW_NAME).pk
    districts = [d.nomination_reviewers_id for d in District.objects.order_by("sort_order", "pk")]
    assert values[2 * len(bureaus)] == final
    assert values[2 * len(bureaus) + 1 : 2 * len(bureaus) + 1 + len(districts)] == districts
    assert html.index(FINAL_REVIEW_NAME) < html.index("五华区 属地初审") < html.index("推荐评审 专家")
    assert "终审通过即发布" in html
    assert "专家评审" in html and "为推荐对象打分" in html
    # Wagtail's stock groups are gone; nothing is listed as "other".
    assert "Moderators" not in html and 'portal-roles__section" aria-labelledby="id_groups-other' not in html


def test_a_group_the_policy_does_not_know_is_listed_apart_with_a_warning(admin_client):
    Group.objects.create(name="临时小组")
    html = roles_tab(admin_client.get(reverse("wagtailusers_users:add")))
    other = html[html.index('id="id_groups-other"') :]
    assert "临时小组" in other
    assert "不是本站的角色" in other


def test_an_admin_creates_a_bureau_editor_who_may_add_pages_in_that_bureau_only(admin_client, client):
    own, other = bureau("gongan"), bureau("minzheng")
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "zhang.editor",
            "email": "zhang@example.com",
            "first_name": "伟",
            "last_name": "张",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "groups": [own.editors_group_id],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = get_user_model().objects.get(username="zhang.editor")
    assert list(user.groups.all()) == [own.editors_group]

    client.logout()
    assert client.login(username="zhang.editor", password=PASSWORD)
    add = "wagtailadmin_pages:add"
    assert client.get(reverse(add, args=("content", "behaviournoticepage", own.pk))).status_code == 200
    assert client.get(reverse(add, args=("content", "behaviournoticepage", other.pk))).status_code == 403
    form = nested_form_data(
        {
            "title": "角色测试:人民中路占道经营",
            "slug": "roles-test-notice",
            "behaviour_type": BehaviourType.objects.order_by("pk").first().pk,
            "found_on": "2026-11-20",
            "place": "人民中路",
            "description": "早高峰时段人行道上摆摊设点。",
            "status": "pending",
            "photos": inline_formset([]),
            "rectification_updates": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    saved = client.post(reverse(add, args=("content", "behaviournoticepage", own.pk)), form)
    assert saved.status_code == 302, re.findall(r"error-message\">(.*?)</p>", saved.content.decode(), re.S)
    page = BehaviourNoticePage.objects.get(slug="roles-test-notice")
    assert page.get_parent().pk == own.pk and not page.live  # a draft, for review
    refused = client.post(reverse(add, args=("content", "behaviournoticepage", other.pk)), form)
    assert refused.status_code == 403


def test_editing_a_user_shows_the_roles_they_hold_ticked_and_saves_a_change(admin_client, make_user):
    own = bureau("gongan")
    person = make_user("li.reviewer", [own.reviewers_group], first_name="娜", last_name="李", email="li@example.com")
    url = reverse("wagtailusers_users:edit", args=(person.pk,))
    html = roles_tab(admin_client.get(url))
    assert f'value="{own.reviewers_group_id}" id="id_groups_' in html
    ticked = re.findall(r'value="(\d+)" id="id_groups_\d+"[^>]*checked', html)
    assert ticked == [str(own.reviewers_group_id)]
    final = Group.objects.get(name=FINAL_REVIEW_NAME)
    data = {"username": "li.reviewer", "email": "li@example.com", "first_name": "娜", "last_name": "李"}
    response = admin_client.post(url, {**data, "is_active": "on", "groups": [own.reviewers_group_id, final.pk]})
    assert response.status_code == 302
    assert set(person.groups.values_list("pk", flat=True)) == {own.reviewers_group_id, final.pk}


def test_the_groups_listing_and_a_groups_page_say_what_members_may_do(admin_client):
    own = bureau("gongan")
    listing = admin_client.get(reverse("wagtailusers_groups:index"), {"q": "市公安局"}).content.decode()
    assert "修改市公安局的页面" in listing
    page = admin_client.get(reverse("wagtailusers_groups:edit", args=(own.reviewers_group_id,))).content.decode()
    description = re.search(r"<p data-role-description>(.*?)</p>", page).group(1)
    assert "市公安局" in description and "不能发布" in description
    district = District.objects.get(slug="wuhua").nomination_reviewers_id
    page = admin_client.get(reverse("wagtailusers_groups:edit", args=(district,))).content.decode()
    assert "五华区" in re.search(r"<p data-role-description>(.*?)</p>", page).group(1)

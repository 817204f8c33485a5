"""Passwords made of the site's, the city's or a bureau's words plus digits are refused, in Chinese,
wherever a password is set: the admin's user form, one's own password change, `bureau_user`."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from tests.helpers import bureau

REFUSED = "只由网站或城市相关的词"

WEAK = [
    "kunming2026",
    "wenming2026",
    "Wenming@2026!",
    "km2026kunming",
    "WenMingCheng2026",
    "chuangcheng!!2026",
    "Adm1n#2026",
    "gov.cn2026",
    "昆明2026!!",
    "ＫＵＮＭＩＮＧ２０２６",  # full-width letters and digits
    "W3nm1ng@2026",
    "kmwm2026",
    "gongan@2026",  # 市公安局's slug
    "sgaj2026kunming",  # 市公安局's initials
    "xuanchuanbu2026",
]
STRONG = ["Dianchi-lake-2026", "kunming-blue-river-77", "correct horse battery staple", "k8#Jv2$Lq9!zT4@wR7"]


@pytest.mark.parametrize("password", WEAK)
def test_site_city_and_bureau_words_with_digits_are_refused(password):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any(REFUSED in message for message in refused.value.messages)


@pytest.mark.parametrize("password", STRONG)
def test_a_password_with_other_words_passes(password):
    validate_password(password)


@pytest.mark.django_db
def test_the_admin_user_form_refuses_it_in_chinese(admin_client):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "zhang.weak",
            "email": "zhang@example.com",
            "first_name": "伟",
            "last_name": "张",
            "password1": "Wenming@2026!",
            "password2": "Wenming@2026!",
            "groups": [bureau("gongan").editors_group_id],
        },
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not get_user_model().objects.filter(username="zhang.weak").exists()


@pytest.mark.django_db
def test_ones_own_password_change_refuses_it(client, make_user):
    user = make_user("li.editor", [bureau("gongan").editors_group])
    client.force_login(user)
    response = client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "春华",
            "name_email-last_name": "李",
            "email-email": "",
            "locale-preferred_language": "zh-hans",
            "locale-current_time_zone": "Asia/Shanghai",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "password-old_password": "a-long-test-password",
            "password-new_password1": "km2026kunming",
            "password-new_password2": "km2026kunming",
        },
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("a-long-test-password")


@pytest.mark.django_db
def test_bureau_user_refuses_it():
    with pytest.raises(CommandError, match="密码不符合要求"):
        call_command("bureau_user", "x.y", "--final-reviewer", "--password", "kunming2026", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="x.y").exists()

"""Account → e-mail: changing the address needs the current password; a wrong one is a Chinese
field error and nothing on the page is saved. The name changes without it."""

import pytest
from django.urls import reverse

from tests.helpers import bureau

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]
ACCOUNT = reverse("wagtailadmin_account")


@pytest.fixture
def person(client, make_user):
    user = make_user(
        "li.editor", [bureau("gongan").editors_group], email="li@km.gov.cn", last_name="李", first_name="春华"
    )
    client.force_login(user)
    return user


def account_form(**changes):
    data = {
        "name_email-first_name": "春华",
        "name_email-last_name": "李",
        "email-email": "li@km.gov.cn",
        "email-current_password": "",
        "locale-preferred_language": "zh-hans",
        "locale-current_time_zone": "Asia/Shanghai",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
    }
    return {**data, **changes}


def test_the_account_page_shows_the_address_and_asks_for_the_password_to_change_it(client, person):
    html = client.get(ACCOUNT).content.decode()
    assert 'name="email-email"' in html and 'value="li@km.gov.cn"' in html
    assert 'name="email-current_password"' in html and "仅在更改电子邮件地址时需要填写" in html
    assert html.count('name="name_email-email"') == 0  # one address field, ours


@pytest.mark.parametrize(
    ("password", "error"),
    [("", "更改电子邮件地址需要输入当前密码"), ("not-my-password", "当前密码不正确，电子邮件地址未更改")],
)
def test_a_new_address_without_the_right_password_is_refused_and_nothing_is_saved(client, person, password, error):
    response = client.post(
        ACCOUNT,
        account_form(
            **{"email-email": "thief@example.com", "email-current_password": password, "name_email-first_name": "改名"}
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    assert "thief@example.com" in html  # the form keeps what was typed
    person.refresh_from_db()
    assert (person.email, person.first_name) == ("li@km.gov.cn", "春华")


def test_with_the_right_password_the_address_changes(client, person):
    response = client.post(
        ACCOUNT,
        account_form(**{"email-email": "li.chunhua@km.gov.cn", "email-current_password": "a-long-test-password"}),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "li.chunhua@km.gov.cn"


def test_the_name_changes_without_the_password(client, person):
    assert client.post(ACCOUNT, account_form(**{"name_email-first_name": "春花"})).status_code == 302
    person.refresh_from_db()
    assert (person.first_name, person.email) == ("春花", "li@km.gov.cn")


def test_wrong_passwords_here_count_towards_the_sign_in_limits(client, person):
    for n in range(5):
        client.post(ACCOUNT, account_form(**{"email-email": "thief@example.com", "email-current_password": f"g{n}"}))
    response = client.post(
        ACCOUNT, account_form(**{"email-email": "thief@example.com", "email-current_password": "a-long-test-password"})
    )
    assert "登录失败次数过多" in response.content.decode()
    person.refresh_from_db()
    assert person.email == "li@km.gov.cn"

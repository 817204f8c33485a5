"""The second factor (bureaus/second_factor.py): reviewers, final reviewers, nomination reviewers
and superusers set up an authenticator app and enter its code once per session; until then the
admin shows them nothing else. Editors are not forced. A lost phone is reset by a command."""

import io
import re
import time

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction

from bureaus.district_reviewers import CITY_GROUP
from bureaus.models.districts import District
from bureaus.roles import group_for
from bureaus.workflows import final_review_group
from portal.checks import second_factor_required
from tests.admin_text import english_on_page
from tests.helpers import bureau

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("empty_cache"),
    pytest.mark.usefixtures("second_factor_on"),
]

HOME = "/admin/"
VERIFY = "/admin/second-factor/"
ENROL = "/admin/second-factor/enrol/"
PASSWORD = "a-long-test-password"


@pytest.fixture
def second_factor_on():
    with override_settings(ADMIN_REQUIRE_SECOND_FACTOR=True):
        yield


@pytest.fixture
def reviewer(make_user):
    return make_user("gongan.reviewer", [bureau("gongan").reviewers_group])


@pytest.fixture
def editor(make_user):
    return make_user("gongan.editor", [bureau("gongan").editors_group])


def code(device, steps_ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def enrolled(user):
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def where(response):
    return response.status_code, response.get("Location", "")


def test_a_reviewer_without_an_authenticator_reaches_only_the_enrolment_page(client, reviewer):
    client.force_login(reviewer)
    for url in (HOME, "/admin/pages/", f"/admin/pages/{bureau('gongan').pk}/", "/admin/account/", VERIFY):
        status, location = where(client.get(url))
        assert status == 302 and location.startswith(ENROL), url
    page = client.get(ENROL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "设置验证器应用" in html
    assert english_on_page(html) == []
    # The QR code and the key shown are those of a new, unconfirmed device of this reviewer.
    device = TOTPDevice.objects.get(user=reviewer)
    assert not device.confirmed
    key = re.search(r'id="second-factor-key">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    assert key and key in device.config_url


def test_enrolment_confirms_with_a_code_and_opens_the_admin(client, reviewer):
    client.force_login(reviewer)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=reviewer)
    wrong = client.post(ENROL, {"code": "000000" if code(device) != "000000" else "111111", "next": "/admin/pages/"})
    assert wrong.status_code == 200 and "验证码不正确" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code's one-second pause is django-otp's own matter
    device.save()
    right = client.post(ENROL, {"code": code(device), "next": "/admin/pages/"})
    assert where(right) == (302, "/admin/pages/")
    assert TOTPDevice.objects.get(user=reviewer).confirmed
    assert client.get(HOME).status_code == 200


def test_a_reviewer_with_an_authenticator_enters_its_code_and_a_wrong_code_is_refused(client, reviewer):
    device = enrolled(reviewer)
    client.force_login(reviewer)
    status, location = where(client.get("/admin/pages/"))
    assert status == 302 and location.startswith(VERIFY)
    form = client.get(location)
    assert form.status_code == 200 and "请输入验证器应用中的验证码" in form.content.decode()
    assert english_on_page(form.content.decode()) == []

    wrong = client.post(VERIFY, {"code": "12345x", "next": "/admin/pages/"})
    assert "请输入验证器应用显示的数字" in wrong.content.decode()
    with override_settings(OTP_TOTP_THROTTLE_FACTOR=60):  # a minute's pause: no race with a slow machine
        wrong = client.post(VERIFY, {"code": "000000" if code(device) != "000000" else "111111", "next": "/x/"})
        assert wrong.status_code == 200 and "验证码不正确或已使用过" in wrong.content.decode()
        assert where(client.get(HOME))[1].startswith(VERIFY)
        too_soon = client.post(VERIFY, {"code": code(device), "next": "/admin/pages/"})
    assert "错误次数过多" in too_soon.content.decode()  # django-otp's pause after a wrong code

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    right = client.post(VERIFY, {"code": code(device), "next": "/admin/pages/"})
    assert where(right) == (302, "/admin/pages/")
    assert client.get(HOME).status_code == 200


def test_a_code_works_once(client, reviewer, make_user):
    device = enrolled(reviewer)
    used = code(device)
    client.force_login(reviewer)
    assert where(client.post(VERIFY, {"code": used}))[1] == HOME
    other_session = type(client)(HTTP_HOST="localhost")
    other_session.force_login(reviewer)
    assert "验证码不正确或已使用过" in other_session.post(VERIFY, {"code": used}).content.decode()


def test_a_redirect_after_the_code_stays_on_this_site(client, reviewer):
    device = enrolled(reviewer)
    client.force_login(reviewer)
    assert where(client.post(VERIFY, {"code": code(device), "next": "https://evil.example/"})) == (302, HOME)


def test_the_full_sign_in_goes_password_then_code_then_dashboard(client, reviewer):
    device = enrolled(reviewer)
    response = client.post("/admin/login/", {"username": "gongan.reviewer", "password": PASSWORD})
    assert where(response) == (302, HOME)
    status, location = where(client.get(HOME))
    assert status == 302 and location.startswith(VERIFY)
    assert where(client.post(VERIFY, {"code": code(device)})) == (302, HOME)
    dashboard = client.get(HOME)
    assert dashboard.status_code == 200
    # A new session (sign out, sign in) asks again.
    client.post("/admin/logout/")
    client.post("/admin/login/", {"username": "gongan.reviewer", "password": PASSWORD})
    assert where(client.get(HOME))[1].startswith(VERIFY)


def test_a_password_alone_cannot_enrol_a_new_phone(client, reviewer):
    enrolled(reviewer)
    client.force_login(reviewer)
    status, location = where(client.get(ENROL))
    assert status == 302 and location.startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=reviewer).count() == 1


def test_editors_are_not_forced_but_may_enrol_and_then_are_asked(client, editor):
    client.force_login(editor)
    assert client.get(HOME).status_code == 200
    account = client.get("/admin/account/").content.decode()
    assert ENROL in account and "设置验证器应用" in account
    optional = client.get(ENROL).content.decode()
    assert "您的角色可自愿设置" in optional

    client.logout()
    TOTPDevice.objects.filter(user=editor).update(confirmed=True)
    client.force_login(editor)
    assert where(client.get(HOME))[1].startswith(VERIFY)


@pytest.mark.parametrize("role", ["superuser", "final_reviewer", "district_reviewer", "nomination_coordinator"])
def test_superusers_final_and_nomination_reviewers_are_forced(client, make_user, role):
    if role == "superuser":
        user = make_user("root.admin", is_superuser=True)
    elif role == "final_reviewer":
        user = make_user("wmb.final", [final_review_group()])
    elif role == "district_reviewer":
        user = make_user(
            "wuhua.district", [group_for("district_reviewer", district=District.objects.get(slug="wuhua"))]
        )
    else:
        user = make_user("city.coordinator", [group_for("nomination_coordinator")])
        assert user.groups.get().name == CITY_GROUP
    client.force_login(user)
    status, location = where(client.get(HOME))
    assert status == 302 and location.startswith(ENROL)
    assert "您的角色负责审核或终审内容" in client.get(ENROL).content.decode()


def test_outside_the_admin_a_held_session_counts_as_signed_out(client, reviewer):
    page = bureau("gongan")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(reviewer)
    status, location = where(client.get(page.url))
    assert status == 302 and "/login/" in location  # a page for signed-in people only
    device = TOTPDevice.objects.create(user=reviewer, name="authenticator", confirmed=True)
    client.post(VERIFY, {"code": code(device)})
    assert client.get(page.url).status_code == 200


def test_the_setting_off_lets_a_reviewer_in_with_the_password_alone(client, reviewer):
    with override_settings(ADMIN_REQUIRE_SECOND_FACTOR=False):
        client.force_login(reviewer)
        assert client.get(HOME).status_code == 200
        assert ENROL not in client.get("/admin/account/").content.decode()  # nothing to set up


def test_an_administrator_resets_a_lost_phone_and_the_reviewer_enrols_again(client, reviewer):
    device = enrolled(reviewer)
    client.force_login(reviewer)
    client.post(VERIFY, {"code": code(device)})
    assert client.get(HOME).status_code == 200

    listed = io.StringIO()
    call_command("reset_second_factor", "--list", stdout=listed)
    assert "gongan.reviewer" in listed.getvalue()
    out = io.StringIO()
    call_command("reset_second_factor", "gongan.reviewer", stdout=out)
    assert "must set up a new one" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=reviewer).exists()
    # The session verified by the lost phone is held again, at the enrolment page.
    status, location = where(client.get(HOME))
    assert status == 302 and location.startswith(ENROL)


def test_check_deploy_warns_when_the_second_factor_is_off():
    assert second_factor_required(None) == []
    with override_settings(ADMIN_REQUIRE_SECOND_FACTOR=False):
        assert [w.id for w in second_factor_required(None)] == ["portal.W001"]


def test_the_reset_command_says_what_it_did_or_why_not(editor):
    with pytest.raises(CommandError, match="没有用户"):
        call_command("reset_second_factor", "no.such.person", stdout=io.StringIO())
    with pytest.raises(CommandError, match="请指定用户名"):
        call_command("reset_second_factor", stdout=io.StringIO())
    out = io.StringIO()
    call_command("reset_second_factor", "gongan.editor", stdout=out)
    assert "nothing changed" in out.getvalue()
    enrolled(editor)
    out = io.StringIO()
    call_command("reset_second_factor", "gongan.editor", stdout=out)
    assert "may set up a new one" in out.getvalue()  # optional for an editor


def test_a_superuser_resets_a_lost_phone_from_the_users_admin(client, reviewer, editor, make_user):
    admin = make_user("root.admin", is_superuser=True)
    admin_device = enrolled(admin)
    enrolled(reviewer)
    client.force_login(admin)
    client.post(VERIFY, {"code": code(admin_device)})
    reset_url = f"/admin/second-factor/reset/{reviewer.pk}/"
    listing = client.get("/admin/users/").content.decode()
    assert reset_url in listing and "重置验证器" in listing
    confirm = client.get(reset_url)
    assert confirm.status_code == 200 and "gongan.reviewer" in confirm.content.decode()
    assert english_on_page(confirm.content.decode()) == []
    assert where(client.post(reset_url)) == (302, f"/admin/users/edit/{reviewer.pk}/")
    assert not TOTPDevice.objects.filter(user=reviewer).exists()

    client.force_login(editor)  # nobody else may
    assert client.post(f"/admin/second-factor/reset/{admin.pk}/").status_code == 403
    assert TOTPDevice.objects.filter(user=admin).exists()

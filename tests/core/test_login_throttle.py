"""Admin sign-in limits (core/login_throttle.py): guessing stops after a few tries from one place,
a guesser cannot lock the owner out of their usual browser or of another place, the refusal is
in Chinese and the same for any user name, and each failure is one log line."""

import logging
import re

import pytest
from django.test import Client

from tests.helpers import bureau

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

LOGIN = "/admin/login/"
PASSWORD = "a-long-test-password"
ATTACKER = "198.51.100.7"
OWNER_OFFICE = "203.0.113.20"
REFUSED = "登录失败次数过多"
WRONG = "密码不匹配"


@pytest.fixture
def owner(make_user):
    return make_user("li.reviewer", [bureau("gongan").reviewers_group])


def browser(address):
    return Client(HTTP_HOST="localhost", REMOTE_ADDR=address)


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def errors(response):
    html = response.content.decode()
    return re.findall(r'<li class="error">(.*?)</li>', html, re.S)


def test_a_hundred_wrong_passwords_then_the_right_one_is_refused_from_that_client(owner):
    attacker = browser(ATTACKER)
    answers = [sign_in(attacker, "li.reviewer", f"guess-{n}") for n in range(100)]
    assert all(a.status_code == 200 for a in answers)
    assert WRONG in errors(answers[0])[0]
    assert REFUSED in errors(answers[-1])[0]

    right = sign_in(attacker, "li.reviewer", PASSWORD)
    assert not signed_in(right)
    assert REFUSED in errors(right)[0]
    assert "_auth_user_id" not in attacker.session
    # Case and spaces do not make it another account.
    assert REFUSED in errors(sign_in(attacker, " LI.Reviewer ", PASSWORD))[0]


def test_the_owner_still_signs_in_from_another_place(owner):
    attacker = browser(ATTACKER)
    for n in range(100):
        sign_in(attacker, "li.reviewer", f"guess-{n}")
    assert signed_in(sign_in(browser(OWNER_OFFICE), "li.reviewer", PASSWORD))


def test_a_guesser_at_the_owners_office_does_not_lock_the_owner_out_of_their_own_browser(owner):
    own_browser = browser(OWNER_OFFICE)
    assert signed_in(sign_in(own_browser, "li.reviewer", PASSWORD))
    own_browser.post("/admin/logout/")
    colleague = browser(OWNER_OFFICE)  # same address (the office's NAT), another browser
    for n in range(40):
        sign_in(colleague, "li.reviewer", f"guess-{n}")
    assert REFUSED in errors(sign_in(colleague, "li.reviewer", PASSWORD))[0]
    assert REFUSED in errors(sign_in(browser(OWNER_OFFICE), "li.reviewer", PASSWORD))[0]

    assert signed_in(sign_in(own_browser, "li.reviewer", PASSWORD))


def test_many_places_guessing_one_account_slow_down_new_places_but_not_the_owners_browser(owner):
    own_browser = browser(OWNER_OFFICE)
    assert signed_in(sign_in(own_browser, "li.reviewer", PASSWORD))
    own_browser.post("/admin/logout/")
    for n in range(60):  # one guess each from 60 addresses: no single place is over its limit
        sign_in(browser(f"192.0.2.{n + 1}"), "li.reviewer", f"guess-{n}")

    assert REFUSED in errors(sign_in(browser("100.64.0.9"), "li.reviewer", PASSWORD))[0]
    assert signed_in(sign_in(own_browser, "li.reviewer", PASSWORD))


def test_a_forged_or_other_accounts_known_device_cookie_does_not_help(owner, make_user):
    make_user("wang.editor", [bureau("gongan").editors_group])
    attacker = browser(ATTACKER)
    assert signed_in(sign_in(attacker, "wang.editor", PASSWORD))  # the attacker's own account
    attacker.post("/admin/logout/")
    for n in range(10):
        sign_in(attacker, "li.reviewer", f"guess-{n}")
    assert REFUSED in errors(sign_in(attacker, "li.reviewer", PASSWORD))[0]
    attacker.cookies["admin_known_device"] = "forged:value"
    assert REFUSED in errors(sign_in(attacker, "li.reviewer", PASSWORD))[0]


def test_an_unknown_user_name_reads_exactly_like_a_real_one(owner):
    real, made_up = browser(ATTACKER), browser("198.51.100.8")
    real_answers = [errors(sign_in(real, "li.reviewer", f"guess-{n}")) for n in range(8)]
    made_up_answers = [errors(sign_in(made_up, "no.such.person", f"guess-{n}")) for n in range(8)]
    assert real_answers == made_up_answers
    assert WRONG in real_answers[0][0] and REFUSED in real_answers[-1][0]


IPV6_A = "2001:db8:aa:bb:1::1"
IPV6_B = "2001:db8:aa:bb:ffff::2"  # the same /64: one household or phone


def test_an_ipv6_client_is_its_64_network(owner):
    for n in range(5):
        sign_in(browser(IPV6_A), "li.reviewer", f"guess-{n}")
    assert REFUSED in errors(sign_in(browser(IPV6_B), "li.reviewer", PASSWORD))[0]


def test_a_successful_sign_in_clears_that_places_failures(owner):
    place = browser(OWNER_OFFICE)
    for n in range(4):
        sign_in(place, "li.reviewer", f"typo-{n}")
    assert signed_in(sign_in(place, "li.reviewer", PASSWORD))
    place.post("/admin/logout/")
    other = browser(OWNER_OFFICE)  # no known-device cookie: the address's own counter applies
    for n in range(4):
        assert WRONG in errors(sign_in(other, "li.reviewer", f"typo-again-{n}"))[0]
    assert signed_in(sign_in(other, "li.reviewer", PASSWORD))


def test_each_failure_and_refusal_is_one_log_line_without_the_address(owner, caplog):
    with caplog.at_level(logging.WARNING, logger="core.login_throttle"):
        for n in range(6):
            sign_in(browser(ATTACKER), "li.reviewer", f"guess-{n}")
    lines = [r.getMessage() for r in caplog.records if r.name == "core.login_throttle"]
    assert len(lines) == 6
    assert all("\n" not in line and "'li.reviewer'" in line and ATTACKER not in line for line in lines)
    assert [line.split(" for ")[0] for line in lines] == ["Sign-in failed"] * 5 + ["Sign-in refused"]


def test_commands_and_the_test_client_login_are_not_counted(owner, client):
    attacker = browser(ATTACKER)
    for n in range(5):
        sign_in(attacker, "li.reviewer", f"guess-{n}")
    # No request, no client to count: manage.py commands and Client.login check the password only.
    assert client.login(username="li.reviewer", password=PASSWORD)


def test_the_known_browser_cookie_is_httponly_samesite_and_secure_over_https(owner):
    plain = sign_in(browser(OWNER_OFFICE), "li.reviewer", PASSWORD).cookies["admin_known_device"]
    assert plain["httponly"] and plain["samesite"] == "Lax" and not plain["secure"]
    assert "li.reviewer" not in plain.value  # the account is named by a keyed hash
    secure = Client(HTTP_HOST="localhost", REMOTE_ADDR=OWNER_OFFICE).post(
        LOGIN, {"username": "li.reviewer", "password": PASSWORD}, secure=True
    )
    assert secure.cookies["admin_known_device"]["secure"]

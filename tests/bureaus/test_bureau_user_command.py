"""`manage.py bureau_user`: an administrator adds a person to a role from the command line, takes
it away, or lists who holds which role; a mistake gets a clear message, never a traceback."""

import io
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from bureaus.management.commands.bureau_user import split_name
from bureaus.models.districts import District
from bureaus.nomination_reviewers import EXPERTS
from bureaus.workflows import FINAL_REVIEW_NAME
from tests.helpers import bureau

pytestmark = pytest.mark.django_db
User = get_user_model()


def run(*args):
    out = io.StringIO()
    call_command("bureau_user", *args, stdout=out)
    return out.getvalue()


def groups_of(username):
    return set(User.objects.get(username=username).groups.values_list("name", flat=True))


def test_a_new_editor_gets_the_bureau_role_a_generated_password_shown_once_and_can_sign_in(client):
    out = run("zhang.wei", "--bureau", "gongan", "--role", "editor", "--email", "zhang@example.com", "--name", "张/伟")
    assert "Created user zhang.wei; role 市公安局 编辑: added." in out
    password = out.split("Password (shown once, write it down): ")[1].split()[0]
    user = User.objects.get(username="zhang.wei")
    assert (user.last_name, user.first_name, user.email) == ("张", "伟", "zhang@example.com")
    assert groups_of("zhang.wei") == {"市公安局 编辑"}
    assert client.login(username="zhang.wei", password=password)

    again = run("zhang.wei", "--bureau", "市公安局", "--role", "editor")  # by name; idempotent
    assert "role 市公安局 编辑: already held" in again and "Password" not in again
    assert User.objects.get(username="zhang.wei").password == user.password
    assert groups_of("zhang.wei") == {"市公安局 编辑"}


def test_each_kind_of_role_and_removing_one(make_user):
    make_user("li.na")
    run("li.na", "--bureau", "gongan", "--role", "reviewer", "--password", "Dianchi-lake-2026")
    run("li.na", "--final-reviewer")
    run("li.na", "--district", "wuhua", "--role", "district-reviewer")
    run("li.na", "--nomination-expert")
    wuhua = District.objects.get(slug="wuhua").nomination_reviewers.name
    assert groups_of("li.na") == {"市公安局 审核", FINAL_REVIEW_NAME, wuhua, EXPERTS}
    assert User.objects.get(username="li.na").check_password("Dianchi-lake-2026")

    assert "Removed li.na from 市公安局 审核." in run("li.na", "--bureau", "gongan", "--role", "reviewer", "--remove")
    assert "nothing to remove" in run("li.na", "--bureau", "gongan", "--role", "reviewer", "--remove")
    assert groups_of("li.na") == {FINAL_REVIEW_NAME, wuhua, EXPERTS}
    assert User.objects.filter(username="li.na").exists()  # the account stays


def test_listing_shows_who_holds_which_role_in_the_admins_order(make_user):
    make_user("wang.fang", [bureau("gongan").editors_group], first_name="芳", last_name="王", email="w@example.com")
    make_user("zhao.lei", [Group.objects.get(name=FINAL_REVIEW_NAME)])
    out = run("--list")
    assert out.index("市公安局 编辑") < out.index("wang.fang") < out.index(FINAL_REVIEW_NAME) < out.index("zhao.lei")
    assert "王芳" in out and "w@example.com" in out
    assert "不能发布" in out  # what the role may do
    only_gongan = run("--list", "--bureau", "gongan")
    assert "wang.fang" in only_gongan and "zhao.lei" not in only_gongan


@pytest.mark.parametrize(
    ("args", "english", "chinese"),
    [
        (["x.y", "--bureau", "gonan", "--role", "editor"], "Unknown bureau “gonan”", "gongan (市公安局)"),
        (["x.y", "--bureau", "gongan", "--role", "boss"], "Unknown role “boss”", "没有这个角色"),
        (["x.y", "--district", "nowhere", "--role", "district-reviewer"], "Unknown district", "没有这个县(市)区"),
        (["x.y", "--role", "editor"], "needs --bureau", "需要 --bureau"),
        (["x.y", "--final-reviewer", "--bureau", "gongan"], "--bureau goes with", "只用于编辑、审核"),
        (["x.y", "--final-reviewer", "--role", "editor", "--bureau", "gongan"], "One role at a time", "一次只能"),
        (["x.y"], "Say which role", "请指定角色"),
        (["--final-reviewer"], "Name the user", "请给出用户名"),
        (["nobody", "--final-reviewer", "--remove"], "No user “nobody”", "没有用户"),
        (["x.y", "--final-reviewer", "--password", "12345"], "Password refused", "密码不符合要求"),
    ],
)
def test_mistakes_are_explained_in_both_languages_and_change_nothing(args, english, chinese):
    users, groups = User.objects.count(), Group.objects.count()
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert english in str(refused.value) and chinese in str(refused.value)
    assert (User.objects.count(), Group.objects.count()) == (users, groups)


def test_from_the_shell_a_mistake_is_one_line_without_a_traceback():
    # A mistake found before the database is read, so that the command runs without the test database.
    result = subprocess.run(
        [sys.executable, "manage.py", "bureau_user", "x.y", "--role", "boss"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("CommandError: Unknown role “boss”. 没有这个角色")


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("张/伟", ("张", "伟")),
        ("张 伟", ("张", "伟")),
        ("张伟", ("张", "伟")),
        ("欧阳娜娜", ("欧阳", "娜娜")),
        ("欧阳", ("欧", "阳")),
    ],
)
def test_names_are_split_into_family_and_given_name(name, parts):
    assert split_name(name) == parts

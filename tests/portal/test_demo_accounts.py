"""`make run` gives a newcomer an account for each role (development only), with passwords random
per machine and stable across runs, and points the admin's mail links at the port it serves."""

import io
import json
import os
import stat
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from portal.management.commands.ensure_demo_accounts import ACCOUNTS
from tests.helpers import bureau

pytestmark = pytest.mark.django_db
User = get_user_model()
USERNAMES = [account[0] for account in ACCOUNTS]


def ensure(var_dir):
    out = io.StringIO()
    with override_settings(DEBUG=True, VAR_DIR=var_dir, BASE_DIR=var_dir.parent):
        call_command("ensure_demo_accounts", "--url", "http://127.0.0.1:8123/admin/", stdout=out)
    return out.getvalue()


def table(output):
    """{user name: (password, role)} from the printed table."""
    rows = {}
    for line in output.splitlines():
        parts = line.split()
        if parts and parts[0] in USERNAMES:
            rows[parts[0]] = (parts[1], " ".join(parts[2:]))
    return rows


def test_refused_without_debug_and_with_production_settings(tmp_path):
    with pytest.raises(CommandError, match="development only"), override_settings(VAR_DIR=tmp_path):
        call_command("ensure_demo_accounts")
    production = override_settings(DEBUG=True, VAR_DIR=tmp_path, SETTINGS_MODULE="portal.settings.production")
    with pytest.raises(CommandError, match="演示账号只能在开发环境中创建"), production:
        call_command("ensure_demo_accounts")
    assert not User.objects.filter(username__in=USERNAMES).exists()
    assert not (tmp_path / "demo-accounts.json").exists()


def test_one_account_per_role_printed_with_its_password_and_signing_in_works(tmp_path, client):
    var = tmp_path / "var"
    rows = table(ensure(var))
    assert rows["gongan-editor"][1] == "市公安局 编辑"
    assert rows["gongan-reviewer"][1] == "市公安局 审核"
    assert rows["xuanchuan-editor"][1] == "市委宣传部 编辑"
    assert rows["xuanchuan-reviewer"][1] == "市委宣传部 审核"
    assert rows["wenmingban-final"][1] == "市文明办 终审"
    assert rows["wuhua-district"][1] == "五华区 属地初审"
    assert rows["nomination-expert"][1] == "推荐评审 专家"
    stored = json.loads((var / "demo-accounts.json").read_text(encoding="utf-8"))
    assert {name: password for name, (password, _role) in rows.items()} == stored
    assert stat.S_IMODE((var / "demo-accounts.json").stat().st_mode) == 0o600
    assert len(set(stored.values())) == len(stored) and min(len(p) for p in stored.values()) >= 12

    for username, (_password, role) in rows.items():
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.email == f"{username}@example.com"  # review mails reach them (console in development)
    assert client.login(username="gongan-editor", password=rows["gongan-editor"][0])
    add = "wagtailadmin_pages:add"
    assert client.get(reverse(add, args=("content", "behaviournoticepage", bureau("gongan").pk))).status_code == 200
    refused = client.get(reverse(add, args=("content", "behaviournoticepage", bureau("xuanchuanbu").pk)))
    assert refused.status_code == 403


def test_a_second_run_changes_nothing_and_a_lost_password_file_gets_new_working_passwords(tmp_path, client):
    var = tmp_path / "var"
    first = table(ensure(var))
    hashes = dict(User.objects.filter(username__in=USERNAMES).values_list("username", "password"))
    second = table(ensure(var))
    assert second == first
    assert dict(User.objects.filter(username__in=USERNAMES).values_list("username", "password")) == hashes
    assert User.objects.filter(username__in=USERNAMES).count() == len(ACCOUNTS)

    (var / "demo-accounts.json").unlink()
    third = table(ensure(var))
    assert third["gongan-reviewer"][0] != first["gongan-reviewer"][0]
    assert client.login(username="gongan-reviewer", password=third["gongan-reviewer"][0])


def make_dry_run(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key != "WAGTAILADMIN_BASE_URL"}
    result = subprocess.run(
        ["make", "-n", "run", *args],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**environment, **env},
        check=True,
        timeout=60,
    )
    return result.stdout


def test_make_run_creates_the_demo_accounts_and_mail_links_follow_its_port():
    commands = make_dry_run("PORT=8123")
    assert "manage.py ensure_demo_accounts --url http://127.0.0.1:8123/admin/" in commands
    serve = next(line for line in commands.splitlines() if "serve_with_worker" in line)
    assert serve.startswith("WAGTAILADMIN_BASE_URL=http://127.0.0.1:8123 ")
    assert serve.endswith("manage.py serve_with_worker 127.0.0.1:8123")
    # An address set outright (a proxy, a real host name) is kept.
    chosen = make_dry_run("PORT=8123", WAGTAILADMIN_BASE_URL="https://wenming.km.gov.cn")
    assert "WAGTAILADMIN_BASE_URL=https://wenming.km.gov.cn " in chosen


def test_the_settings_take_the_mail_link_base_from_the_environment():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8123",
        },
        check=True,
        timeout=60,
    )
    assert result.stdout.strip() == "http://127.0.0.1:8123"

"""`make run`: an account for each role, so that a newcomer can walk a page through review in five
minutes. Development only: refused unless DEBUG is on and the settings are not production.

Passwords are random per machine and kept in var/demo-accounts.json (readable by its owner only),
so they stay the same from one run to the next; a password is set only when its account is
created or its entry is new, so a second run changes nothing."""

import json
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District
from bureaus.roles import ROLE_NAMES, group_for

ACCOUNTS = [
    # user name, role (manage.py bureau_user --role), bureau or district slug, display name
    ("gongan-editor", "editor", "gongan", "市公安局编辑"),
    ("gongan-reviewer", "reviewer", "gongan", "市公安局审核"),
    ("xuanchuan-editor", "editor", "xuanchuanbu", "市委宣传部编辑"),
    ("xuanchuan-reviewer", "reviewer", "xuanchuanbu", "市委宣传部审核"),
    ("wenmingban-final", "final-reviewer", None, "市文明办终审"),
    ("wuhua-district", "district-reviewer", "wuhua", "五华区属地初审"),
    ("nomination-expert", "nomination-expert", None, "推荐评审专家"),
]
PASSWORDS_FILE = "demo-accounts.json"


def refuse_outside_development():
    module = getattr(settings, "SETTINGS_MODULE", "") or ""
    if not settings.DEBUG or module.endswith("production"):
        raise CommandError(
            "Demo accounts are for development only (DEBUG on, not production settings). 演示账号只能在开发环境中创建。"
        )


class Command(BaseCommand):
    help = "Development only: create an account for each role (two bureaus, final review, nominations)."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="Where the admin is served (printed in the walk-through hint).")

    def handle(self, *args, url=None, **options):
        refuse_outside_development()
        path = settings.VAR_DIR / PASSWORDS_FILE
        passwords = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        new_entries = {name for name, *_rest in ACCOUNTS if name not in passwords}
        for name in new_entries:
            passwords[name] = secrets.token_urlsafe(9)
        with transaction.atomic():
            rows = [self.ensure(account, passwords[account[0]], account[0] in new_entries) for account in ACCOUNTS]
        if new_entries:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(passwords, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            path.chmod(0o600)
        self.report(rows, path.relative_to(settings.BASE_DIR), url or f"{settings.WAGTAILADMIN_BASE_URL}/admin/")

    def ensure(self, account, password, new_password):
        username, role, place, display_name = account
        kind = ROLE_NAMES[role]
        bureau = BureauPage.objects.get(slug=place) if kind in ("bureau_editor", "bureau_reviewer") else None
        district = District.objects.get(slug=place) if kind == "district_reviewer" else None
        group = group_for(kind, bureau=bureau, district=district)
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": display_name, "last_name": "示例", "email": f"{username}@example.com"},
        )
        if created or new_password:
            user.set_password(password)
            user.save(update_fields=["password"])
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
        return username, group.name, password

    def report(self, rows, shown_file, url):
        self.stdout.write(f"Demo accounts (development only; passwords kept in {shown_file}):")
        width = max(len(username) for username, _group, _password in rows) + 2
        self.stdout.write(f"  {'user name':<{width}}{'password':<15}role")
        for username, group, password in rows:
            self.stdout.write(f"  {username:<{width}}{password:<15}{group}")
        self.stdout.write(
            f"Walk a review at {url}: sign in as gongan-editor, add a page under 市公安局 and submit it for "
            "review; gongan-reviewer approves it (dashboard: awaiting your review), then wenmingban-final "
            "approves it and it is live. Review mails are printed in this terminal."
        )
        if settings.ADMIN_REQUIRE_SECOND_FACTOR:
            self.stdout.write(
                "Second factor: every account but the editors sets up an authenticator app at its first sign-in "
                "(the admin shows a QR code and the key); ADMIN_REQUIRE_SECOND_FACTOR=0 make run skips it."
            )

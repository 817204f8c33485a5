"""Creates a local administrator for `make run` when none exists and says how to sign in."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create a local superuser 'admin' with a random password if no superuser exists."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="Where the admin is served (printed in the sign-in hint).")

    def handle(self, *args, url=None, **options):
        User = get_user_model()
        password_file = settings.VAR_DIR / "local-admin-password.txt"
        shown_file = password_file.relative_to(settings.BASE_DIR)
        url = url or f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        if User.objects.filter(is_superuser=True).exists():
            if password_file.exists():
                self.stdout.write(f"Sign in at {url} as '{USERNAME}' with the password in {shown_file}.")
            else:
                self.stdout.write(f"Sign in at {url} with your existing administrator account.")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(USERNAME, email="", password=password)
        password_file.parent.mkdir(parents=True, exist_ok=True)
        password_file.write_text(password + "\n", encoding="utf-8")
        password_file.chmod(0o600)
        self.stdout.write(
            f"Created a local administrator. Sign in at {url} as '{USERNAME}' with password {password}\n"
            f"(also saved in {shown_file}; change it with "
            f"`.venv/bin/python manage.py changepassword {USERNAME}`)."
        )

"""`manage.py reset_second_factor USERNAME`: remove a person's authenticator (a lost or replaced
phone). Their sessions lose their verification at once; at the next sign-in they set up a new
authenticator (docs/admin-login.md). `--list` shows who has one."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from bureaus.second_factor import must_use_second_factor, reset_devices


class Command(BaseCommand):
    help = "Remove a user's authenticator app (lost phone); they set up a new one at their next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?")
        parser.add_argument("--list", action="store_true", help="List the users who have set up an authenticator.")

    def handle(self, *args, username=None, list=False, **options):
        if list:
            devices = TOTPDevice.objects.filter(confirmed=True).select_related("user").order_by("user__username")
            for device in devices:
                used = device.last_used_at.strftime("%Y-%m-%d %H:%M") if device.last_used_at else "-"
                self.stdout.write(f"{device.user.get_username()}\tlast used {used}")
            return
        if not username:
            raise CommandError("Name the user whose authenticator to remove. 请指定用户名。")
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No user {username!r}. 没有用户 {username}。")
        removed = reset_devices(user)
        if not removed:
            self.stdout.write(f"{username} has no authenticator; nothing changed.")
            return
        then = "must set up a new one" if must_use_second_factor(user) else "may set up a new one"
        self.stdout.write(f"Removed the authenticator of {username}; at the next sign-in they {then}.")

"""`make production`: the whole production stack on one machine, for a newcomer or a test.

Checks that the database and Redis answer, migrates, collects the static files, creates the
schedules, renders nginx's configuration under --prefix and then runs gunicorn, a django-q2
worker and nginx until Ctrl-C or SIGTERM, which stops all three (docs/production.md)."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.production import nginx, preflight, stack
from portal.supervisor import supervise


class Command(BaseCommand):
    help = "Check, migrate, collect static files, then run gunicorn, a django-q2 worker and nginx; Ctrl-C stops all."

    def add_arguments(self, parser):
        parser.add_argument("--listen", default="127.0.0.1:8080", help="nginx's address (default 127.0.0.1:8080)")
        parser.add_argument("--upstream", default="127.0.0.1:8001", help="gunicorn's address, or unix:/path")
        parser.add_argument("--workers", type=int, help="gunicorn workers (default: 2 per CPU + 1)")
        parser.add_argument("--prefix", default=str(settings.VAR_DIR / "production"), help="nginx's own folder")
        parser.add_argument("--nginx-user", help="when started as root: the user nginx's workers run as")
        parser.add_argument(
            "--trusted-proxy", action="append", default=[], help="a load balancer's address or CIDR (repeatable)"
        )
        parser.add_argument("--no-worker", action="store_true", help="do not start a django-q2 worker")
        parser.add_argument("--skip-setup", action="store_true", help="no migrate, collectstatic, ensure_schedules")

    def handle(self, *args, **options):
        if settings.DEBUG:
            raise CommandError("DEBUG is on: run with DJANGO_SETTINGS_MODULE=portal.settings.production.")
        try:
            config = self.prepare(options)
        except (preflight.NotReady, stack.StackFailed, ImproperlyConfigured) as error:
            raise CommandError(str(error)) from error
        processes = stack.children(
            options["prefix"], config, options["upstream"], options["workers"], worker=not options["no_worker"]
        )
        host = stack.probe_host()

        def ready(running, stopping):
            stack.wait_until_ready(options["listen"], running, stopping, host)
            if not stopping():
                names = ", ".join(running)
                self.stdout.write(f"Serving http://{options['listen']}/ ({names}); Ctrl-C stops all.", ending="\n")
                self.stdout.flush()

        try:
            exited = supervise(processes, started=ready)
        except stack.StackFailed as error:
            raise CommandError(str(error)) from error
        if exited:
            raise CommandError(f"{exited} stopped unexpectedly; stopped the others (its log is above).")
        self.stdout.write("Stopped nginx, gunicorn and the worker.")

    def prepare(self, options):
        """Everything before the processes start; returns nginx's main configuration."""
        preflight.check_database()
        preflight.check_redis()
        nginx.check_media_layout()
        if not options["skip_setup"]:
            self.stdout.write("Database and Redis answer. Migrating, collecting static files, creating schedules…")
            call_command("migrate", interactive=False, verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
            call_command("ensure_schedules", verbosity=0)
        for folder in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
            os.makedirs(folder, exist_ok=True)
        user = None
        if os.geteuid() == 0:
            # nginx drops its workers to this user: it must read the static and media files.
            user = options["nginx_user"] or preflight.default_nginx_user()
            prefix_parent = os.path.dirname(os.path.abspath(options["prefix"]))
            blocked = preflight.unreadable_by(user, [settings.STATIC_ROOT, settings.MEDIA_ROOT, prefix_parent])
            if blocked:
                raise preflight.NotReady(
                    f"nginx's workers run as {user}, who cannot read {blocked}: chmod o+rx it "
                    "(and its parents o+x), or pass --nginx-user."
                )
        site = nginx.Site(
            listen=options["listen"], upstream=options["upstream"], trusted_proxies=options["trusted_proxy"]
        )
        config = nginx.write_instance(options["prefix"], site, user=user)
        stack.check_nginx_config(options["prefix"], config)
        return config

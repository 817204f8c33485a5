"""`make run`: the development server and a django-q2 worker together; Ctrl-C stops both
(portal/supervisor.py)."""

import sys

from django.core.management.base import BaseCommand

from portal.supervisor import Child, supervise


class Command(BaseCommand):
    help = "Run the development server and a django-q2 worker; stop both on Ctrl-C or SIGTERM."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        manage = [sys.executable, sys.argv[0]]
        supervise([Child("worker", [*manage, "qcluster"]), Child("server", [*manage, "runserver", addrport])])
        self.stdout.write("Stopped the server and the worker.")

"""`make run`: the development server and a django-q2 worker together; Ctrl-C stops both.

A small supervisor rather than a shell `&`: a shell started without job control makes its
background children ignore SIGINT, which left runserver or the worker running after Ctrl-C.
Installing our own handlers means the children start with default signal handling."""

import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the development server and a django-q2 worker; stop both on Ctrl-C or SIGTERM."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        manage = [sys.executable, sys.argv[0]]
        children = [
            subprocess.Popen([*manage, "qcluster"]),  # noqa: S603 - our own manage.py, fixed arguments
            subprocess.Popen([*manage, "runserver", addrport]),  # noqa: S603 - address from the Makefile
        ]
        try:
            while not stopping and all(child.poll() is None for child in children):
                time.sleep(0.3)
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGINT)
            deadline = time.monotonic() + 15
            for child in children:
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
        self.stdout.write("Stopped the server and the worker.")

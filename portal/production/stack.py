"""The processes of the one-machine production stack: gunicorn, a django-q2 worker and nginx with
a prefix of its own (not the system service), supervised together by portal/supervisor.py."""

import http.client
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

from portal.supervisor import Child

GUNICORN_CONFIG = Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"
READY_TIMEOUT = 60


class StackFailed(Exception):
    pass


def nginx_binary():
    # /usr/sbin is not on every user's PATH; Debian's nginx lives there.
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(found, os.X_OK):
        raise StackFailed("nginx is not installed: apt-get install nginx (Debian's package).")
    return found


def nginx_argv(prefix, config):
    # -e: errors before the configuration is read go to stderr, not to the system's log file.
    return [nginx_binary(), "-p", str(prefix), "-c", str(config), "-e", "stderr"]


def check_nginx_config(prefix, config):
    result = subprocess.run(  # noqa: S603 - Debian's nginx, our own rendered configuration
        [*nginx_argv(prefix, config), "-t", "-q"], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise StackFailed(f"nginx refuses the rendered configuration {config}:\n{result.stderr}")


def children(prefix, config, upstream, workers=None, worker=True):
    """gunicorn and the worker first, nginx last: supervise() stops them in reverse order."""
    gunicorn = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG), "--bind", upstream]
    if workers:
        gunicorn += ["--workers", str(workers)]
    options = {"cwd": settings.BASE_DIR}
    result = [Child("gunicorn", gunicorn, signal.SIGTERM, options)]  # SIGTERM: let requests finish
    if worker:
        # SIGINT is django-q2's own stop: the cluster finishes its tasks in hand.
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        result.append(Child("worker", [*manage, "qcluster"], signal.SIGINT, options))
    result.append(Child("nginx", nginx_argv(prefix, config), signal.SIGQUIT, options))  # SIGQUIT: graceful
    return result


def probe(address, path="/healthz/", host="localhost"):
    """The status nginx answers for `path`, or None while nothing listens."""
    hostname, _, port = address.rpartition(":")
    connection = http.client.HTTPConnection(hostname.strip("[]") or "127.0.0.1", int(port), timeout=3)
    try:
        connection.request("GET", path, headers={"Host": host})
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


def probe_host():
    """A Host header Django accepts: the first plain name in ALLOWED_HOSTS."""
    return next((host for host in settings.ALLOWED_HOSTS if host != "*" and not host.startswith(".")), "localhost")


def wait_until_ready(listen, processes, stopping, host):
    """Poll /healthz/ through nginx until Django answers: 502 while gunicorn starts. Any answer of
    Django counts (a 301 to HTTPS too, when nginx is reached over plain HTTP); the database was
    checked before starting."""
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline and not stopping():
        for name, process in processes.items():
            if process.poll() is not None:
                raise StackFailed(f"{name} exited with {process.returncode} while starting.")
        if probe(listen, host=host) not in (None, 502, 503, 504):
            return
        time.sleep(0.2)
    if not stopping():
        raise StackFailed(f"/healthz/ did not answer through nginx at {listen} within {READY_TIMEOUT} s.")

"""Paths, settings, the shell runner and the server start-up shared by the browser-test fixtures and
helpers."""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

VAR_DIR = BASE_DIR / "var"
DATABASE_FILE = VAR_DIR / "browser-tests.sqlite3"
SERVER_LOG = VAR_DIR / "browser-tests-server.log"
# The server runs the development settings with DEBUG off (see server_settings.py); migrate and
# load_demo run the development settings themselves.
BUILD_SETTINGS = "portal.settings.dev"
SERVER_SETTINGS = "tests.browser.server_settings"
COMMAND_TIMEOUT = 300
SERVER_START_TIMEOUT = 60


def environment(settings_module):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{DATABASE_FILE}",
        "PYTHONUNBUFFERED": "1",
    }


def run_shell(code):
    """Run `code` in `manage.py shell` against the browser-test database; its last printed line."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR,
        env=environment(BUILD_SETTINGS),
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py shell exited with {result.returncode}:\n{result.stdout}\n{result.stderr}", pytrace=False
        )
    return result.stdout.strip().splitlines()[-1]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_log(log_path):
    try:
        return log_path.read_text(encoding="utf-8", errors="replace")[-4000:]
    except OSError:
        return "(no server log)"


def _healthy(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/healthz/")
        return connection.getresponse().status == 200  # 503 while the database is not reachable
    except OSError:  # not listening yet
        return False
    finally:
        connection.close()


def wait_until_healthy(process, port, log_path):
    """Wait for a runserver started by a fixture; fail with the end of its log if it does not come up."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"runserver exited with {process.returncode}:\n{_server_log(log_path)}", pytrace=False)
        if _healthy(port):
            return
        time.sleep(0.2)
    pytest.fail(
        f"/healthz/ on port {port} did not answer within {SERVER_START_TIMEOUT} s:\n{_server_log(log_path)}",
        pytrace=False,
    )


@contextlib.contextmanager
def served(settings_module, log_path):
    """Serve the project with runserver under `settings_module`; yield its base URL once /healthz/
    answers, and stop the server afterwards."""
    port = free_port()
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
            cwd=BASE_DIR,
            env=environment(settings_module),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_healthy(process, port, log_path)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

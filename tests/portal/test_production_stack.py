"""The production stack as a visitor meets it: `manage.py serve_production` (gunicorn behind
Debian's nginx, production settings, Redis) started once for the module on free ports, in temporary
folders, on a copy of the test database with the demo content; every request goes through nginx.

Skipped only when nginx is not installed (CI installs it, .ci/run). Redis must answer at REDIS_URL
(default redis://127.0.0.1:6379/0, as CI starts it); the stack's keys carry a prefix of their own.

Tests of the page cache belong here too: the `production_base_url` fixture is the stack's address
(see the note at the end of the module)."""

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from portal.production import nginx, stack
from tests.helpers import SECRET

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
pytestmark = [
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)"),
    # The tests read nothing of the database themselves; the mark makes pytest-django create the
    # test database (with the demo content) that the stack copies.
    pytest.mark.django_db,
]

START_TIMEOUT = 120  # migrate (nothing to apply), collectstatic and the first request of two workers
HOST = "localhost"  # the demo site's host name
YEAR = "max-age=31536000"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_test_database(folder):
    """A copy of the test database (demo content built once per session) that the stack's
    processes own: (DATABASE_URL, a function that removes it)."""
    connection = connections["default"]
    if connection.vendor == "sqlite":
        # The test database lives in this process's memory: the backup API writes it to a file.
        target = folder / "portal.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{target}", lambda: None
    source = connection.settings_dict
    name = f"{source['NAME']}_stack"
    connections.close_all()  # CREATE DATABASE … TEMPLATE needs the template without sessions
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source["NAME"]}"')

    def drop():
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')

    password = f":{source['PASSWORD']}" if source.get("PASSWORD") else ""
    url = f"postgres://{source['USER']}{password}@{source['HOST'] or '127.0.0.1'}:{source['PORT'] or 5432}/{name}"
    return url, drop


class Stack:
    def __init__(self, base_url, env, process, log):
        self.base_url = base_url
        self.env = env
        self.process = process
        self.log = log

    def get(self, path, **headers):
        """(status, headers, body) of a GET through nginx; errors are answers too."""
        # A stored file's name may be Chinese: the address goes out percent-encoded, as a browser sends it.
        address = self.base_url + urllib.parse.quote(path, safe="/?=&%")
        request = urllib.request.Request(address, headers={"Host": HOST, **headers})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own stack
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def manage(self, *args):
        """Run a manage.py command against the stack's database and settings (e.g. `shell -c`
        to publish a page); returns the finished process."""
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def output(self):
        return self.log.read_text(encoding="utf-8", errors="replace")[-6000:]


@pytest.fixture(scope="module")
def production_stack(django_db_setup, django_db_blocker):
    # 0755: started as root, nginx's workers run as www-data and must pass through it.
    folder = Path(tempfile.mkdtemp(prefix="portal-stack-"))
    folder.chmod(0o755)
    with django_db_blocker.unblock():
        database_url, drop_database = copy_test_database(folder)
    listen, upstream = f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "GUNICORN_"))},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "false",  # nginx is reached over plain HTTP here
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
        "REDIS_KEY_PREFIX": f"portal-stack-test-{os.getpid()}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),  # the demo content's files
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "STATIC_ROOT": str(folder / "static"),
        "SEARCH_BACKEND": "database",
        "Q_BROKER": "orm",
        "PYTHONUNBUFFERED": "1",
    }
    log = folder / "stack.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [
                *(sys.executable, "manage.py", "serve_production"),
                *("--listen", listen, "--upstream", upstream, "--workers", "2", "--no-worker"),
                *("--prefix", str(folder / "nginx")),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    stack = Stack(f"http://{listen}", env, process, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while "Serving http://" not in stack.output():
            if process.poll() is not None:
                pytest.fail(f"serve_production exited with {process.returncode}:\n{stack.output()}", pytrace=False)
            if time.monotonic() > deadline:
                pytest.fail(f"serve_production not ready in {START_TIMEOUT} s:\n{stack.output()}", pytrace=False)
            time.sleep(0.1)
        yield stack
    finally:
        process.send_signal(signal.SIGINT)  # what Ctrl-C sends
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        output = stack.output()
        with django_db_blocker.unblock():
            drop_database()
        shutil.rmtree(folder, ignore_errors=True)
    assert process.returncode == 0 and "Stopped nginx, gunicorn" in output, output
    with pytest.raises(urllib.error.URLError):  # nothing listens any more
        urllib.request.urlopen(stack.base_url + "/", timeout=5)  # noqa: S310


@pytest.fixture(scope="module")
def production_base_url(production_stack):
    """The base URL (http://127.0.0.1:<port>) of the running stack, nginx in front."""
    return production_stack.base_url


@pytest.fixture(scope="module")
def home(production_stack):
    status, headers, body = production_stack.get("/")
    assert status == 200, production_stack.output()
    return headers, body.decode()


def test_a_page_is_served_by_django_through_nginx(home):
    headers, html = home
    assert headers["Server"] == "nginx"  # no version: server_tokens off
    assert "text/html" in headers["Content-Type"]
    assert "昆明文明城市创建网" in html
    assert "Content-Security-Policy" in headers  # set by Django's middleware, so the page came from gunicorn


def test_a_rendition_on_the_home_page_is_served_with_a_long_cache(production_stack, home):
    _headers, html = home
    renditions = re.findall(r'src="(/media/images/[^"]+)"', html)
    assert renditions, "the home page shows no Wagtail rendition"
    status, headers, body = production_stack.get(renditions[0])
    assert status == 200
    assert headers["Content-Type"].startswith("image/")
    assert body[:3] in (b"\xff\xd8\xff", b"\x89PN", b"RIF")  # JPEG, PNG or WebP bytes
    assert YEAR in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]


def test_a_hashed_static_file_is_immutable_and_sent_compressed(production_stack, home):
    _headers, html = home
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', html).group(1)
    status, headers, body = production_stack.get(stylesheet, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Encoding"] == "gzip" and body[:2] == b"\x1f\x8b"  # the .gz WhiteNoise wrote


def test_originals_and_documents_in_the_media_folder_are_not_served(production_stack):
    media = Path(settings.MEDIA_ROOT)
    original = next((media / "original_images").iterdir())  # the full-size upload behind a rendition
    assert production_stack.get(f"/media/original_images/{original.name}")[0] == 404
    for document in (media / "documents").iterdir() if (media / "documents").is_dir() else ():
        assert production_stack.get(f"/media/documents/{document.name}")[0] == 404
    private = next(path for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if path.is_file())
    relative = private.relative_to(settings.PRIVATE_MEDIA_ROOT).as_posix()
    assert production_stack.get(f"/media/{relative}")[0] == 404
    assert production_stack.get(f"/media/../{Path(settings.PRIVATE_MEDIA_ROOT).name}/{relative}")[0] in (400, 404)


def test_the_visitor_address_cannot_be_forged_through_nginx(production_stack):
    """nginx replaces X-Real-IP with the address it saw, so a forged one never reaches Django
    (whose rate limits count by it, core/visitor.py). Gunicorn's access log starts with it."""
    path = f"/healthz/?visitor={uuid.uuid4().hex}"
    assert production_stack.get(path, **{"X-Real-IP": "203.0.113.7"})[0] == 200
    deadline = time.monotonic() + 10
    while path not in production_stack.output() and time.monotonic() < deadline:
        time.sleep(0.05)  # gunicorn writes the line after the answer
    line = next(line for line in production_stack.output().splitlines() if path in line)
    assert line.startswith('127.0.0.1 "GET ')


def test_while_gunicorn_is_down_nginx_shows_the_busy_page():
    """Only nginx, in front of an address where nothing listens (gunicorn restarting or dead)."""
    folder = Path(tempfile.mkdtemp(prefix="portal-nginx-"))
    folder.chmod(0o755)  # nginx's workers (nobody, when started as root) read the page
    listen = f"127.0.0.1:{free_port()}"
    config = nginx.write_instance(folder, nginx.Site(listen=listen, upstream=f"127.0.0.1:{free_port()}"))
    process = subprocess.Popen(stack.nginx_argv(folder, config), stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while stack.probe(listen, "/") is None and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        answer = Stack(f"http://{listen}", {}, process, folder / "none").get("/")
    finally:
        process.send_signal(signal.SIGQUIT)
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    status, headers, body = answer
    assert status == 502
    assert headers["Retry-After"] == "30" and headers["Cache-Control"] == "no-store"
    assert "网站正忙" in body.decode()


def test_a_page_is_served_from_the_page_cache_and_fresh_after_a_publish(production_stack):
    """Through nginx and gunicorn's two workers, with the cache in Redis: the second visitor gets
    the stored page; a publish (in another process, as an editor's would be) purges it at once."""
    path = "/renwu/"
    first = production_stack.get(path)
    assert first[0] == 200 and first[1]["X-Page-Cache"] in {"miss", "hit"}
    hits = [production_stack.get(path)[1]["X-Page-Cache"] for _ in range(4)]  # both workers
    assert hits == ["hit"] * 4
    title = f"测试发布{uuid.uuid4().hex[:6]}"
    published = production_stack.manage(
        "shell",
        "-c",
        "from bureaus.models.directive import CreationTaskPage\n"
        "task = CreationTaskPage.objects.live().order_by('number').first()\n"
        f"task.title = '{title}'\n"
        "task.save_revision().publish()\n",
    )
    assert published.returncode == 0, published.stderr
    status, headers, body = production_stack.get(path)
    assert status == 200 and headers["X-Page-Cache"] == "miss"
    assert title in body.decode()
    assert production_stack.get(path)[1]["X-Page-Cache"] == "hit"

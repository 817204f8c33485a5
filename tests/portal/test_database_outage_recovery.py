"""A real break of the database connection: the request answers the busy 503, and the next one
works again without a restart of the app.

The requests are served from a worker thread with its own connection, kept between requests as
a server worker keeps it: outside the test's transaction, so it can be broken and replaced (on
PostgreSQL it reads the committed demo site; on SQLite it opens a file copy of the in-memory test
database). Breaks: on PostgreSQL the worker's backend is terminated with pg_terminate_backend from
the test's own connection (what a server restart does to every connection), or the worker is
pointed at a port where nothing listens; on SQLite the raw connection is closed under Django, or
the worker is pointed at a path that cannot be opened."""

import logging
import re
import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import close_old_connections, connection, connections
from django.http import HttpResponse
from django.test import Client, RequestFactory

from content.nominations import codes, receipt
from portal.database_busy import outage_log

pytestmark = pytest.mark.django_db

BUSY = "网站繁忙，请稍后再试"
RECEIPT_URL = "/tuijian/huizhi/"
CODE = "ABCDEFGHJKMN"
UNREADABLE = "/nonexistent-portal-directory/portal.sqlite3"


@pytest.fixture(autouse=True)
def fresh_outage_log():
    outage_log.reset()  # each test starts with the next 503 logged


class Worker:
    """One thread serving requests one after another, like a server's worker process."""

    def __init__(self, sqlite_copy):
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.client = Client(HTTP_HOST="localhost", raise_request_exception=False)
        self.settings = dict(connection.settings_dict)
        if sqlite_copy is not None:
            self.settings["NAME"] = str(sqlite_copy)
        self.run(self._use_own_settings)

    def _use_own_settings(self):
        connections["default"].settings_dict = self.settings

    def run(self, function, *args):
        return self.pool.submit(function, *args).result()

    def get(self, path):
        return self.run(self.client.get, path)

    def connection(self):
        return self.run(lambda: connections["default"])

    def close(self):
        self.run(connections.close_all)
        self.pool.shutdown()


@pytest.fixture(scope="session")
def sqlite_copy(django_db_setup, django_db_blocker, tmp_path_factory):
    """A file copy of the in-memory SQLite test database (closing an in-memory database would
    destroy it), taken before any test's transaction holds the shared cache's lock."""
    with django_db_blocker.unblock():
        if connection.vendor != "sqlite":
            return None
        path = tmp_path_factory.mktemp("outage") / "portal.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return path


@pytest.fixture
def worker(sqlite_copy):
    serving = Worker(sqlite_copy)
    yield serving
    serving.close()


def backend_pid(worker):
    return worker.run(lambda: connections["default"].connection.info.backend_pid)


def terminate(pid):
    with connection.cursor() as cursor:  # waits until the backend is gone: no sleep needed
        cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
        assert cursor.fetchone()[0] is True


def break_connection(worker):
    """What a database restart does to a kept connection."""
    if connection.vendor == "postgresql":
        terminate(backend_pid(worker))
    else:
        worker.run(lambda: connections["default"].connection.close())


def assert_busy(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.DATABASE_BUSY_RETRY_AFTER)
    html = response.content.decode()
    assert BUSY in html and "Traceback" not in html
    return html


def test_a_broken_kept_connection_answers_busy_then_the_next_request_reconnects(worker, caplog):
    assert worker.get("/").status_code == 200
    before = worker.connection().connection
    break_connection(worker)

    with caplog.at_level(logging.INFO):
        assert_busy(worker.get("/"))
    assert [r.levelname for r in caplog.records if r.name == "portal.database_busy"] == ["WARNING"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]

    recovered = worker.get("/")
    assert recovered.status_code == 200 and BUSY not in recovered.content.decode()
    assert worker.connection().connection is not before  # a new connection, opened by itself


def test_an_unreachable_database_answers_busy_until_it_is_back(worker):
    assert worker.get("/haoren/").status_code == 200
    reachable = dict(worker.settings)
    if connection.vendor == "postgresql":
        unreachable = {**reachable, "HOST": "127.0.0.1", "PORT": "1"}  # refused, as by a stopped server
    else:
        unreachable = {**reachable, "NAME": UNREADABLE}

    def point_at(settings_dict):
        connections["default"].close()
        connections["default"].settings_dict = settings_dict

    worker.run(point_at, unreachable)
    assert_busy(worker.get("/haoren/"))
    assert_busy(worker.get("/haoren/"))  # still down: still busy, not a 500
    worker.run(point_at, reachable)
    assert worker.get("/haoren/").status_code == 200


def test_the_receipt_code_outlives_a_broken_connection(worker):
    carrier = HttpResponse()  # the cookie the nomination form's redirect gives
    receipt.remember(carrier, RequestFactory().post("/tuijian/"), RECEIPT_URL, CODE, linked=False)
    worker.client.cookies[receipt.RECEIPT_COOKIE] = carrier.cookies[receipt.RECEIPT_COOKIE].value
    assert worker.get("/").status_code == 200
    break_connection(worker)

    down = worker.get(RECEIPT_URL)
    assert codes.display(CODE) in assert_busy(down)
    assert receipt.RECEIPT_COOKIE not in down.cookies

    shown = worker.get(RECEIPT_URL)
    assert shown.status_code == 200
    assert re.findall(r'id="tracking-code">([A-Z0-9-]+)<', shown.content.decode()) == [codes.display(CODE)]
    assert shown.cookies[receipt.RECEIPT_COOKIE]["max-age"] == 0


def test_with_health_checks_a_restart_while_idle_costs_no_visitor_a_503(worker):
    """A kept connection (DATABASE_CONN_MAX_AGE > 0) is checked as the next request starts."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite reports every connection usable; its outages are answered as above")
    worker.settings["CONN_MAX_AGE"] = 600
    worker.run(worker._use_own_settings)
    assert worker.get("/").status_code == 200
    terminate(backend_pid(worker))

    # What Django's request_started does in a server (the test client leaves it out).
    worker.run(close_old_connections)
    assert worker.get("/").status_code == 200

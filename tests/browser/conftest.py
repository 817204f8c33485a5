"""Fixtures for the browser tests: a demo site served by runserver, and Debian's chromium.

The browser tests always run against a SQLite file of their own, var/browser-tests.sqlite3,
deleted and rebuilt (migrate + load_demo) once per test session, whatever DATABASE_URL the unit
tests use: the server runs in a subprocess with DATABASE_URL pointing at that file, so the
browser tests neither depend on nor disturb any other database.

Without /usr/bin/chromium, node_modules/axe-core/axe.min.js or the playwright package the tests
are skipped, unless REQUIRE_BROWSER=1 is set (as CI does), in which case they fail.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.support import (
    AXE_JS,
    BASE_DIR,
    BUILD_SETTINGS,
    CHROMIUM,
    CHROMIUM_ARGS,
    COMMAND_TIMEOUT,
    DATABASE_FILE,
    DESKTOP,
    PHONE,
    SERVER_LOG,
    SERVER_SETTINGS,
    VAR_DIR,
    environment,
    served,
)
from tests.helpers import unavailable

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - reported by the browser_prerequisites fixture
    expect = sync_playwright = None
else:
    # Playwright's assertions wait 5 s by default; a save that publishes a page (search index,
    # reference index, mails) takes longer on a busy 2-core machine. A passing check returns as
    # soon as it holds, so the longer wait costs nothing then.
    expect.set_options(timeout=20_000)


@pytest.fixture(scope="session")
def browser_prerequisites():
    """Skip (or, with REQUIRE_BROWSER=1, fail) when the browser tests cannot run here."""
    if sync_playwright is None:
        unavailable("the Python package playwright is not installed (make install)")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        unavailable(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
    if not AXE_JS.is_file():
        unavailable(f"{AXE_JS.relative_to(BASE_DIR)} is missing: run `npm ci` to install axe-core")


def _manage(*args):
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(
        command,
        cwd=BASE_DIR,
        env=environment(BUILD_SETTINGS),
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"`{' '.join(command[1:])}` exited with {result.returncode}:\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def portal_server(browser_prerequisites):
    """Build the demo site in its own SQLite file, serve it with runserver and yield the base URL."""
    VAR_DIR.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{DATABASE_FILE}{suffix}").unlink(missing_ok=True)
    _manage("migrate", "--noinput")
    _manage("load_demo")

    with served(SERVER_SETTINGS, SERVER_LOG) as base_url:
        yield base_url


# Package scope, not session: while Playwright's sync API is running it leaves an asyncio loop
# running in this thread, and Django then refuses ORM calls (SynchronousOnlyOperation) in any
# test that comes after. Ending Playwright when the browser tests are done keeps the rest of the
# suite unaffected.
@pytest.fixture(scope="package")
def chromium(browser_prerequisites):
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def new_context(chromium, portal_server):
    """Open a fresh browser context (no cookies) on the demo site; closed after the test.

    Defaults: Chinese locale, a desktop viewport, relative URLs resolved against the server."""
    contexts = []
    # Chromium reports each Content-Security-Policy violation on the page's console; a journey
    # that triggers one fails (core/security_headers.py).
    violations = []

    def watch(page):
        page.on(
            "console",
            lambda message: (
                violations.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
            ),
        )

    def open_context(**options):
        settings = {"locale": "zh-CN", "viewport": DESKTOP, "base_url": portal_server, **options}
        context = chromium.new_context(**settings)
        context.set_default_timeout(10_000)
        context.set_default_navigation_timeout(20_000)
        context.on("page", watch)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def page(new_context):
    """A page in a fresh context with a desktop viewport."""
    return new_context().new_page()


@pytest.fixture
def phone_page(new_context):
    """A page in a fresh context with a phone-sized viewport (390 x 844) and touch."""
    return new_context(viewport=PHONE, has_touch=True, is_mobile=True).new_page()

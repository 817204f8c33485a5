"""The browser tests' server settings with the second factor on, as in production: a second
runserver on the same database for tests/browser/test_second_factor.py."""

from tests.browser.server_settings import *  # noqa: F403

ADMIN_REQUIRE_SECOND_FACTOR = True

"""Settings for the runserver that the browser tests drive.

The development settings (portal.settings.dev), with one difference: DEBUG is off, so that a
missing page is answered with the site's own 404 template, as visitors see it in production,
instead of Django's technical "Page not found" page (which is in English and would make the 404
checks meaningless). With DEBUG off, runserver serves static/ only when started with
--insecure, which the fixture does, so no collectstatic is needed.

The database is whatever DATABASE_URL says; tests/browser/conftest.py always points it at a
SQLite file of its own.
"""

from portal.settings.dev import *  # noqa: F403

DEBUG = False
# Uploaded images as the development server serves them (portal/urls.py): the pages are seen, and
# photographed for the screenshot references, with their images.
SERVE_MEDIA = True
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "127.0.0.1"]  # noqa: F405
# The journeys sign reviewers in with a password only; tests/browser/test_second_factor.py serves
# the same database a second time with the second factor on (second_factor_server_settings.py).
ADMIN_REQUIRE_SECOND_FACTOR = False

import os

from portal.settings.base import *

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-8a1f4c2e9b7d3f6a0c5e1b8d4a7f2c9e6b3d0a5f8c1e4b7"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# CI runs the SQLite and PostgreSQL passes side by side in one checkout (.ci/run): each pass
# names itself so that neither counts or removes the other's uploaded files.
_TEST_RUN = os.environ.get("PORTAL_TEST_RUN", "")
MEDIA_ROOT = VAR_DIR / f"test-media{_TEST_RUN}"
PRIVATE_MEDIA_ROOT = VAR_DIR / f"test-private-media{_TEST_RUN}"
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
# Wagtail's background tasks run inline in tests; tests/core/test_background_tasks.py exercises the django-q2 backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# No second factor by default, so tests sign people in with force_login; the tests of the second
# factor turn it on (tests/bureaus/test_second_factor.py, tests/browser/test_second_factor.py).
ADMIN_REQUIRE_SECOND_FACTOR = False
# Off for the suite, so that a test sees its own changes; tests/portal/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}}
# Off for the suite: a test's rows are rolled back without a signal, and a snapshot of them would
# outlive the test. tests/portal/test_site_structure.py turns it on.
SITE_STRUCTURE_CACHE = False
# The nightly reachability check renders the newest page of each column only (not hundreds).
SITE_HEALTH_PAGES_PER_COLUMN = 1
SITE_HEALTH_LINK_PAUSE = 0

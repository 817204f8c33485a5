"""Helpers shared by the tests: looking up demo bureaus, reading the dashboard, cache settings
that break Redis on purpose."""

import os
import re
import subprocess
import sys

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.exposure.models import BehaviourNoticePage, BehaviourType

ADMIN = "/admin/"


def bureau(slug):
    from bureaus.models.bureaus import BureauPage

    return BureauPage.objects.get(slug=slug)


# A Redis that is not there (port 1), configured to raise instead of swallowing errors.
BROKEN_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": False, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
}


# The production setting: a dead Redis whose errors are swallowed (calls answer None).
SILENT_BROKEN_REDIS = {
    "default": {**BROKEN_REDIS["default"], "OPTIONS": {**BROKEN_REDIS["default"]["OPTIONS"], "IGNORE_EXCEPTIONS": True}}
}


def section(html, panel_id):
    """The HTML of one dashboard panel ('' when it is not shown)."""
    match = re.search(rf'<section[^>]*id="{panel_id}-section".*?</section>', html, re.S)
    return match.group(0) if match else ""


def dashboard(client, user):
    client.force_login(user)
    response = client.get(ADMIN)
    assert response.status_code == 200
    return response.content.decode()


def draft_notice(slug, author, title, **fields):
    page = BehaviourNoticePage(
        title=title,
        behaviour_type=BehaviourType.objects.first(),
        place="南屏街",
        description="早高峰时段人行道上摆摊设点。",
        owner=author,
        live=False,
        **fields,
    )
    bureau(slug).add_child(instance=page)
    page.save_revision(user=author)
    return page


def count_queries(client, path, status=200):
    """Queries of one GET of `path`, after a first GET warms the per-process caches (content types,
    site root paths) as on a running server. The page must answer `status`."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == status, path
    return len(queries)


SECRET = "k8#Jv2$Lq9!zT4@wR7^mN1&bX5*cY3(dF6)gH0_pS8+eU2=aQ7"


def run_production(args, **env):
    full_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    full_env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )

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


def unavailable(reason):
    """Skips a test whose tool is missing here, or fails it where CI requires the tool
    (REQUIRE_BROWSER=1: the browser, the HTML checker)."""
    import pytest

    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


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
SILENT_BROKEN_REDIS["pages"] = {**SILENT_BROKEN_REDIS["default"], "KEY_PREFIX": "pages"}
# As in production, the page cache's store (the footer's identity, the page cache) is on the same
# dead Redis and swallows its errors, whatever the default cache does.
BROKEN_REDIS["pages"] = SILENT_BROKEN_REDIS["pages"]


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


# --- what a client can observe of an answer (the honeypot tests) ---------------------------------

CSRF_TOKEN = re.compile(r'(?<=name="csrfmiddlewaretoken" value=")[^"]+')
#: Headers whose value is the time of the answer: only their presence is compared.
CLOCK_HEADERS = {"date", "expires", "last-modified"}
COOKIE_ATTRIBUTES = ("path", "max-age", "domain", "secure", "httponly", "samesite")


def observable(response, *masks):
    """Everything a client (or a bot) can see of `response`: the status, every header, each
    cookie set with its attributes, the templates rendered and the body, with what must differ
    between two answers masked: each regex in `masks` (a code, a reference number), the CSRF
    token, the clock in date headers and cookie values. Content-Length is left out: the masked
    bodies are compared instead."""

    def mask(text):
        for pattern in (*masks, CSRF_TOKEN):
            text = pattern.sub("…", text)
        return text

    headers = {
        name.lower(): "…" if name.lower() in CLOCK_HEADERS else mask(value)
        for name, value in response.headers.items()
        if name.lower() != "content-length"
    }
    cookies = {
        name: {attribute: str(morsel[attribute]) for attribute in COOKIE_ATTRIBUTES}
        for name, morsel in response.cookies.items()
    }
    return {
        "status": response.status_code,
        "headers": headers,
        "cookies": cookies,
        "templates": [template.name for template in response.templates],
        "body": mask(response.content.decode()),
    }


_URL_ATTRIBUTE = re.compile(r'\b(?:href|src|srcset|action|formaction|poster|data|content)\s*=\s*"([^"]*)"', re.I)
_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.I | re.S)
_FIELD_NAME = re.compile(r'<(?:input|select|textarea|button)\b[^>]*\bname="([^"]*)"', re.I)


def urls_in(html):
    """Every address in a page: attributes that hold a URL, and for each form sent with GET the
    names of its fields (their values become the query string)."""
    urls = _URL_ATTRIBUTE.findall(html)
    for attributes, body in _FORM.findall(html):
        method = re.search(r'\bmethod="([^"]*)"', attributes, re.I)
        if method is None or method.group(1).lower() == "get":
            urls.extend(f"?{name}=" for name in _FIELD_NAME.findall(body))
    return urls

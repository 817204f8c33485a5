"""Every response says what the browser may load: a strict enforced CSP on public pages (which
therefore carry no inline script, style or event handler), a CSP on the admin, a
Permissions-Policy and Cross-Origin-Resource-Policy."""

import re

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/",
    "/gongyi/",
    "/haoren/",
    "/liyi/",
    "/baoguang/",
    "/tuijian/",
    "/renwu/",
    "/danwei/",
    "/search/?q=文明",
]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.mark.parametrize("path", [*PUBLIC_PATHS, "/no-such-page/"])
def test_public_responses_carry_the_strict_policy(client, path):
    response = client.get(path)
    policy = directives(response)
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_the_admin_carries_the_strictest_policy_wagtail_runs_under(client, make_user):
    client.force_login(make_user("csp-admin", is_superuser=True))
    policy = directives(client.get("/admin/"))
    # Wagtail's page editor runs inline scripts: no other script source is allowed.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"] and policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I), "inline script"),
    (re.compile(r"\sstyle=\"", re.I), "style attribute"),
    (re.compile(r"<style[\s>]", re.I), "style element"),
    (re.compile(r"\son[a-z]+=\"", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_public_pages_of_every_type_need_nothing_the_policy_forbids(client):
    paths = set(PUBLIC_PATHS)
    for page in Page.objects.live().public().filter(depth__gt=2).specific():
        paths.add(page.url)  # one of each page type and section is enough, but all are cheap
    found = []
    for path in sorted(paths):
        html = client.get(path).content.decode()
        found += [f"{path}: {what}" for pattern, what in INLINE if pattern.search(html)]
    assert found == []

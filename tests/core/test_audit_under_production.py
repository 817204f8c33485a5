"""The nightly audit renders pages as the public gets them, also under production settings,
where every plain-HTTP request is redirected to HTTPS."""

import runpy

import pytest
from django.conf import settings
from django.test import Client, override_settings

from core.safety.page_audit import audit_live_pages

pytestmark = pytest.mark.django_db

#: Production values that need what a test run does not have (collected static files, SMTP, a
#: production database); everything else is applied as production sets it.
NOT_APPLIED = {"STORAGES", "DATABASES", "EMAIL_BACKEND", "EMAIL_HOST", "DEFAULT_FROM_EMAIL"}


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "k8#Jv2$Lq9!zT4@wR7^mN1&bX5*cY3(dF6)gH0_pS8+eU2=aQ7")
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "localhost")
    values = runpy.run_module("portal.settings.production")
    changed = {
        name: value
        for name, value in values.items()
        if name.isupper() and name not in NOT_APPLIED and getattr(settings, name, object()) != value
    }
    assert changed["SECURE_SSL_REDIRECT"] is True  # the documented default
    with override_settings(**changed):
        yield


def test_production_redirects_plain_http(production):
    response = Client(HTTP_HOST="localhost").get("/renwu/")
    assert response.status_code == 301 and response["Location"] == "https://localhost/renwu/"


def test_the_audit_renders_every_live_page_over_https_under_production_settings(production):
    results, audited = audit_live_pages()
    assert audited > 100
    assert results == []  # no page answered with a redirect (or anything else)

"""Every cookie the site sets says how far it may travel: SameSite always, Secure over HTTPS (and
always in production), HttpOnly unless the page's own script must read it."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from content.exemplars.models import ExemplarPage
from tests.factories.nominations import form_data
from tests.helpers import SECRET, run_production

pytestmark = pytest.mark.django_db


def visitor(secure=False):
    return Client(HTTP_HOST="localhost", **({"wsgi.url_scheme": "https"} if secure else {}))


def set_cookies(secure=False):
    """Each cookie the public can get, from the request that sets it."""
    cookies = {}
    client = visitor(secure)
    response = client.post("/yuyan/", {"language": "en", "next": "/"}, secure=secure)
    cookies.update(response.cookies)
    response = client.post("/xianshi/", {"elder": "1", "font": "large", "next": "/"}, secure=secure)
    cookies.update(response.cookies)
    exemplar = ExemplarPage.objects.live().first()
    response = client.post(reverse("exemplar_like", args=[exemplar.pk]), HTTP_ACCEPT="application/json", secure=secure)
    cookies.update(response.cookies)
    response = client.get("/tuijian/", secure=secure)  # a form: the CSRF cookie
    cookies.update(response.cookies)
    response = client.post("/tuijian/", form_data(), secure=secure)  # the receipt's one-time code
    cookies.update(response.cookies)
    return cookies


#: Cookies the page script reads or writes (static/js/portal.js): the display switches.
READ_BY_SCRIPT = {"elder_mode", "font_size"}


def test_every_public_cookie_is_samesite_and_httponly_unless_a_script_needs_it(empty_cache):
    cookies = set_cookies()
    expected = {"django_language", "elder_mode", "font_size", "haoren_visitor", "csrftoken", "tuijian_receipt"}
    assert expected <= set(cookies)
    for name, morsel in cookies.items():
        assert morsel["samesite"] == "Lax", name
        if name not in READ_BY_SCRIPT and name != "csrftoken":  # Django's CSRF cookie is read by forms only
            assert morsel["httponly"], name


def test_over_https_every_public_cookie_is_secure(empty_cache):
    with override_settings(LANGUAGE_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True):
        cookies = set_cookies(secure=True)
    for name, morsel in cookies.items():
        assert morsel["secure"], name


def test_production_marks_every_cookie_secure():
    names = ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE")
    code = "from django.conf import settings; print(" + ", ".join(f"settings.{name}" for name in names) + ")"
    result = run_production(["shell", "-c", code], DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS="wenming.km.gov.cn")
    assert result.stdout.strip().splitlines()[-1].split() == ["True", "True", "True"], result.stderr

"""The site header comes from the fragment memo (portal_tags.site_header): what it shares between
visitors is only what every visitor sees alike. Each visitor still gets their own CSRF field in the
language form, the address of the page they are on in the display switches, their own display
preferences and the section they are in, on the very request after another visitor's."""

import re

import pytest
from django.test import Client, override_settings

from core import fragment_memo
from portal.page_cache.csrf import EMPTY_FIELD
from portal.preferences import ELDER_COOKIE, FONT_COOKIE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_memo")]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})" data-csrf-field')


def header_of(response):
    assert response.status_code in (200, 404)
    html = response.content.decode()
    return html[html.index("<header") : html.index("</header>")]


def next_fields(header):
    return re.findall(r'<input type="hidden" name="next" value="([^"]*)">', header)


def test_each_visitor_gets_their_own_csrf_field_and_it_is_accepted():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_token = TOKEN.search(header_of(first.get("/haoren/"))).group(1)
    hits = fragment_memo.stats()["hits"]
    second_token = TOKEN.search(header_of(second.get("/haoren/"))).group(1)
    assert fragment_memo.stats()["hits"] > hits, "the second visitor's header comes from the memo"
    assert first_token != second_token
    assert EMPTY_FIELD not in header_of(second.get("/haoren/"))

    # Each token switches the language for its own visitor (the form posts with the cookie's pair).
    response = second.post("/yuyan/", {"language": "en", "next": "/haoren/", "csrfmiddlewaretoken": second_token})
    assert response.status_code == 302
    assert 'aria-current="page">Good people</a>' in header_of(second.get("/haoren/"))
    chinese = header_of(first.get("/haoren/"))
    assert 'lang="en">English</button>' in chinese, "the other visitor still reads Chinese"
    assert "Good people" not in chinese


@override_settings(PAGE_CACHE_SECONDS=600)
def test_a_page_the_cache_may_share_carries_the_empty_field():
    client = Client()
    header = header_of(client.get("/haoren/"))
    assert EMPTY_FIELD in header
    assert not TOKEN.search(header)


def test_the_switches_return_to_the_page_the_visitor_is_on_escaped():
    client = Client()
    assert next_fields(header_of(client.get("/haoren/"))) == ["/haoren/"] * 3
    # A memo hit for another address of the same section: its own address, the query escaped.
    hostile = '/haoren/?nian=2025&q="><script>alert(1)</script>'
    fields = next_fields(header_of(client.get(hostile)))
    assert fields == ["/haoren/?nian=2025&amp;q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"] * 3
    assert "<script>alert" not in header_of(client.get(hostile))
    assert next_fields(header_of(client.get("/gongyi/?page=2"))) == ["/gongyi/?page=2"] * 3


def test_the_current_section_and_the_preferences_follow_each_request():
    client = Client()
    haoren = header_of(client.get("/haoren/"))
    assert re.search(r'<a href="/haoren/" aria-current="page">', haoren)
    gongyi = header_of(client.get("/gongyi/"))
    assert re.search(r'<a href="/gongyi/" aria-current="page">', gongyi)
    assert 'href="/haoren/" aria-current' not in gongyi
    assert 'aria-pressed="false" data-elder-toggle' in gongyi

    elder = Client()
    elder.cookies[ELDER_COOKIE] = "1"
    elder.cookies[FONT_COOKIE] = "large"
    header = header_of(elder.get("/gongyi/"))
    assert 'value="0" aria-pressed="true" data-elder-toggle' in header
    assert 'aria-pressed="true" data-font-size="large"' in header
    assert 'aria-pressed="false" data-font-size="medium"' in header
    # And the visitor without the preferences, after them, is back to the defaults.
    header = header_of(client.get("/gongyi/"))
    assert 'aria-pressed="false" data-elder-toggle' in header
    assert 'aria-pressed="true" data-font-size="medium"' in header


def test_the_header_search_shows_except_where_the_page_has_its_own():
    client = Client()
    assert 'id="site-search-q"' in header_of(client.get("/haoren/"))
    for path in ("/", "/search/?q=交通", "/meiyou-zhe-ye/"):
        assert 'id="site-search-q"' not in header_of(client.get(path)), path
    assert 'id="site-search-q"' in header_of(client.get("/liyi/"))

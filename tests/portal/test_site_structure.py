"""Each process's snapshot of the site structure (portal/site_structure.py): the site, the home
page and the routing rows come from memory until content changes, and every change a visitor
could see (a publish, an unpublish, a move, a site, a redirect, a view restriction) is seen on the
very next request."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site

from content.exemplars.models import ExemplarPage
from core.public_pages import public
from portal import site_structure
from tests.helpers import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_structure_cache")]


@pytest.fixture
def exemplar():
    return ExemplarPage.objects.live().order_by("path").first()


def visitor():
    return Client(HTTP_HOST="localhost")


def queries_of(path, status=200):
    client = visitor()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == status, path
    return [query["sql"] for query in queries]


@pytest.mark.parametrize("path", ["/danwei/gongan/", "/renwu/", "/haoren/", "/", "/gongyi/gongan/lixing-banmaxian/"])
def test_a_second_view_asks_nothing_about_the_site_or_the_route(path, settings):
    with_snapshot = count_queries(visitor(), path)
    settings.SITE_STRUCTURE_CACHE = False
    without = count_queries(visitor(), path)
    # The site, the home page as its own class and the routing query.
    assert without - with_snapshot == 3
    settings.SITE_STRUCTURE_CACHE = True
    sql = " ".join(queries_of(path))
    assert "wagtailcore_site" not in sql


def test_a_made_up_address_asks_nothing_and_its_page_still_lists_the_sections():
    visitor().get("/renwu/")
    assert queries_of("/meiyou-zhe-ye/", status=404) == []
    html = visitor().get("/meiyou-zhe-ye/").content.decode()
    assert 'href="/renwu/"' in html and 'href="/haoren/"' in html


def test_a_made_up_address_below_a_section_asks_the_route_but_never_the_redirects():
    visitor().get("/renwu/")
    sql = queries_of("/danwei/meiyou-zhe-ge-danwei/", status=404)
    assert len(sql) == 1
    assert "wagtailredirects" not in " ".join(sql)


@pytest.mark.parametrize("path", ["/gongyi/gongan/meiyou-zhe-ye/", "/gongyi/meiyou-danwei/lixing-banmaxian/"])
def test_a_made_up_section_address_asks_the_route_once_and_never_the_redirects(path):
    # Section addresses (docs/section-urls.md) are found by the same one routing query.
    visitor().get("/renwu/")
    sql = queries_of(path, status=404)
    assert len(sql) == 1
    assert "wagtailredirects" not in " ".join(sql)


def test_an_old_tree_address_answers_301_without_asking_the_database_again():
    visitor().get("/danwei/gongan/lixing-banmaxian/")
    assert queries_of("/gongyi/gongan/lixing-banmaxian/")
    response = visitor().get("/danwei/gongan/lixing-banmaxian/")
    assert response.status_code == 301 and response["Location"] == "/gongyi/gongan/lixing-banmaxian/"
    # The shell is remembered; only the page itself is loaded as its own class.
    assert len(queries_of("/danwei/gongan/lixing-banmaxian/", status=301)) == 1


def test_a_new_redirect_works_on_the_next_request():
    assert visitor().get("/jiu-dizhi/").status_code == 404
    Redirect.objects.create(old_path="/jiu-dizhi", redirect_link="/haoren/", is_permanent=True)
    response = visitor().get("/jiu-dizhi/")
    assert response.status_code == 301 and response["Location"] == "/haoren/"
    # With a query string too, as Wagtail's own middleware answers.
    assert visitor().get("/jiu-dizhi/?from=timeline").status_code == 301


def test_a_published_title_is_in_the_header_at_once():
    section = Page.objects.get(slug="haoren", depth=3).specific
    assert section.title in visitor().get("/renwu/").content.decode()
    section.title = "身边好人榜"
    section.save_revision().publish()
    html = visitor().get("/renwu/").content.decode()
    assert "身边好人榜" in html


def test_unpublished_and_moved_pages_follow_at_once(exemplar):
    url = exemplar.url
    assert visitor().get(url).status_code == 200
    exemplar.unpublish()
    assert visitor().get(url).status_code == 404
    exemplar.refresh_from_db()
    exemplar.save_revision().publish()
    assert visitor().get(url).status_code == 200

    bureau = exemplar.get_parent()
    other_bureau = bureau.get_siblings(inclusive=False).type(bureau.specific_class).first()
    exemplar.move(other_bureau, pos="last-child")
    exemplar.refresh_from_db()
    # Wagtail keeps the old address as a redirect to the new one.
    moved = visitor().get(url)
    assert moved.status_code == 301 and moved["Location"] == exemplar.url
    assert visitor().get(exemplar.url).status_code == 200


def test_a_new_view_restriction_holds_at_once(exemplar):
    assert visitor().get(exemplar.url).status_code == 200
    PageViewRestriction.objects.create(page=exemplar.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    response = visitor().get(exemplar.url)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.fixture
def forget_site_root_paths():
    # Wagtail keeps the sites' root paths in the default cache, which the test's rollback does not
    # reach: later tests must not build addresses on the moved host.
    yield
    Site.clear_site_root_paths_cache()


def test_a_site_moved_to_another_host_answers_there_at_once(forget_site_root_paths):
    assert visitor().get("/renwu/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.is_default_site = False
    site.hostname = "wenming.km.gov.cn"
    site.save()
    assert visitor().get("/renwu/").status_code == 404
    assert Client(HTTP_HOST="wenming.km.gov.cn").get("/renwu/").status_code == 200


def test_what_a_view_sets_on_a_page_does_not_reach_the_next_request(exemplar):
    first = visitor().get(exemplar.url)
    first.context["page"].title = "被改过的标题"
    for row in first.context["page"]._portal_ancestors:
        row.title = "被改过的标题"
    assert "被改过的标题" not in visitor().get(exemplar.url).content.decode()


def test_a_request_inside_a_transaction_asks_the_database(monkeypatch):
    monkeypatch.undo()
    assert connection.in_atomic_block
    assert site_structure.current_snapshot() is None


def test_made_up_addresses_do_not_grow_the_snapshot():
    for number in range(50):
        visitor().get(f"/meiyou-{number}/")
        visitor().get(f"/gongyi/gongan/meiyou-{number}/")
    snapshot = site_structure.current_snapshot()
    assert len(snapshot.shells) == 0
    for number in range(site_structure.MAX_HOSTS + 10):
        Client(HTTP_HOST=f"h{number}.example").get("/renwu/")
    assert len(snapshot.sites) <= site_structure.MAX_HOSTS


def test_lists_leave_out_a_newly_restricted_section_at_once(exemplar):
    html = visitor().get("/haoren/").content.decode()
    assert f">{exemplar.person_name}</a>" in html
    # The snapshot knows there is no private section: the list asks nothing about restrictions.
    assert not any("wagtailcore_pageviewrestriction" in sql for sql in queries_of("/haoren/"))

    PageViewRestriction.objects.create(page=exemplar.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert f">{exemplar.person_name}</a>" not in visitor().get("/haoren/").content.decode()


def test_the_snapshot_and_the_subquery_leave_out_the_same_pages(exemplar):
    PageViewRestriction.objects.create(page=exemplar.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    # Outside a page view nothing hands public() the snapshot: it asks the database.
    assert site_structure.restricted_paths() is None
    by_subquery = set(public(Page.objects.live()).values_list("pk", flat=True))
    site_structure._serving.snapshot = site_structure.current_snapshot()
    try:
        assert site_structure.restricted_paths() == (exemplar.get_parent().path,)
        by_paths = set(public(Page.objects.live()).values_list("pk", flat=True))
    finally:
        site_structure._serving.snapshot = None
    assert by_paths == by_subquery
    assert exemplar.pk not in by_paths and exemplar.get_parent().pk not in by_paths
    assert exemplar.get_parent().get_parent().pk in by_paths

"""The one-query routing (portal/routing.py) answers as Wagtail's own: view restrictions still
hold on every page below a restricted one, unknown paths are 404, routable pages keep their
sub-routes, and listings leave out private sections."""

import pytest
from django.db import connection
from wagtail.models import PageViewRestriction, Site

from bureaus.models.directive import CreationTaskPage
from content.exemplars.models import ExemplarPage
from portal.routing import shell_query

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["asked", "remembered"])
def site_structure(request):
    # Every rule holds whether the site structure is asked of the database or comes from the
    # process's snapshot (portal/site_structure.py).
    if request.param == "remembered":
        request.getfixturevalue("site_structure_cache")


def restrict_to_signed_in(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def test_a_page_below_a_login_restricted_bureau_sends_a_visitor_to_sign_in(client):
    exemplar = ExemplarPage.objects.live().order_by("path").first()
    assert client.get(exemplar.url).status_code == 200
    restrict_to_signed_in(exemplar.get_parent())
    response = client.get(exemplar.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_restricted_page_itself_sends_a_visitor_to_sign_in(client):
    exemplar = ExemplarPage.objects.live().order_by("path").first()
    restrict_to_signed_in(exemplar)
    assert client.get(exemplar.url).status_code == 302


def test_a_restricted_exemplar_leaves_the_board(client):
    exemplar = ExemplarPage.objects.live().order_by("path").first()
    assert exemplar.person_name in client.get("/haoren/").content.decode()
    restrict_to_signed_in(exemplar)
    assert exemplar.person_name not in client.get("/haoren/").content.decode()


def test_a_restricted_exemplar_leaves_the_home_pages_slot(client):
    newest = ExemplarPage.objects.live().order_by("-first_published_at").first()
    assert f'href="{newest.url}"' in client.get("/").content.decode()
    restrict_to_signed_in(newest.get_parent())
    assert f'href="{newest.url}"' not in client.get("/").content.decode()


@pytest.mark.parametrize("path", ["/no-such-page/", "/danwei/no-such-bureau/", "/danwei/gongan/no-such-page/x/"])
def test_unknown_paths_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_breadcrumbs_name_each_ancestor(client):
    task = CreationTaskPage.objects.live().order_by("path").first()
    html = client.get(task.url).content.decode()
    for ancestor in task.get_ancestors()[2:]:
        assert f'<li><a href="{ancestor.url}">{ancestor.title}</a></li>' in html


def test_a_content_pages_breadcrumb_names_its_section_not_its_bureau(client):
    # docs/section-urls.md; every content type in tests/portal/test_section_urls.py.
    exemplar = ExemplarPage.objects.live().order_by("path").first()
    html = client.get(exemplar.url).content.decode()
    assert '<li><a href="/haoren/">' in html
    assert f'<li><a href="{exemplar.get_parent().url}">' not in html


def test_an_unpublished_page_is_not_found(client):
    exemplar = ExemplarPage.objects.live().order_by("path").first()
    exemplar.unpublish()
    assert client.get(exemplar.url).status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's; SQLite's LIKE uses no index")
def test_every_page_views_routing_query_can_be_answered_from_indexes():
    """At 100,000 pages this query read the whole table on every page view (20-50 ms): nearly
    every page is under the home page, so the path prefix narrows nothing. With the planner told
    to avoid table scans, each branch must be answered by an index of its own (the slug, the
    depth-and-path index of portal migration 0007, the path), combined in one bitmap."""
    home = Site.objects.get(is_default_site=True).root_page
    query = shell_query(home, ["danwei", "gongan"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE wagtailcore_page")  # the planner's statistics, as a live site has them
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()
    assert "Seq Scan on wagtailcore_page" not in plan, plan
    assert "portal_page_depth_path" in plan, plan  # the home page's children
    assert "wagtailcore_page_slug" in plan, plan  # the pages the address names
    assert {row.url_path for row in query} >= {"/wenming/danwei/", "/wenming/danwei/gongan/"}

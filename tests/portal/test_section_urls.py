"""Content pages are read at their section's address (docs/section-urls.md): /gongyi/<bureau>/<slug>/
serves the ad that lives at /danwei/<bureau>/<slug>/, with the section's breadcrumb and header,
the bureau as 发布单位, and the old address answering 301."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction

from bureaus.models.bureaus import BureauPage
from bureaus.section_urls import reserved_bureau_slugs
from content.ads.models.plans import AdPlanPage
from content.ads.models.works import PublicServiceAdPage
from content.exemplars.models import ExemplarPage, MoralDayCampaignPage
from content.exposure.models import BehaviourNoticePage, UnitNoticePage
from content.handbooks.models import EtiquetteHandbookPage
from tests.factories.ads import make_work
from tests.factories.bureaus import BureauFactory
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

# Every content type and the section it is read in.
SECTIONS = {
    PublicServiceAdPage: "gongyi",
    AdPlanPage: "gongyi",
    ExemplarPage: "haoren",
    MoralDayCampaignPage: "haoren",
    EtiquetteHandbookPage: "liyi",
    BehaviourNoticePage: "baoguang",
    UnitNoticePage: "baoguang",
}
TYPES = list(SECTIONS)


def by_name(model):
    return model.__name__


def first_live(model):
    return model.objects.live().select_related("bureau").order_by("path").first()


def tree_address(page):
    return "/" + "/".join(page.url_path.strip("/").split("/")[1:]) + "/"


def breadcrumb(html):
    nav = re.search(r'<nav class="breadcrumbs[^"]*"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", nav, re.S)]


def active_header_links(html):
    return re.findall(r'<a href="([^"]+)" aria-current="page">', html)


@pytest.mark.parametrize("model", TYPES, ids=by_name)
def test_every_content_type_is_served_at_its_section_address(client, model, settings):
    page = first_live(model)
    section = SECTIONS[model]
    address = f"/{section}/{page.bureau.slug}/{page.slug}/"
    assert page.url == address
    assert page.get_url() == address
    response = client.get(address)
    assert response.status_code == 200
    html = response.content.decode()
    section_page = Page.objects.get(slug=section, depth=3)
    title = page.person_name if model is ExemplarPage else page.title
    assert breadcrumb(html) == ["首页", section_page.title, title]
    assert active_header_links(html) == [f"/{section}/"]
    assert f'<p class="meta publisher">发布单位：<a href="{page.bureau.url}">{page.bureau.title}</a></p>' in html
    assert f'<link rel="canonical" href="{settings.PORTAL_PUBLIC_URL}{address}">' in html


@pytest.mark.parametrize("model", TYPES, ids=by_name)
def test_the_old_tree_address_answers_301_to_the_section_address(client, model):
    page = first_live(model)
    response = client.get(tree_address(page) + "?from=timeline")
    assert response.status_code == 301
    assert response["Location"] == page.url + "?from=timeline"


@pytest.mark.parametrize("model", TYPES, ids=by_name)
def test_an_unpublished_page_is_not_found_at_either_address(client, model):
    page = first_live(model)
    old, new = tree_address(page), page.url
    page.unpublish()
    assert client.get(new).status_code == 404
    assert client.get(old).status_code == 404


@pytest.mark.parametrize("model", TYPES, ids=by_name)
def test_a_restricted_bureau_keeps_its_content_private_at_the_section_address(client, model, make_user):
    page = first_live(model)
    PageViewRestriction.objects.create(page=page.bureau, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    # The old address sends to the new one, which asks for the sign-in.
    assert client.get(tree_address(page))["Location"] == page.url
    client.force_login(make_user("reader"))
    assert client.get(page.url).status_code == 200


def test_a_password_restriction_on_a_page_asks_for_the_password_at_its_section_address(client):
    page = first_live(PublicServiceAdPage)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="mima")
    response = client.get(page.url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert client.get(tree_address(page))["Location"] == page.url


def test_two_bureaus_may_each_have_a_page_with_the_same_slug():
    gongan, minzheng = bureau("gongan"), bureau("minzheng")
    one = make_work(gongan, title="公安的口号")
    two = make_work(minzheng, title="民政的口号")
    for work in (one, two):
        work.slug = "kouhao"
        work.save_revision().publish()
    client = Client(HTTP_HOST="localhost")
    assert "公安的口号" in client.get("/gongyi/gongan/kouhao/").content.decode()
    assert "民政的口号" in client.get("/gongyi/minzheng/kouhao/").content.decode()
    assert PublicServiceAdPage.objects.get(pk=one.pk).url == "/gongyi/gongan/kouhao/"
    assert PublicServiceAdPage.objects.get(pk=two.pk).url == "/gongyi/minzheng/kouhao/"


@pytest.mark.parametrize(
    "path",
    [
        "/haoren/gongan/lixing-banmaxian/",  # an ad asked in another section
        "/gongyi/gongan/no-such-page/",
        "/gongyi/no-such-bureau/lixing-banmaxian/",
        "/gongyi/minzheng/lixing-banmaxian/",  # the slug exists, but under another bureau
        "/gongyi/gongan/lixing-banmaxian/extra/",
        "/gongyi/gongan/",
    ],
)
def test_section_addresses_that_name_no_page_are_not_found(client, path):
    assert PublicServiceAdPage.objects.filter(slug="lixing-banmaxian", bureau__slug="gongan").exists()
    assert client.get(path).status_code == 404


def test_the_sections_own_sub_routes_still_answer(client):
    assert client.get("/gongyi/").status_code == 200
    assert client.get("/tuijian/").status_code == 200
    assert client.get("/tuijian/status/").status_code == 200


def test_no_bureau_may_take_a_slug_a_section_sub_route_uses():
    assert {"dianwei", "dianzan"} <= reserved_bureau_slugs()
    page = BureauPage(title="点位", slug="dianwei")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug" in error.value.message_dict
    BureauPage(title="新单位", slug="xin-danwei").clean()


def test_a_bureau_page_lists_its_content_at_the_section_addresses(client):
    html = client.get("/danwei/wenmingban/").content.decode()
    # Each item: its kind's label, then the link (templates/portal/bureau_page.html).
    listed = re.findall(
        r'<li>(?:<span class="kind-label">[^<]*</span> )?<a href="([^"]+)">',
        html.split('id="bureau-content"')[1].split("</section>")[0],
    )
    assert listed
    assert not [href for href in listed if href.startswith("/danwei/")]
    expected = {page.specific.url for page in bureau("wenmingban").get_children().live()}
    assert set(listed) <= expected


def test_the_handbook_quiz_follows_the_section_and_old_quiz_addresses_redirect(client):
    handbook = first_live(EtiquetteHandbookPage)
    quiz = handbook.url + handbook.reverse_subpage("quiz")
    # The quiz route answers (a GET goes back to the quiz on the page, which posts to it).
    assert client.get(quiz)["Location"] == handbook.url + "#quiz"
    old_quiz = tree_address(handbook) + handbook.reverse_subpage("quiz")
    assert client.get(old_quiz)["Location"] == quiz


def test_a_changed_slug_redirects_both_old_addresses_to_the_new_one(client, django_capture_on_commit_callbacks):
    page = first_live(PublicServiceAdPage)
    old_section, old_tree = page.url, tree_address(page)
    page.slug = "xin-dizhi"
    # Wagtail announces a changed slug once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    assert page.url.endswith("/xin-dizhi/") and page.url.startswith("/gongyi/")
    for old in (old_section, old_tree):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == page.url


def test_a_page_moved_to_another_bureau_is_found_from_its_old_addresses(client):
    page = first_live(ExemplarPage)
    old_section, old_tree = page.url, tree_address(page)
    target = BureauFactory()
    page.move(target, pos="last-child")
    page = ExemplarPage.objects.get(pk=page.pk)
    assert page.url == f"/haoren/{target.slug}/{page.slug}/"
    assert client.get(page.url).status_code == 200
    for old in (old_section, old_tree):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == page.url
    assert Redirect.objects.filter(old_path=old_tree.rstrip("/"), redirect_page=page).exists()


def test_a_renamed_bureau_takes_its_pages_along(client, django_capture_on_commit_callbacks):
    gongan = bureau("gongan")
    page = PublicServiceAdPage.objects.live().filter(bureau=gongan).order_by("path").first()
    old_section, old_tree = page.url, tree_address(page)
    gongan.slug = "gonganju"
    with django_capture_on_commit_callbacks(execute=True):
        gongan.save_revision().publish()
    page = PublicServiceAdPage.objects.get(pk=page.pk)
    assert page.url == f"/gongyi/gonganju/{page.slug}/"
    assert client.get(page.url).status_code == 200
    assert client.get(old_section)["Location"] == page.url
    assert client.get(old_tree)["Location"] == page.url


def test_the_admin_preview_shows_the_section_breadcrumb_and_header(make_user):
    page = first_live(PublicServiceAdPage)
    page.title = "预览中的标题"
    editor = Client(HTTP_HOST="localhost")
    editor.force_login(make_user("admin-previewer", is_superuser=True))
    response = page.make_preview_request()
    html = response.content.decode()
    assert response.status_code == 200
    assert breadcrumb(html) == ["首页", "公益广告", "预览中的标题"]
    assert active_header_links(html) == ["/gongyi/"]


def test_the_admin_shows_the_section_address_as_view_live(make_user):
    page = first_live(ExemplarPage)
    editor = Client(HTTP_HOST="localhost")
    editor.force_login(make_user("admin-viewer", is_superuser=True))
    html = editor.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f'href="http://localhost{page.url}"' in html or f'href="{page.url}"' in html


def test_the_sitemap_lists_only_section_addresses(client):
    xml = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    paths = [re.sub(r"^https?://[^/]+", "", loc) for loc in locations]
    for model, section in SECTIONS.items():
        page = first_live(model)
        assert f"/{section}/{page.bureau.slug}/{page.slug}/" in paths
    # Under the bureau directory: only the directory and the bureaus themselves.
    assert not [path for path in paths if path.startswith("/danwei/") and path.count("/") > 3]


def test_feeds_the_api_and_share_links_give_the_section_address(client, settings):
    exemplar = first_live(ExemplarPage)
    feed = client.get("/dingyue/haoren/rss.xml").content.decode()
    assert f"{settings.PORTAL_PUBLIC_URL}{exemplar.url}" in feed
    assert "/danwei/" not in re.sub(r"<link>[^<]*/danwei/[^/<]+/</link>", "", feed)
    detail = client.get(f"/api/v1/pages/{exemplar.pk}/").json()
    assert detail["html_url"] == settings.PORTAL_PUBLIC_URL + exemplar.url


def test_a_publish_shows_at_once_at_the_section_address(settings, empty_cache):
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 300
    caches[settings.PAGE_CACHE_ALIAS].clear()
    page = first_live(PublicServiceAdPage)
    visitor = Client(HTTP_HOST="localhost")
    visitor.get(page.url)
    assert visitor.get(page.url)["X-Page-Cache"] == "hit"
    page.title = "刚刚发布的新标题"
    page.save_revision().publish()
    response = Client(HTTP_HOST="localhost").get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "刚刚发布的新标题" in response.content.decode()
    caches[settings.PAGE_CACHE_ALIAS].clear()


def test_the_plan_of_this_year_is_under_the_ads_section(client):
    plan = AdPlanPage.objects.live().get(year=datetime.date.today().year)
    assert plan.url == f"/gongyi/{plan.bureau.slug}/{plan.slug}/"
    assert f'href="{plan.url}"' in client.get("/gongyi/").content.decode()

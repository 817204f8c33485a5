"""/sitemap.xml lists every live public page and no other, valid by the sitemaps protocol, in a
fixed number of queries; robots.txt keeps crawlers out of what is not a page; /favicon.ico is
served; the HTML 网站地图 shows the sections (docs/sharing.md)."""

from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from content.exemplars.models import ExemplarPage
from interaction.models import Message
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

SCHEMA = lxml.etree.XMLSchema(lxml.etree.parse(str(Path(__file__).parent / "fixtures" / "sitemap.xsd")))
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    document = lxml.etree.fromstring(response.content)
    SCHEMA.assertValid(document)
    return document


def locations(document):
    return document.xpath("//s:url/s:loc/text()", namespaces=NS)


def expected_locations():
    """Live pages under the home page with no view restriction on them or above them, the
    citizens' forms and the published answered messages: worked out here one by one,
    independently of the sitemap's own queries."""
    home = Page.objects.get(depth=2)
    restricted_paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    # Each page as its own class: a content page's address is its section's (docs/section-urls.md).
    pages = Page.objects.descendant_of(home, inclusive=True).live().specific()
    addresses = {page.url for page in pages if not any(page.path.startswith(path) for path in restricted_paths)}
    addresses |= {"/liuyan/", "/liuyan/xie/", "/suishoupai/"}
    published = [m for m in Message.objects.all() if m.status == "answered" and m.published_at is not None]
    addresses |= {f"/liuyan/{message.pk}/" for message in published}
    return {settings.PORTAL_PUBLIC_URL + address for address in addresses}


def test_the_sitemap_is_valid_and_lists_every_live_public_page_with_its_date(client):
    document = sitemap(client)
    found = locations(document)
    assert len(found) == len(set(found))
    assert set(found) == expected_locations()
    assert len(found) > 100  # the demo's sections, bureaus, tasks and content
    # Every page and answered message has its date; the three citizens' forms have none.
    assert len(document.xpath("//s:url/s:lastmod", namespaces=NS)) == len(found) - 3
    exemplar = ExemplarPage.objects.live().order_by("path").first()
    entry = document.xpath(f'//s:url[s:loc="{settings.PORTAL_PUBLIC_URL}{exemplar.url}"]', namespaces=NS)[0]
    # The day in Beijing time, as every date on the site: a page published at 17:00 UTC was
    # published the next morning in Kunming.
    published_on = timezone.localtime(exemplar.last_published_at).date()
    assert entry.findtext("s:lastmod", namespaces=NS) == published_on.isoformat()


def test_drafts_and_private_pages_are_left_out(client):
    draft = ExemplarPage.objects.live().order_by("path").first()
    draft.unpublish()
    private = ExemplarPage.objects.live().order_by("path").first()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    # A restriction on a bureau hides everything it publishes.
    bureau_private = ExemplarPage.objects.live().exclude(path__startswith=private.get_parent().path).first()
    PageViewRestriction.objects.create(page=bureau_private.get_parent(), restriction_type=PageViewRestriction.LOGIN)

    found = set(locations(sitemap(client)))
    for page in (draft, private, bureau_private, bureau_private.get_parent()):
        assert settings.PORTAL_PUBLIC_URL + page.url not in found
    assert found == expected_locations()
    assert not any("/admin/" in loc or "/huizhi/" in loc or "/status/" in loc or "/chaxun/" in loc for loc in found)


def test_the_sitemap_costs_the_same_queries_with_many_more_pages(client):
    before = count_queries(client, "/sitemap.xml")
    template = ExemplarPage.objects.live().order_by("path").first()
    for n in range(25):
        template.copy(update_attrs={"slug": f"sitemap-copy-{n}", "title": f"副本{n}"}, keep_live=True)
    assert count_queries(client, "/sitemap.xml") == before <= 4
    assert len(locations(sitemap(client))) == len(expected_locations())


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_personal_addresses(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {settings.PORTAL_PUBLIC_URL}/sitemap.xml" in lines
    disallowed = {line.split(": ", 1)[1] for line in lines if line.startswith("Disallow: ")}
    assert {"/admin/", "/search/", "/sousuo/", "/tuijian/huizhi/", "/tuijian/status/"} <= disallowed
    assert {"/tuijian/gongshi/zhaopian/", "/haoren/dianzan/", "/fenxiang/"} <= disallowed
    # Citizens' receipts and look-ups by code: messages and 随手拍 reports.
    assert {"/liuyan/huizhi/", "/liuyan/chaxun/", "/suishoupai/huizhi/", "/suishoupai/status/"} <= disallowed
    # Nothing a citizen reads is kept out.
    for path in ["/", "/gongyi/", "/haoren/", "/baoguang/", "/danwei/", "/tuijian/", "/sitemap.xml"]:
        assert path not in disallowed
    assert not any(path in {"/", "/tuijian/", "/tuijian/gongshi/"} for path in disallowed)


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    assert "max-age" in response["Cache-Control"]


def test_the_html_site_map_shows_the_sections_and_is_linked_from_every_footer(client):
    for path in ["/", "/gongyi/", "/danwei/gongan/", "/search/?q=%E4%BA%A4%E9%80%9A", "/no-such-page/"]:
        response = client.get(path)
        footer = lxml.html.fromstring(response.content).xpath("//footer")[0]
        assert footer.xpath('.//a[@href="/wangzhanditu/"]'), path

    response = client.get("/wangzhanditu/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    html = lxml.html.fromstring(response.content)
    assert html.xpath("//h1/text()") == ["网站地图"]
    tree = html.xpath('//section[contains(@class, "site-map__tree")]')[0]
    links = {a.get("href"): a.text_content() for a in tree.xpath(".//a")}
    for path, title in [
        ("/gongyi/", "公益广告"),
        ("/haoren/", "好人榜"),
        ("/danwei/", "牵头单位"),
        ("/tuijian/", "我要推荐"),
    ]:
        assert links[path] == title
    # The bureaus under 牵头单位, the tasks under 创建任务.
    assert links["/danwei/gongan/"] == "市公安局"
    assert sum(1 for path in links if path.startswith("/renwu/")) > 50
    assert html.xpath('//section[@id="contact"]') and html.xpath('//section[@id="accessibility"]')
    assert html.xpath('//a[@href="/dingyue/haoren/rss.xml"]')
    assert html.xpath('//link[@rel="canonical"]/@href') == [settings.PORTAL_PUBLIC_URL + "/wangzhanditu/"]


def test_the_html_site_map_leaves_out_drafts_and_private_sections(client):
    bureau = Page.objects.get(url_path__endswith="/danwei/gongan/")
    PageViewRestriction.objects.create(page=bureau, restriction_type=PageViewRestriction.LOGIN)
    task_page = Page.objects.filter(url_path__contains="/renwu/").live().filter(depth=4).first()
    task_page.unpublish()
    html = client.get("/wangzhanditu/").content.decode()
    assert 'href="/danwei/gongan/"' not in html
    assert f'href="{task_page.url}"' not in html


def test_the_html_site_map_costs_the_same_queries_with_many_more_pages(client):
    before = count_queries(client, "/wangzhanditu/")
    template = ExemplarPage.objects.live().order_by("path").first()
    for n in range(10):
        template.copy(update_attrs={"slug": f"map-copy-{n}", "title": f"副本{n}"}, keep_live=True)
    assert count_queries(client, "/wangzhanditu/") == before <= 3

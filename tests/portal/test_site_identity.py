"""The government-site footer (网站标识与页脚): edited in the admin's settings with each format
checked next to its field in Chinese, shown on every page, and changed on the very next request
even with the page cache on (portal/identity.py)."""

import lxml.html
import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from content.exemplars.models import ExemplarPage
from portal.demo.builder import DEMO_IDENTITY
from portal.identity import SiteIdentity
from portal.page_cache import purge

pytestmark = pytest.mark.django_db

MENU_URL = "/admin/settings/portal/siteidentity/"
PAGES = [
    "/",
    "/gongyi/",
    "/haoren/",
    "/liyi/",
    "/baoguang/",
    "/renwu/",
    "/danwei/",
    "/danwei/gongan/",
    "/gongyi/gongan/lixing-banmaxian/",
    "/tuijian/",
    "/tuijian/status/",
    "/tuijian/gongshi/",
    "/wangzhanditu/",
    "/search/?q=%E4%BA%A4%E9%80%9A",
    "/no-such-page/",
]


@pytest.fixture(autouse=True)
def fresh_identity(settings):
    # The footer's values are kept in the page cache's store, which outlives a test's transaction.
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.fixture
def url():
    """The edit form of the one identity (Wagtail's settings menu redirects there)."""
    return f"{MENU_URL}{SiteIdentity.objects.get().pk}/"


@pytest.fixture
def admin_client(make_user):
    client = Client(HTTP_HOST="localhost")
    client.force_login(make_user("identity-admin", is_superuser=True))
    return client


def footer_text(response):
    footer = lxml.html.fromstring(response.content).xpath("//footer")
    assert len(footer) == 1
    return " ".join(footer[0].text_content().split()), footer[0]


@pytest.mark.parametrize("path", PAGES)
def test_the_identity_is_in_the_footer_of_every_page(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    text, footer = footer_text(response)
    assert f"主办单位：{DEMO_IDENTITY['host_unit']}" in text
    assert f"承办单位：{DEMO_IDENTITY['organiser_unit']}" in text
    assert f"网站标识码：{DEMO_IDENTITY['site_code']}" in text
    assert footer.xpath(f'.//a[@href="https://beian.miit.gov.cn/"][.="{DEMO_IDENTITY["icp_number"]}"]')
    police = footer.xpath(f'.//a[.="{DEMO_IDENTITY["police_number"]}"]/@href')
    assert police == ["https://beian.mps.gov.cn/#/query/webSearch?code=53010202000123"]
    assert DEMO_IDENTITY["contact_phone"] in text
    assert footer.xpath(f'.//a[@href="mailto:{DEMO_IDENTITY["contact_email"]}"]')
    links = {a.text_content(): a.get("href") for a in footer.xpath('.//ul[@class="footer-links"]//a')}
    assert links == {
        "网站地图": "/wangzhanditu/",
        "联系我们": "/wangzhanditu/#contact",
        "无障碍": "/wangzhanditu/#accessibility",
    }


def test_the_footer_costs_no_query_once_its_values_are_kept(client):
    client.get("/liyi/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/liyi/")
    assert queries.captured_queries
    assert not any("siteidentity" in query["sql"].lower() for query in queries.captured_queries)


def test_saving_the_settings_in_the_admin_shows_on_the_next_request_of_a_stored_page(settings, admin_client, url):
    settings.PAGE_CACHE_SECONDS = 300
    visitor = Client(HTTP_HOST="localhost")
    visitor.get("/haoren/")
    assert visitor.get("/haoren/")["X-Page-Cache"] == "hit"
    generation = purge.current_generation()

    form = admin_client.get(MENU_URL, follow=True)
    assert form.status_code == 200 and form.redirect_chain[-1][0] == url
    data = {
        **DEMO_IDENTITY,
        "host_unit": "昆明市文明办（测试修改）",
        "police_link": "",
        "accessibility_link": "/wuzhangai/",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302

    assert purge.current_generation() > generation  # the settings model is watched by the page cache
    response = visitor.get("/haoren/")
    assert response["X-Page-Cache"] == "miss"
    text, footer = footer_text(response)
    assert "主办单位：昆明市文明办（测试修改）" in text
    assert footer.xpath('.//a[.="无障碍"]/@href') == ["/wuzhangai/"]


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("site_code", "53010000", "网站标识码应为10位字母或数字"),
        ("site_code", "530100000１", "网站标识码应为10位字母或数字"),
        ("icp_number", "ICP备12345678号", "ICP备案号格式不正确"),
        ("icp_number", "滇ICP备12345678", "ICP备案号格式不正确"),
        ("police_number", "滇公网安备 5301020200012号", "公安机关备案号格式不正确"),
        ("police_number", "滇ICP备12345678号", "公安机关备案号格式不正确"),
        ("police_link", "http://beian.mps.gov.cn/", "备案链接应为 gov.cn 网站的 https:// 地址"),
        ("police_link", "https://beian.example.com/", "备案链接应为 gov.cn 网站的 https:// 地址"),
        ("contact_phone", "电话12345", "请填写带区号的电话号码"),
        ("contact_email", "not-an-address", "输入一个有效的 Email 地址"),
        ("accessibility_link", "javascript:alert(1)", "请填写以 / 开头的本站地址"),
    ],
)
def test_a_wrong_format_is_refused_next_to_its_field_in_chinese(admin_client, url, field, value, message):
    response = admin_client.post(url, {**DEMO_IDENTITY, field: value}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    html = lxml.html.fromstring(response.content)
    # Wagtail puts a field's errors inside the field's own wrapper, next to the input.
    wrapper = html.xpath(f'//*[@id="id_{field}"]/ancestor::*[contains(@class, "w-field__wrapper")][1]')
    assert wrapper, field
    assert message in " ".join(wrapper[0].xpath('.//*[contains(@class, "error-message")]//text()'))
    assert SiteIdentity.objects.get().host_unit == DEMO_IDENTITY["host_unit"]


def test_the_official_forms_are_accepted_and_tidied(admin_client, url):
    data = {
        **DEMO_IDENTITY,
        "icp_number": "滇ICP备2023001234号",
        "police_number": "滇公网安备53010202000123号",
        "police_link": "https://beian.mps.gov.cn/#/query/webSearch?code=53010202000123",
        "site_code": "bm01000001",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    identity = SiteIdentity.objects.get()
    assert identity.police_number == "滇公网安备 53010202000123号"
    assert identity.icp_number == "滇ICP备2023001234号"


def test_banned_content_is_refused_like_on_pages(admin_client, url):
    response = admin_client.post(url, {**DEMO_IDENTITY, "organiser_unit": "澳门新葡京娱乐场"})
    assert response.status_code == 200
    assert SiteIdentity.objects.get().organiser_unit == DEMO_IDENTITY["organiser_unit"]


def test_only_administrators_edit_the_identity(client, make_user, url):
    editor = ExemplarPage.objects.live().first().bureau.editors_group
    client.force_login(make_user("identity-editor", groups=[editor]))
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {**DEMO_IDENTITY, "host_unit": "不该改"}).status_code in (302, 403)
    assert SiteIdentity.objects.get().host_unit == DEMO_IDENTITY["host_unit"]


def test_a_site_without_identity_shows_the_default_line(client):
    SiteIdentity.objects.all().delete()
    text, footer = footer_text(client.get("/"))
    assert "主办：昆明市精神文明建设指导委员会办公室（市文明办）" in text
    assert not footer.xpath("//*[@data-site-identity]")
    assert footer.xpath('.//a[@href="/wangzhanditu/"]')

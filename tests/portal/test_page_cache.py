"""The page cache: anonymous visitors share stored pages; a change to what a page shows purges them;
nothing of one visitor's own (session, messages, CSRF token, likes) ever reaches another."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from bureaus.models.directive import CreationTaskPage
from bureaus.models.districts import District
from content.exemplars.models import ExemplarLikeTally, ExemplarPage
from portal.page_cache import purge
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

EXEMPLAR_SLUG = "zhou-hongmei"


@pytest.fixture(autouse=True)
def page_cache_on(settings, empty_cache):
    settings.PAGE_CACHE_SECONDS = 300
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.PAGE_CACHE_ALIAS].clear()


def visitor(**cookies):
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    for name, value in cookies.items():
        client.cookies[name] = value
    return client


def state(response):
    return response.get("X-Page-Cache")


@pytest.fixture
def exemplar():
    return ExemplarPage.objects.get(slug=EXEMPLAR_SLUG)


@pytest.mark.parametrize("path", ["/", "/gongyi/", "/haoren/", "/renwu/", "/danwei/gongan/", "/baoguang/", "/liyi/"])
def test_a_second_visitor_gets_the_stored_page_without_a_database_query(path):
    first = visitor().get(path)
    assert first.status_code == 200 and state(first) == "miss"
    assert "Set-Cookie" not in first and not first.cookies
    second_client = visitor()
    second = second_client.get(path)
    assert state(second) == "hit"
    assert second.content == first.content
    assert count_queries(second_client, path) == 0
    # The security headers are added to every answer, stored or not.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_publishing_a_change_shows_at_once_on_the_page_and_the_lists(exemplar):
    for path in [exemplar.url, "/haoren/", "/"]:
        visitor().get(path)
        assert state(visitor().get(path)) == "hit"
    exemplar.title = "周红梅（修订）"
    exemplar.person_name = "周红梅（修订）"
    exemplar.save_revision().publish()
    page = visitor().get(exemplar.url)
    assert state(page) == "miss"
    assert "周红梅（修订）" in page.content.decode()
    assert "周红梅（修订）" in visitor().get("/haoren/").content.decode()


def test_unpublishing_and_deleting_purge(exemplar):
    visitor().get("/haoren/")
    exemplar.unpublish()
    listing = visitor().get("/haoren/")
    assert state(listing) == "miss"
    assert exemplar.url not in listing.content.decode()
    assert visitor().get(exemplar.url).status_code == 404

    # A task without progress reports: a report keeps its task (on_delete=PROTECT).
    task = CreationTaskPage.objects.live().filter(progress_reports__isnull=True).first()
    visitor().get("/renwu/")
    task.delete()
    listing = visitor().get("/renwu/")
    assert state(listing) == "miss" and task.title not in listing.content.decode()


def test_moving_a_page_purges(exemplar):
    visitor().get(exemplar.url)
    generation = purge.current_generation()
    exemplar.move(exemplar.get_parent(), pos="first-child")
    assert purge.current_generation() > generation


def test_a_saved_draft_changes_nothing_public_and_keeps_the_cache(exemplar):
    visitor().get(exemplar.url)
    exemplar.person_name = "草稿里的名字"
    exemplar.save_revision()
    page = visitor().get(exemplar.url)
    assert state(page) == "hit"
    assert "草稿里的名字" not in page.content.decode()


def test_reference_data_shown_on_pages_purges_when_edited():
    district = District.objects.first()
    visitor().get("/haoren/")
    district.name = "测试新区"
    district.save()
    assert state(visitor().get("/haoren/")) == "miss"


def test_a_like_does_not_purge_and_its_answer_carries_the_fresh_tally(exemplar):
    visitor().get(exemplar.url)
    generation = purge.current_generation()
    client = Client(HTTP_HOST="localhost")
    answer = client.post(reverse("exemplar_like", args=[exemplar.pk]), HTTP_ACCEPT="application/json")
    assert answer.json()["ok"] is True
    assert answer.json()["count"] == ExemplarLikeTally.objects.get(exemplar=exemplar).total
    assert purge.current_generation() == generation
    assert state(visitor().get(exemplar.url)) == "hit"


@pytest.mark.parametrize(
    ("cookies", "marker"),
    [
        ({"elder_mode": "1"}, 'class="font-medium elder"'),
        ({"font_size": "large"}, 'class="font-large"'),
        ({"django_language": "en"}, '<html lang="en"'),
    ],
)
def test_each_display_preference_and_language_gets_its_own_stored_page(cookies, marker):
    plain = visitor().get("/renwu/")
    assert marker not in plain.content.decode()
    chosen = visitor(**cookies).get("/renwu/")
    assert state(chosen) == "miss" and marker in chosen.content.decode()
    again = visitor(**cookies).get("/renwu/")
    assert state(again) == "hit" and marker in again.content.decode()
    assert marker not in visitor().get("/renwu/").content.decode()


def test_forged_preference_values_share_the_default_page():
    visitor().get("/renwu/")
    forged = visitor(font_size="<script>", elder_mode="yes", django_language="xx").get("/renwu/")
    assert state(forged) == "hit"


def test_tracking_parameters_of_shared_links_share_the_page():
    visitor().get("/gongyi/")
    shared = visitor().get("/gongyi/?from=singlemessage&isappinstalled=0&utm_source=wechat")
    assert state(shared) == "hit"
    assert state(visitor().get("/gongyi/?page=2")) == "miss"


@pytest.mark.parametrize("cookie", ["sessionid", "messages", "visitor", "tuijian_receipt", "anything_else"])
def test_a_visitor_with_a_cookie_of_their_own_is_never_served_a_stored_page(cookie):
    visitor().get("/")
    response = visitor(**{cookie: "x"}).get("/")
    assert state(response) is None


def test_a_signed_in_editor_is_neither_served_nor_stored(make_user, exemplar):
    visitor().get(exemplar.url)
    editor = Client(HTTP_HOST="localhost")
    editor.force_login(make_user("cache-editor", is_superuser=True))
    assert state(editor.get(exemplar.url)) is None
    assert state(editor.get("/renwu/")) is None
    assert state(visitor().get("/renwu/")) == "miss"


def test_the_nomination_form_and_search_results_are_shared_too():
    # Pages a campaign sends crowds to: the form (its token comes from the visitor's cookie) and
    # the results of the searches everyone types.
    for path in ["/tuijian/", "/search/?q=%E4%BA%A4%E9%80%9A"]:
        first = visitor().get(path)
        assert state(first) == "miss" and "csrftoken" not in first.cookies
        assert state(visitor().get(path)) == "hit"


def test_admin_health_and_token_addresses_are_never_stored():
    for path in ["/healthz/", "/admin/login/", "/csrf/"]:
        visitor().get(path)
        assert state(visitor().get(path)) is None


def test_a_stored_page_holds_no_csrf_token_and_its_forms_post_with_the_visitors_cookie(exemplar):
    first = visitor().get(exemplar.url)
    html = first.content.decode()
    assert 'name="csrfmiddlewaretoken" value="" data-csrf-field' in html
    assert "csrftoken" not in first.cookies
    # The visitor's script asks /csrf/ for a token (never stored) and posts the cookie's value.
    client = visitor()
    assert state(client.get(exemplar.url)) == "hit"
    token_answer = client.get("/csrf/")
    assert token_answer["Cache-Control"].startswith("max-age=0") and state(token_answer) is None
    cookie = client.cookies["csrftoken"].value
    assert token_answer.json()["token"]
    before = ExemplarLikeTally.objects.filter(exemplar=exemplar).values_list("total", flat=True).first() or 0
    response = client.post(
        reverse("exemplar_like", args=[exemplar.pk]), {"csrfmiddlewaretoken": cookie}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200 and response.json()["count"] == before + 1
    # The like gave the visitor an identity cookie (one like a day): from now on their pages are
    # rendered for them, so they see their own like counted at once.
    assert "haoren_visitor" in client.cookies
    fresh = client.get(exemplar.url)
    assert state(fresh) is None and f"<span data-like-count>{before + 1}</span>" in fresh.content.decode()
    # A CSRF cookie alone does not stop a visitor sharing stored pages.
    reader = visitor(csrftoken=cookie)
    assert state(reader.get("/renwu/")) in {"hit", "miss"}


def test_a_post_without_its_token_from_this_site_keeps_what_was_typed(exemplar):
    client = visitor()
    path = "/tuijian/gongshi/1/yiyi/"
    response = client.post(
        path,
        {"reason": "<b>我有不同意见</b>", "contact": "13800000000"},
        HTTP_ORIGIN="http://localhost",
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "确认提交" in html
    assert 'value="&lt;b&gt;我有不同意见&lt;/b&gt;"' in html
    assert 'name="contact" value="13800000000"' in html
    assert 'name="csrfmiddlewaretoken" value=""' not in html
    assert response.cookies["csrftoken"].value


def test_a_post_from_another_site_keeps_nothing():
    response = visitor().post("/tuijian/gongshi/1/yiyi/", {"reason": "伪造"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    html = response.content.decode()
    assert "伪造" not in html and "确认提交" not in html
    # Without Origin or Referer nothing is kept either.
    response = visitor().post("/tuijian/gongshi/1/yiyi/", {"reason": "伪造"})
    assert "伪造" not in response.content.decode()


def test_turned_off_the_site_renders_every_time(settings):
    settings.PAGE_CACHE_SECONDS = 0
    visitor().get("/")
    response = visitor().get("/")
    assert state(response) is None
    assert "csrftoken" in response.cookies  # forms carry the visitor's own token again

"""Every API endpoint answers what its public page shows: the sections with the listing pages'
filters (the same items in the same order), page detail with renditions, Chinese search, and it
is read-only (docs/api.md)."""

import pytest
from django.test import Client

from bureaus.models.bureaus import BureauPage
from bureaus.models.directive import CreationTaskPage
from content.ads.models.works import AdCarrier, AdTheme, PublicServiceAdPage
from content.exemplars.models import ExemplarPage
from content.exposure.models import BehaviourType, UnitNoticePage
from content.handbooks.models import EtiquetteHandbookPage
from portal.models import HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

BASE = "http://127.0.0.1:8000"  # PORTAL_PUBLIC_URL in the test settings
LISTINGS = ["news", "ads", "exemplars", "handbooks", "exposure", "bureaus", "tasks"]


def api(client, path, **params):
    response = client.get(f"/api/v1/{path}", params)
    assert response.status_code == 200, (path, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


def ids(data):
    return [item["id"] for item in data["items"]]


def html_ids(client, path, context_name, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    page = response.context[context_name]
    return [item.pk for item in page.paginator.object_list]


def test_the_index_names_every_endpoint(client):
    endpoints = api(client, "")["endpoints"]
    lookups = {"nomination_status", "message_status", "snapshot_status"}
    assert set(LISTINGS) | {"search", "page"} | lookups == set(endpoints)
    assert all(url.startswith(f"{BASE}/api/v1/") for url in endpoints.values())


@pytest.mark.parametrize("section", LISTINGS)
def test_each_listing_pages_with_limit_and_offset(client, section):
    everything = api(client, f"{section}/", limit=100)
    total = everything["meta"]["total_count"]
    assert total == len(everything["items"]) > 1
    first = api(client, f"{section}/", limit=1)
    second = api(client, f"{section}/", limit=1, offset=1)
    assert ids(first) + ids(second) == ids(everything)[:2]
    assert first["meta"]["next"] == f"{BASE}/api/v1/{section}/?limit=1&offset=1"
    assert second["meta"]["previous"] == f"{BASE}/api/v1/{section}/?limit=1&offset=0"
    # Ill-formed or excessive paging is read as the listings read filters: ignored, or capped.
    assert api(client, f"{section}/", limit="many", offset="x")["meta"] | {} == api(client, f"{section}/")["meta"]
    assert api(client, f"{section}/", limit=5000)["meta"]["limit"] == 100
    assert api(client, f"{section}/", offset=10_000)["items"] == []
    for item in everything["items"]:
        assert item["detail_url"] == f"{BASE}/api/v1/pages/{item['id']}/"
        assert item["html_url"].startswith(f"{BASE}/")


def _ad_filters():
    work = PublicServiceAdPage.objects.live().select_related("theme").order_by("pk").first()
    carrier = AdCarrier.objects.filter(placements__work__live=True).first()
    return [
        {},
        {"zhuti": work.theme.slug},
        {"zhuti": AdTheme.objects.exclude(works__live=True).values_list("slug", flat=True).first() or "none"},
        {"meiti": "print"},
        {"nian": str(work.valid_from.year)},
        {"zaiti": carrier.slug},
        {"danwei": work.bureau.slug, "meiti": "print"},
        {"zhuti": "no-such-theme", "nian": "1066"},  # unknown values are ignored, as on the page
    ]


def test_ad_filters_pick_what_the_ads_page_picks(client):
    for params in _ad_filters():
        assert ids(api(client, "ads/", limit=100, **params)) == html_ids(client, "/gongyi/", "works_page", **params)


@pytest.mark.parametrize(
    "params",
    [{}, {"danwei": "gongan"}, {"jizhi": "jiaotong-guanli"}, {"renwu": "jiaotong-guanli-3"}, {"yuefen": "1999-01"}],
)
def test_news_filters_pick_what_the_news_list_picks(client, params):
    api_ids = ids(api(client, "news/", limit=100, **params))
    assert api_ids == html_ids(client, "/dongtai/", "news_page", **params), params


def test_exemplar_filters_pick_what_the_board_picks(client):
    exemplar = ExemplarPage.objects.live().exclude(district=None).select_related("district").first()
    cases = [
        {},
        {"jibie": "kunming"},
        {"leibie": exemplar.category},
        {"diqu": exemplar.district.slug},
        {"nian": str(exemplar.year), "jibie": exemplar.honour_level},
        {"jibie": "no-such-level"},
    ]
    for params in cases:
        api_ids = ids(api(client, "exemplars/", limit=100, **params))
        assert api_ids == html_ids(client, "/haoren/", "exemplars_page", **params), params
    assert api(client, "exemplars/", jibie="kunming")["meta"]["filters"] == {"jibie": "昆明好人"}


def test_exposure_filters_pick_what_the_board_picks(client):
    unit = UnitNoticePage.objects.live().first()
    behaviour = BehaviourType.objects.filter(notices__live=True).first()
    cases = [
        {},
        {"leixing": "unit"},
        {"zhuangtai": "overdue"},
        {"zhuangtai": "done", "leixing": "behaviour"},
        {"quxian": unit.district.slug} if unit.district else {"quxian": "wuhua"},
        {"danwei": unit.bureau.slug},
        {"xingwei": behaviour.slug},
    ]
    for params in cases:
        api_ids = ids(api(client, "exposure/", limit=100, **params))
        assert api_ids == html_ids(client, "/baoguang/", "notices_page", **params), params
    board = api(client, "exposure/")["meta"]["board"]
    html_counts = client.get("/baoguang/").context["status_counts"]
    assert board["total"] == html_counts["total"]
    assert {row["value"]: row["count"] for row in board["by_status"]} == {
        key: value for key, value in html_counts.items() if key != "total"
    }


def test_tasks_filter_by_lead_bureau_as_the_register_does(client):
    everything = api(client, "tasks/", limit=100)
    assert everything["meta"]["total_count"] == CreationTaskPage.objects.live().count() == 50
    by_gongan = api(client, "tasks/", limit=100, danwei="gongan")
    page_groups = client.get("/renwu/", {"danwei": "gongan"}).context["mechanism_groups"]
    assert ids(by_gongan) == [task.pk for group in page_groups for task in group["tasks"]]
    assert all("gongan" in [b["slug"] for b in item["lead_bureaus"]] for item in by_gongan["items"])
    assert by_gongan["meta"]["filters"] == {"danwei": "市公安局"}


def test_bureaus_and_handbooks_list_what_their_pages_list(client):
    bureaus = api(client, "bureaus/", limit=100)
    assert bureaus["meta"]["total_count"] == BureauPage.objects.live().count() == 29
    gongan = next(item for item in bureaus["items"] if item["slug"] == "gongan")
    assert gongan["kind"] == {"value": "city", "label": "市级部门"} and gongan["task_count"] > 0
    handbooks = api(client, "handbooks/")
    assert {item["id"] for item in handbooks["items"]} == set(
        EtiquetteHandbookPage.objects.live().values_list("pk", flat=True)
    )
    assert handbooks["items"][0]["cover"]["url"].startswith(f"{BASE}/media/images/")
    assert ".width-640." in handbooks["items"][0]["cover"]["url"]


def test_listing_items_carry_renditions_never_original_images(client):
    works = api(client, "ads/", limit=100)["items"]
    assert works and all(".fill-480x360." in item["image"]["url"] for item in works)
    assert all(item["image"]["alt"] for item in works)
    exemplars = [item for item in api(client, "exemplars/", limit=100)["items"] if item["photo"]]
    assert exemplars
    for item in exemplars:
        assert all(r["url"].startswith(f"{BASE}/media/photos/public/") for r in item["photo"]["renditions"])


@pytest.mark.parametrize(
    "model", [PublicServiceAdPage, ExemplarPage, EtiquetteHandbookPage, UnitNoticePage, BureauPage, CreationTaskPage]
)
def test_page_detail_of_each_type(client, model):
    page = model.objects.live().order_by("path").first()
    data = api(client, f"pages/{page.pk}/")
    assert data["id"] == page.pk and data["title"] == page.title
    assert data["html_url"] == BASE + page.url


def test_ad_detail_has_its_artworks_files_and_placements(client):
    work = PublicServiceAdPage.objects.get(slug="lixing-banmaxian")
    data = api(client, f"pages/{work.pk}/")
    assert data["artworks"] and all(".max-960x1280." in a["image"]["url"] for a in data["artworks"])
    assert data["downloads"] and all(d["url"].startswith(f"{BASE}/documents/") for d in data["downloads"])
    assert {p["code"] for p in data["placements"]} == set(
        work.placements.exclude(status="removed").values_list("code", flat=True)
    )
    assert data["licence"]["label"] and "<p>" in data["description"]


def test_handbook_detail_has_its_chapters_but_not_the_quiz_answers(client):
    handbook = EtiquetteHandbookPage.objects.live().first()
    data = api(client, f"pages/{handbook.pk}/")
    assert data["chapters"] == handbook.chapter_headings()
    assert {block["type"] for block in data["body"]} >= {"chapter", "text", "dos_and_donts"}
    assert "quiz" not in data and "correct_choice" not in str(data)


def test_rich_text_is_cleaned_and_links_made_absolute(client):
    work = PublicServiceAdPage.objects.get(slug="lixing-banmaxian")
    bureau = BureauPage.objects.get(slug="gongan")
    # Stored past the content-safety check (an old import, a database edit): the API still cleans it.
    hostile = (
        f'<p>见<a linktype="page" id="{bureau.pk}">公安局</a>和<a href="javascript:alert(1)">此处</a>'
        '<img src="x" onerror="alert(1)"></p><script>alert(2)</script>'
    )
    PublicServiceAdPage.objects.filter(pk=work.pk).update(description=hostile)
    html = api(client, f"pages/{work.pk}/")["description"]
    assert f'href="{BASE}/danwei/gongan/"' in html
    assert "javascript" not in html and "onerror" not in html and "<script" not in html and "<img" not in html


def test_a_page_type_outside_the_sections_is_not_found(client):
    home = HomePage.objects.first()
    response = client.get(f"/api/v1/pages/{home.pk}/")
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "message": "此地址没有公开的内容。"}
    assert client.get("/api/v1/pages/999999/").status_code == 404


@pytest.mark.parametrize("query", ["交通", "文明交通", "专项整治", "见义勇为"])
def test_search_finds_chinese_words_inside_longer_runs(client, query):
    data = api(client, "search/", q=query)
    assert data["meta"]["total_count"] > 0, query
    assert data["meta"]["terms"]
    html = client.get("/search/", {"q": query}).context["outcome"]
    assert [row.pk for row in html.rows] == [item["id"] for item in api(client, "search/", q=query, limit=100)["items"]]


def test_search_facets_filter_as_on_the_search_page(client):
    everything = api(client, "search/", q="交通", limit=100)
    type_facet = everything["facets"]["type"][0]
    narrowed = api(client, "search/", q="交通", type=type_facet["value"], limit=100)
    assert narrowed["meta"]["total_count"] == type_facet["count"]
    assert all(item["type"] == type_facet["label"] for item in narrowed["items"])
    assert next(v for v in narrowed["facets"]["type"] if v["value"] == type_facet["value"])["selected"]


def test_search_without_words_is_a_bad_request(client):
    response = client.get("/api/v1/search/", {"q": "  "})
    assert response.status_code == 400
    assert response.json()["message"] == "请在 q 参数中给出要搜索的词。"


ENDPOINTS = ["", *[f"{name}/" for name in LISTINGS], "search/?q=交通"]


@pytest.mark.parametrize("path", ENDPOINTS + ["pages/{page}/"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_content_is_read_only(method, path):
    # A real client: CSRF checks on. A read-only address answers 405, never a CSRF 403.
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    page = PublicServiceAdPage.objects.live().first()
    response = getattr(client, method)(
        f"/api/v1/{path.format(page=page.pk)}", data="{}", content_type="application/json"
    )
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["error"] == "method_not_allowed"
    assert "只读" in response.json()["message"]
    assert PublicServiceAdPage.objects.filter(pk=page.pk, live=True).exists()


@pytest.mark.parametrize("path", ENDPOINTS)
def test_content_answers_allow_any_origin_without_credentials(client, path):
    response = client.get(f"/api/v1/{path}", HTTP_ORIGIN="https://gov.example.cn")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert response["Content-Language"] == "zh-hans"
    preflight = client.options(f"/api/v1/{path}", HTTP_ORIGIN="https://gov.example.cn")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"

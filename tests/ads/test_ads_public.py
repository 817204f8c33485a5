"""Public-service ads as a citizen or a reusing unit sees them."""

import datetime
import re

import pytest

from content.ads.daily import current_works, daily_ad
from content.ads.models.placements import AdPlacement
from content.ads.models.plans import AdPlanPage
from content.ads.models.works import PublicServiceAdPage

pytestmark = pytest.mark.django_db


def works_listed(html):
    return re.findall(r'<h2 class="work-card__title"><a href="([^"]+)">', html)


def test_index_lists_works_of_several_bureaus_with_images(client):
    html = client.get("/gongyi/").content.decode()
    listed = works_listed(html)
    assert len(listed) == PublicServiceAdPage.objects.live().count() >= 8
    bureaus = set(PublicServiceAdPage.objects.live().values_list("bureau__title", flat=True))
    assert len(bureaus) >= 3
    for bureau in bureaus:
        assert bureau in html
    assert html.count('class="work-card__image"') == len(listed)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"zhuti": "wenming-jiaotong"}, {"礼让斑马线 文明你我他", "一盔一带 安全常在"}),
        ({"meiti": "audio"}, {"学雷锋 做好事"}),
        ({"zaiti": "cheshen"}, {"一盔一带 安全常在", "学雷锋 做好事"}),
        ({"danwei": "gongan"}, {"礼让斑马线 文明你我他", "一盔一带 安全常在"}),
        ({"zhuti": "laji-fenlei", "meiti": "online"}, {"垃圾分类从家庭做起"}),
    ],
)
def test_index_filters(client, params, expected):
    html = client.get("/gongyi/", params).content.decode()
    titles = set(re.findall(r'<h2 class="work-card__title"><a href="[^"]+">([^<]+)</a>', html))
    assert titles == expected


def test_index_year_filter_and_unknown_values(client):
    year = PublicServiceAdPage.objects.live().first().valid_from.year
    assert len(works_listed(client.get("/gongyi/", {"nian": year}).content.decode())) >= 8
    assert works_listed(client.get("/gongyi/", {"nian": year - 5}).content.decode()) == []
    # Nonsense filters are ignored, never an error.
    response = client.get("/gongyi/", {"nian": "abc", "zhuti": "<script>", "page": "999"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_index_paginates(client):
    from content.ads.listing import PAGE_SIZE

    total = PublicServiceAdPage.objects.live().count()
    first = works_listed(client.get("/gongyi/").content.decode())
    assert len(first) == min(total, PAGE_SIZE)


def test_work_page_shows_downloads_with_dimensions_licence_and_placements(client):
    work = PublicServiceAdPage.objects.get(slug="lixing-banmaxian")
    html = client.get(work.url).content.decode()
    assert "<h1>礼让斑马线 文明你我他</h1>" in html
    assert "297×420 mm" in html and "1754×2480 px" in html and "150 dpi" in html
    assert "1920×1080 px" in html
    assert html.count(" download>") == 2
    assert "免费供公益使用，不得修改，须注明出处" in html
    for placement in AdPlacement.objects.filter(work=work).exclude(status="removed"):
        assert placement.code in html
    assert 'alt="公益广告《礼让斑马线 文明你我他》海报"' in html


def test_daily_ad_rotates_once_a_day_and_is_the_same_all_day():
    day = datetime.date(2026, 6, 1)
    works = list(current_works(day))
    assert len(works) >= 2
    first, again = daily_ad(day), daily_ad(day)
    assert first == again
    following = [daily_ad(day + datetime.timedelta(days=n)) for n in range(len(works))]
    assert {w.pk for w in following} == {w.pk for w in works}, "every current work gets its day"


def test_daily_ad_skips_works_not_valid_that_day():
    assert daily_ad(datetime.date(2000, 1, 1)) is None


def test_home_page_shows_todays_ad(client):
    html = client.get("/").content.decode()
    todays = daily_ad()
    assert todays is not None
    assert f">{todays.title}</a></h2>" in html


def test_current_year_plan_lists_themes_by_month_with_works(client):
    plan = AdPlanPage.objects.live().get()
    html = client.get(plan.url).content.decode()
    assert html.count('<th scope="row">') == 12
    assert "学雷锋志愿服务月" in html
    assert 'href="/gongyi/wenmingban/zhiyuan-dianliang/"' in html
    assert plan.title in client.get("/gongyi/").content.decode()


def test_demo_shows_the_whole_loop():
    from content.ads.models.placements import AdInspection, AdUpdateTask, InspectionResult
    from content.ads.models.works import AdCarrier, AdTheme

    works = PublicServiceAdPage.objects.live()
    assert works.count() >= 8
    assert works.values("theme").distinct().count() >= 4
    assert works.values("bureau").distinct().count() >= 3
    placements = AdPlacement.objects.all()
    assert placements.count() >= 20
    assert set(placements.values_list("carrier", flat=True)) == set(AdCarrier.objects.values_list("pk", flat=True))
    assert placements.values("district").distinct().count() >= 4
    assert set(AdInspection.objects.values_list("result", flat=True)) == set(InspectionResult.values)
    assert AdUpdateTask.objects.filter(status="open", overdue=True).exists()
    assert AdUpdateTask.objects.filter(status="open", overdue=False).exists()
    assert AdUpdateTask.objects.filter(status="closed").exclude(resolution="").exists()
    assert AdUpdateTask.objects.filter(source="citizen").exists()
    assert AdTheme.objects.count() >= 8
    assert AdPlanPage.objects.live().filter(year=datetime.date.today().year).exists()


def test_page_links_keep_the_filters(client):
    template = PublicServiceAdPage.objects.get(slug="lixing-banmaxian")
    for n in range(12):
        template.copy(update_attrs={"slug": f"page-copy-{n}", "title": f"分页{n}"}, keep_live=True)
    html = client.get("/gongyi/", {"zhuti": "wenming-jiaotong"}).content.decode()
    assert 'href="?zhuti=wenming-jiaotong&amp;page=2"' in html
    second = client.get("/gongyi/", {"zhuti": "wenming-jiaotong", "page": 2}).content.decode()
    assert 'href="?zhuti=wenming-jiaotong&amp;page=1"' in second
    assert len(works_listed(second)) == 14 - 12


def test_search_page_links_keep_the_query(client, monkeypatch):
    from search import service

    monkeypatch.setattr(service, "PER_PAGE", 1)  # the title matches the task and the directive
    html = client.get("/search/", {"q": "深化城市执法体制改革"}).content.decode()
    assert (
        'href="?q=%E6%B7%B1%E5%8C%96%E5%9F%8E%E5%B8%82%E6%89%A7%E6%B3%95%E4%BD%93%E5%88%B6%E6%94%B9%E9%9D%A9&amp;page=2"'
        in html
    )

"""The exposure board (/baoguang/) and its notices as a citizen sees them."""

import datetime
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from content.exposure.listing import status_counts
from content.exposure.models import (
    BehaviourNoticePage,
    ExposureNoticePage,
    RectificationStatus,
    UnitNoticePage,
    status_on,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 28)
S = RectificationStatus


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def zh(text, *args):
    """What a visitor reads for an English msgid (the portal speaks Chinese by default)."""
    with translation.override("zh-hans"):
        return gettext(text) % args[0] if args else gettext(text)


def overdue_badge(days):
    return zh("Overdue for %(days)s day(s)", {"days": days})


def titles(html):
    return re.findall(r'<h2 class="exposure-card__title"><a href="[^"]+">([^<]+)</a>', html)


def summary(html):
    return dict(re.findall(r'status-count--([a-z-]+)">.*?status-count__number">(\d+)<', html))


def expected_counts(today):
    counts = {s.value: 0 for s in S}
    for status, deadline in ExposureNoticePage.objects.live().values_list("status", "deadline"):
        counts[status_on(status, deadline, today)] += 1
    return counts


def test_demo_has_both_kinds_in_every_status(fixed_today):
    notices = ExposureNoticePage.objects.live()
    assert notices.count() >= 12
    for kind_model in (BehaviourNoticePage, UnitNoticePage):
        assert kind_model.objects.live().exists()
    counts = expected_counts(fixed_today)
    assert all(counts[s] >= 1 for s in S.values), counts
    assert counts[S.OVERDUE] >= 3


def test_board_counts_match_the_notices(client, fixed_today):
    html = client.get("/baoguang/").content.decode()
    expected = expected_counts(fixed_today)
    assert summary(html) == {status: str(n) for status, n in expected.items()}
    total = ExposureNoticePage.objects.live().count()
    assert zh("%(total)s notices in all") % {"total": total} in html
    # The counts are board-wide: a filter narrows the list, not the summary.
    filtered = client.get("/baoguang/", {"leixing": "unit"}).content.decode()
    assert summary(filtered) == summary(html)


def test_counts_follow_todays_deadline_even_before_the_job_runs(client, fixed_today):
    notice = BehaviourNoticePage.objects.live().get(slug="renmin-zhonglu-luanchuan-malu")
    # A row the overdue job has not reached yet: open, deadline passed.
    ExposureNoticePage.objects.filter(pk=notice.pk).update(
        deadline=TODAY - datetime.timedelta(days=2), status=S.PENDING
    )
    html = client.get("/baoguang/", {"zhuangtai": "overdue"}).content.decode()
    assert notice.title in titles(html)
    assert summary(html)[S.OVERDUE] == str(expected_counts(TODAY)[S.OVERDUE])
    assert status_counts(TODAY)[S.OVERDUE] == expected_counts(TODAY)[S.OVERDUE]


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({"leixing": "unit"}, {"公交站台破损长期未修复", "老旧小区环境卫生整治推进缓慢"}, {"南屏街步行街商铺占道经营"}),
        ({"leixing": "behaviour"}, {"南屏街步行街商铺占道经营"}, {"公交站台破损长期未修复"}),
        (
            {"zhuangtai": "overdue"},
            {"滇池路沿线绿化带乱扔垃圾", "公交站台破损长期未修复", "官渡古镇周边流动摊贩占道经营"},
            {"翠湖南路非机动车乱停乱放", "南屏街步行街商铺占道经营"},
        ),
        ({"zhuangtai": "done"}, {"翠湖南路非机动车乱停乱放", "背街小巷垃圾清运不及时"}, {"滇池路沿线绿化带乱扔垃圾"}),
        ({"quxian": "chenggong"}, {"呈贡大学城雨花路机动车乱停乱放"}, {"南屏街步行街商铺占道经营"}),
        ({"danwei": "jiaotong-yunshu"}, {"公交站台破损长期未修复"}, {"工地围挡破损、公益广告缺失整改不力"}),
        ({"danwei": "gongan"}, {"翠湖南路非机动车乱停乱放"}, {"南屏街步行街商铺占道经营"}),
        (
            {"xingwei": "zhandao-jingying"},
            {"南屏街步行街商铺占道经营", "官渡古镇周边流动摊贩占道经营"},
            {"翠湖南路非机动车乱停乱放", "公交站台破损长期未修复"},
        ),
        (
            {"leixing": "behaviour", "zhuangtai": "overdue", "quxian": "guandu"},
            {"官渡古镇周边流动摊贩占道经营"},
            {"滇池路沿线绿化带乱扔垃圾", "公交站台破损长期未修复"},
        ),
    ],
)
def test_filters_narrow_the_list(client, fixed_today, params, present, absent):
    html = client.get("/baoguang/", params).content.decode()
    listed = set(titles(html))
    assert present <= listed
    assert not (absent & listed)
    assert zh("Clear filter") in html


@pytest.mark.parametrize(
    "params",
    [
        {"leixing": "person"},
        {"zhuangtai": "<script>"},
        {"quxian": "nowhere", "danwei": "no-such-bureau", "xingwei": "x" * 300},
        {"page": "abc"},
        {"page": "9999"},
    ],
)
def test_bad_filter_values_are_ignored(client, fixed_today, params):
    response = client.get("/baoguang/", params)
    assert response.status_code == 200
    html = response.content.decode()
    live = ExposureNoticePage.objects.live().count()
    # An unknown filter value or page number shows the first page; a page past the end, the last.
    expected = live - 12 * ((live - 1) // 12) if params.get("page") == "9999" else min(12, live)
    assert len(titles(html)) == expected
    assert "<script>" not in html.split("<main", 1)[1].split("</main>")[0].replace("&lt;script&gt;", "")


def test_cards_show_kind_status_and_days_overdue(client, fixed_today):
    html = client.get("/baoguang/", {"quxian": "guandu", "leixing": "behaviour"}).content.decode()
    card = html.split("官渡古镇周边流动摊贩占道经营")[0].rsplit('<li class="card exposure-card">', 1)[1]
    assert "status-badge--overdue" in card
    assert overdue_badge(29) in card  # deadline 2026-10-30
    assert zh(S.OVERDUE.label) not in card.replace(overdue_badge(29), "")
    assert "<img" in card  # the demo photo, reviewed, is public


def test_board_paginates_and_keeps_filters(client, fixed_today):
    html = client.get("/baoguang/", {"leixing": "behaviour"}).content.decode()
    assert len(titles(html)) == BehaviourNoticePage.objects.live().count()
    html = client.get("/baoguang/").content.decode()
    assert len(titles(html)) == 12
    assert "?page=2" in html
    html = client.get("/baoguang/", {"page": 2}).content.decode()
    assert len(titles(html)) == ExposureNoticePage.objects.live().count() - 12


def test_behaviour_notice_shows_rectification_timeline_and_photos(client, fixed_today):
    page = BehaviourNoticePage.objects.get(slug="cuihu-nanlu-luanting")
    html = client.get(page.url).content.decode()
    assert "翠湖南路（翠湖公园南门一带）" in html and "乱停乱放" in html
    box = html.split('class="rectification"', 1)[1].split("</main>", 1)[0]
    assert zh(S.DONE.label) in box and "2026-10-25" in box and "2026-10-31" in box
    entries = re.findall(r'<li class="rectification-timeline__entry">\s*<time datetime="([\d-]+)"', box)
    assert entries == ["2026-09-20", "2026-10-10", "2026-10-25"]
    assert box.count("<img") == 1  # the photo of the last update
    assert html.count('alt="人行道上横七竖八停放着多辆自行车"') == 1


def test_overdue_notice_shows_days_overdue_for_today(client, fixed_today, monkeypatch):
    page = BehaviourNoticePage.objects.get(slug="dianchilu-luanreng-laji")
    html = client.get(page.url).content.decode()
    assert overdue_badge(13) in html  # deadline 2026-11-15
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: datetime.date(2026, 12, 1))
    assert overdue_badge(16) in client.get(page.url).content.decode()
    assert page.rectification(datetime.date(2026, 11, 16))["days_overdue"] == 1
    # On the deadline itself it is not overdue yet (an overdue notice reopens as 整改中, as in status_on).
    assert page.rectification(datetime.date(2026, 11, 15))["status"] == S.IN_PROGRESS


def test_unit_notice_names_the_unit_and_links_its_bureau(client, fixed_today):
    page = UnitNoticePage.objects.get(slug="gongjiao-zhantai-weixiu")
    html = client.get(page.url).content.decode()
    assert f'<a href="{page.unit_bureau.url}">市交通运输局</a>' in html
    assert "督促公交企业限期修复破损站台" in html  # the requirement
    assert overdue_badge(18) in html  # deadline 2026-11-10
    other = UnitNoticePage.objects.get(slug="guanshang-jiedao-shequ-weisheng")
    html = client.get(other.url).content.decode()
    assert "官渡区关上街道办事处" in html
    assert other.unit_label == "官渡区关上街道办事处"
    assert zh(S.PENDING.label) in html


def test_behaviour_notice_shows_no_personal_fields(client, fixed_today, make_user):
    page = BehaviourNoticePage.objects.get(slug="nanpingjie-zhandao-jingying")
    editor = make_user("exposure-editor-name", email="editor@example.cn", first_name="张", last_name="某某")
    revision = page.save_revision(user=editor)
    revision.publish(user=editor, skip_permission_checks=True)
    html = client.get(page.url).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    for private in ("exposure-editor-name", "editor@example.cn", "某某", "owner", "uploaded"):
        assert private not in main
    # Only the notice's own facts are listed.
    labels = re.findall(r"<dt>([^<]+)</dt>", main)
    allowed = {zh("Behaviour type"), zh("Place"), zh("District"), zh("Found on"), zh("Status")}
    allowed |= {pgettext_zh("exposure notice", "Published by"), pgettext_zh("rectification", "Deadline")}
    assert set(labels) <= allowed, labels


def pgettext_zh(context, text):
    with translation.override("zh-hans"):
        return pgettext(context, text)


def test_served_tasks_are_listed(client):
    html = client.get("/baoguang/").content.decode()
    assert 'id="served-tasks"' in html


def test_only_superusers_manage_behaviour_types(client, make_user):
    from django.urls import reverse

    from tests.helpers import bureau

    url = reverse("behaviour_types:index")
    editor = make_user("exposure-bureau-editor", groups=[bureau("gongan").editors_group])
    client.force_login(editor)
    assert client.get(url).status_code == 403
    admin = make_user("exposure-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get(url).content.decode()
    assert "占道经营" in html and "乱停乱放" in html

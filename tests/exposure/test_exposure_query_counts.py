"""/baoguang/ and the notice pages cost a bounded number of queries, whatever the number of
notices, photos and follow-up updates."""

import datetime

import pytest

from content.exposure.models import BehaviourNoticePage, ExposurePhoto, RectificationUpdate, UnitNoticePage
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

BUDGETS = {
    "/baoguang/": 20,
    "/baoguang/?leixing=behaviour&zhuangtai=overdue&quxian=guandu&xingwei=zhandao-jingying": 20,
    "/baoguang/?danwei=jiaotong-yunshu&page=1": 20,
    "/baoguang/chengguan-zhifa/nanpingjie-zhandao-jingying/": 20,
    "/baoguang/gongan/cuihu-nanlu-luanting/": 20,
    "/baoguang/wenmingban/gongjiao-zhantai-weixiu/": 20,
}


@pytest.mark.parametrize("path", list(BUDGETS))
def test_exposure_pages_are_within_budget(client, path):
    assert count_queries(client, path) <= BUDGETS[path]


def add_notices(count):
    """Copies of demo notices, each with every photo and update of its original plus two more updates."""
    templates = [
        BehaviourNoticePage.objects.get(slug="cuihu-nanlu-luanting"),
        BehaviourNoticePage.objects.get(slug="nanpingjie-zhandao-jingying"),
        UnitNoticePage.objects.get(slug="gongjiao-zhantai-weixiu"),
    ]
    photo = ExposurePhoto.objects.filter(page=templates[0]).first().photo
    for n in range(count):
        source = templates[n % len(templates)]
        copy = source.copy(update_attrs={"slug": f"copy-{n}", "title": f"复制的曝光{n}"}, keep_live=True)
        ExposurePhoto.objects.create(page=copy, photo=photo, alt_text="照片", sort_order=9)
        for day in (1, 2):
            RectificationUpdate.objects.create(
                page=copy, date=datetime.date(2026, 11, day), text="进展", photo=photo, photo_alt_text="照片"
            )


PATHS = [
    "/baoguang/",
    "/baoguang/?leixing=behaviour",
    "/baoguang/gongan/cuihu-nanlu-luanting/",
    "/baoguang/wenmingban/gongjiao-zhantai-weixiu/",
]


def test_query_counts_do_not_grow_with_more_notices_photos_and_updates(client):
    before = {path: count_queries(client, path) for path in PATHS}
    add_notices(40)
    copy = BehaviourNoticePage.objects.get(slug="copy-0")
    assert copy.photos.count() == 2 and copy.rectification_updates.count() == 5
    after = {path: count_queries(client, path) for path in PATHS}
    assert after == before
    # A later page, now full, costs what the first page cost before.
    assert count_queries(client, "/baoguang/?page=4") == before["/baoguang/"]
    # A copied notice, rich in photos and updates, costs what its original costs.
    assert count_queries(client, copy.url) == before["/baoguang/gongan/cuihu-nanlu-luanting/"]

"""The 好人榜, an exemplar page and the 9·20 page cost a bounded number of queries, and the same
number with many more exemplars, photos and likes (no query per card, photo or like)."""

import datetime
import io

import pytest
from PIL import Image

from content.exemplars.models import (
    CampaignExemplar,
    ExemplarLike,
    ExemplarLikeTally,
    ExemplarPage,
    ExemplarPhoto,
    MoralDayCampaignPage,
)
from content.photos.ingest import store_protected_photo
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

DETAIL = "/haoren/wenmingban/li-guifen/"
CAMPAIGN = "/haoren/wenmingban/daode-xuanchuanri-2026/"
# Measured on the demo content; a bound a little above today's count so a regression shows.
BUDGETS = {
    "/haoren/": 21,
    "/haoren/?jibie=kunming&nian=2026": 21,
    "/haoren/?page=2": 21,
    DETAIL: 26,
    CAMPAIGN: 25,
}


@pytest.mark.parametrize("path", list(BUDGETS))
def test_exemplar_pages_are_within_budget(client, path):
    assert count_queries(client, path) <= BUDGETS[path]


def add_exemplars(count):
    """Copies of a demo exemplar, each with a shown photo, honours, tags and likes."""
    template = ExemplarPage.objects.get(slug="li-guifen")
    campaign = MoralDayCampaignPage.objects.get(slug="daode-xuanchuanri-2026")
    image = io.BytesIO()
    Image.new("RGB", (300, 400), (90, 120, 160)).save(image, format="PNG")
    for n in range(count):
        page = template.copy(
            update_attrs={"slug": f"haoren-copy-{n}", "title": f"副本{n}", "person_name": f"副本{n}", "year": 2026},
            keep_live=True,
        )
        photo = store_protected_photo(
            image.getvalue(), purpose="exemplar", title=f"副本{n}", bureau=page.bureau, process_now=True
        )
        photo.consent_recorded_on, photo.consent_record = datetime.date(2026, 1, 1), f"档案 {n}"
        photo.save(update_fields=["consent_recorded_on", "consent_record"])
        ExemplarPhoto.objects.create(page=page, photo=photo, alt_text=f"副本{n}")
        ExemplarLikeTally.objects.update_or_create(exemplar=page, defaults={"total": n + 1})
        ExemplarLike.objects.create(exemplar=page, liked_on=datetime.date(2026, 1, 1), visitor_key="k", source_hash="h")
        CampaignExemplar.objects.create(page=campaign, exemplar=page, sort_order=10 + n)


def test_the_same_cost_with_many_more_exemplars(client):
    paths = ["/haoren/", "/haoren/?nian=2026", DETAIL, CAMPAIGN]
    before = {path: count_queries(client, path) for path in paths}
    add_exemplars(40)
    html = client.get("/haoren/").content.decode()
    assert html.count('class="card exemplar-card"') == 24  # a full, bounded page
    assert html.count("<img ") >= 20
    after = {path: count_queries(client, path) for path in paths}
    assert after == before

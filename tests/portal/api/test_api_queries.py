"""A listing of 100 items costs the queries of a listing of 10 (no query per item), and a page
detail costs a bounded number."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bureaus.models.bureaus import BureauPage
from bureaus.models.directive import CreationTaskPage
from content.ads.models.works import PublicServiceAdPage
from content.exemplars.models import ExemplarPage
from content.exposure.models import BehaviourNoticePage, UnitNoticePage
from content.handbooks.models import EtiquetteHandbookPage
from content.news.models import NewsPage
from tests.factories.bureaus import BureauFactory, CreationTaskFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

LISTINGS = ["news", "ads", "exemplars", "handbooks", "exposure", "bureaus", "tasks"]
DETAIL_BUDGET = 16


def queries(client, path):
    client.get(path)  # warms the per-process caches and makes missing renditions, as a first visitor would
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def add_copies(model, count):
    template = model.objects.live().order_by("path").first()
    for n in range(count):
        template.copy(
            update_attrs={"slug": f"{template.slug}-api-{n}", "title": f"{template.title}{n}"}, keep_live=True
        )


def test_a_listing_of_100_costs_what_a_listing_of_10_costs(client, settings):
    settings.API_REQUESTS_PER_MINUTE = 100_000
    ten = {name: queries(client, f"/api/v1/{name}/?limit=10") for name in LISTINGS}
    # At least 100 of each (the demo has 9 works, 14 exemplars and 14 notices).
    for model, count in (
        (PublicServiceAdPage, 92),
        (ExemplarPage, 87),
        (BehaviourNoticePage, 45),
        (UnitNoticePage, 45),
        (NewsPage, 92),
    ):
        add_copies(model, count)
    for _ in range(75):
        CreationTaskFactory(lead_bureaus=[BureauFactory()])
    hundred = {}
    for name in LISTINGS:
        path = f"/api/v1/{name}/?limit=100"
        hundred[name] = queries(client, path)
        if name != "handbooks":  # one edition per year and audience: a copy cannot pass its constraint
            assert len(client.get(path).json()["items"]) == 100, name
    assert hundred == ten
    assert max(ten.values()) <= 12, ten


@pytest.mark.parametrize(
    "model",
    [
        PublicServiceAdPage,
        ExemplarPage,
        EtiquetteHandbookPage,
        BehaviourNoticePage,
        UnitNoticePage,
        BureauPage,
        CreationTaskPage,
        NewsPage,
    ],
    ids=lambda model: model.__name__,
)
def test_a_page_detail_costs_a_bounded_number_of_queries(client, model):
    page = model.objects.live().order_by("path").first()
    assert queries(client, f"/api/v1/pages/{page.pk}/") <= DETAIL_BUDGET

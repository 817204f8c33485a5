"""Cards and list items say what they are: an exemplar without a photo gets a placeholder, and
each item a bureau lists says what kind of content it is, at a cost that does not grow per item."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bureaus.models.bureaus import BureauPage
from content.exemplars.models import ExemplarPage
from tests.factories.ads import make_work

pytestmark = pytest.mark.django_db


def test_a_bureau_labels_each_item_with_its_kind_at_a_fixed_cost(client):
    bureau = BureauPage.objects.order_by("path").first()
    make_work(bureau, title="礼让斑马线").save_revision().publish()
    client.get(bureau.url)
    with CaptureQueriesContext(connection) as few:
        html = client.get(bureau.url).content.decode()
    assert '<span class="kind-label">公益广告</span> <a href=' in html
    before = html.count('<span class="kind-label">公益广告</span>')
    for n in range(6):
        make_work(bureau, title=f"文明出行{n}").save_revision().publish()
    client.get(bureau.url)
    with CaptureQueriesContext(connection) as many:
        html = client.get(bureau.url).content.decode()
    assert html.count('<span class="kind-label">公益广告</span>') == before + 6
    assert len(many) == len(few)


def test_an_exemplar_without_a_photo_gets_a_placeholder(client):
    exemplar = ExemplarPage(
        title="张桂英",
        person_name="张桂英",
        category="honesty",
        honour_level="kunming",
        deed="拾金不昧",
        first_published_at=timezone.now(),
    )
    exemplar.shown_photos = []
    exemplar.like_count = 0
    html = Template("{% load card_tags %}{% exemplar_card exemplar %}").render(Context({"exemplar": exemplar}))
    assert 'class="exemplar-card__photo exemplar-card__placeholder exemplar-card__placeholder--honesty"' in html
    assert '<span class="exemplar-card__initial">张</span>' in html

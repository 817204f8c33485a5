"""A list's photos, artworks and renditions come from queries compiled once (CompiledRelated in
core/compiled_queries.py): each card finds exactly what Django's prefetch would have given it, in
the same order, and reading it (the photos, their renditions, a rendition's image) costs no
further query, for two parents or for all of them."""

import pytest
from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from content.ads.listing import AD_CARD_IMAGE, artworks_with_rendition, attach_artworks
from content.ads.models.works import PublicServiceAdPage
from content.exemplars.models import ExemplarPage, attach_shown_photos, shown_photos
from content.exposure.listing import attach_card_photos, notice_photos_prefetch
from content.exposure.models import ExposureNoticePage
from core.compiled_queries import CompiledRelated
from core.renditions import attach_renditions

pytestmark = pytest.mark.django_db


def photo_tree(photos):
    return [(row.pk, row.photo_id, [r.pk for r in row.photo.public_renditions.all()]) for row in photos]


def artwork_tree(artworks):
    return [(row.pk, row.image_id, sorted(r.pk for r in row.image.renditions.all())) for row in artworks]


def read_without_queries(read, parents):
    with CaptureQueriesContext(connection) as queries:
        tree = [read(parent) for parent in parents]
    assert not queries.captured_queries, "the attached rows answered every read"
    return tree


CASES = {
    "exemplar photos": (
        lambda: list(ExemplarPage.objects.live().order_by("pk")),
        lambda parents: prefetch_related_objects(
            parents, Prefetch("photos", queryset=shown_photos(), to_attr="shown_photos")
        ),
        attach_shown_photos,
        lambda exemplar: photo_tree(exemplar.shown_photos),
    ),
    "notice photos": (
        lambda: list(ExposureNoticePage.objects.live().order_by("pk")),
        lambda parents: prefetch_related_objects(parents, notice_photos_prefetch()),
        attach_card_photos,
        lambda notice: photo_tree(notice.photos.all()),
    ),
    "ad artworks": (
        lambda: list(PublicServiceAdPage.objects.live().order_by("pk")),
        lambda parents: prefetch_related_objects(parents, artworks_with_rendition(AD_CARD_IMAGE)),
        lambda parents: attach_artworks(parents, AD_CARD_IMAGE),
        lambda work: artwork_tree(work.artworks.all()),
    ),
}
#: Each case's rows of one parent, taken away so that a parent without any is among them.
RELATED = {"exemplar photos": "photos", "notice photos": "photos", "ad artworks": "artworks"}


@pytest.mark.parametrize("case", list(CASES))
def test_attached_rows_are_what_the_prefetch_gives_each_parent(case):
    fetch, prefetch, attach, read = CASES[case]
    getattr(fetch()[0], RELATED[case]).all().delete()
    expected_parents = fetch()
    prefetch(expected_parents)
    expected = [read(parent) for parent in expected_parents]
    assert any(tree for tree in expected), "the demo content has some to attach"
    assert any(not tree for tree in expected), "and some parents without any"

    parents = fetch()
    with CaptureQueriesContext(connection) as all_parents:
        attach(parents)
    assert read_without_queries(read, parents) == expected

    # The parent without rows and one with some.
    chosen = [0, next(i for i, tree in enumerate(expected) if tree)]
    two = [fetch()[i] for i in chosen]
    with CaptureQueriesContext(connection) as two_parents:
        attach(two)
    assert read_without_queries(read, two) == [expected[i] for i in chosen]
    assert len(all_parents) == len(two_parents) <= 2, "the same queries for any number of parents"


def test_a_rendition_knows_its_image_and_other_specs_are_left_out():
    # Wagtail's rendition cache outlives a test's transaction: start without rows it remembers.
    get_image_model().get_rendition_model().cache_backend.clear()
    image = get_image_model().objects.order_by("pk").first()
    card = image.get_rendition(AD_CARD_IMAGE)
    image.get_rendition("fill-100x100")
    image = get_image_model().objects.get(pk=image.pk)
    attach_renditions([image, None], (AD_CARD_IMAGE,))
    with CaptureQueriesContext(connection) as queries:
        renditions = list(image.renditions.all())
        assert [r.pk for r in renditions] == [card.pk]
        assert renditions[0].image is image
        assert image.get_rendition(AD_CARD_IMAGE).pk == card.pk
    assert not queries.captured_queries


def test_no_parents_cost_no_query_and_any_number_of_parents_one_compiled_query():
    related = CompiledRelated(lambda _shape: ExemplarPage.objects.live().order_by("pk"), "bureau_id")
    with CaptureQueriesContext(connection) as queries:
        assert related.attach([], to_attr="exemplars") == []
    assert not queries.captured_queries

    bureaus = list({e.bureau_id: e.bureau for e in ExemplarPage.objects.live().select_related("bureau")}.values())
    assert len(bureaus) >= 3
    for parents in (bureaus[:1], bureaus):
        with CaptureQueriesContext(connection) as queries:
            rows = related.attach(parents, to_attr="exemplars")
        assert len(queries) == 1
        for bureau in parents:
            assert bureau.exemplars == list(ExemplarPage.objects.live().filter(bureau=bureau).order_by("pk"))
            assert all(exemplar.bureau is bureau for exemplar in bureau.exemplars)
        assert len(rows) == sum(len(bureau.exemplars) for bureau in parents)
    compiled = list(related.query._compiled.values())
    assert len(compiled) == 1 and compiled[0], "one SQL for one parent and for all: their ids are one parameter"

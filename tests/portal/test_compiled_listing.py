"""Card lists read through SQL compiled once per shape (core/compiled_queries.py): the 好人榜 shows
the same good people, counts and pages as the ORM would give, for every combination of filters
and of private sections, and a query the compiled path cannot carry takes the ORM's."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from content.ads import listing as ads_listing
from content.exemplars import listing
from content.exemplars.models import ExemplarPage, exemplar_cards
from content.exposure import listing as exposure_listing
from core import public_pages
from core.compiled_queries import CompiledListing, CompiledQuery, ListFilters, total_count

pytestmark = pytest.mark.django_db


def card_values(exemplar):
    return (
        exemplar.pk,
        exemplar.title,
        exemplar.url_path,
        exemplar.person_name,
        exemplar.category,
        exemplar.year,
        exemplar.like_count,
        exemplar.bureau.title if exemplar.bureau_id else None,
        exemplar.district.name if exemplar.district_id else None,
    )


def by_year(filter_names, values):
    queryset = ExemplarPage.objects.live()
    for name, value in zip(filter_names, values, strict=True):
        queryset = queryset.filter(**{name: value})
    return exemplar_cards(queryset, photos=False).order_by("-year", "pk")


def test_compiled_instances_are_the_orm_instances_for_every_shape_and_argument():
    built = []

    def build(shape, *values):
        built.append(shape)
        return by_year(shape, values)

    samples = {"year": 32_001, "category": "\x00sample"}
    compiled = CompiledQuery(build, lambda shape: tuple(samples[name] for name in shape))
    years = sorted(set(ExemplarPage.objects.live().values_list("year", flat=True)))
    category = ExemplarPage.objects.live().values_list("category", flat=True).first()
    assert len(years) >= 2
    cases = [((), ()), *((("year",), (year,)) for year in years), (("year", "category"), (years[0], category))]
    for shape, values in cases:
        expected = [card_values(e) for e in by_year(shape, values)]
        with CaptureQueriesContext(connection) as queries:
            fetched = [card_values(e) for e in compiled.fetch(*values, shape=shape)]
        assert fetched == expected, shape
        assert len(queries) == 1, "the bureau, district and like count come with the row"
    assert compiled.fetch(1999, shape=("year",)) == []
    assert built == [(), ("year",), ("year", "category")], "each shape built and compiled once"


def test_shapes_beyond_the_bound_are_compiled_again():
    built = []

    def build(shape):
        built.append(shape)
        return ExemplarPage.objects.live().order_by("pk").values_list("pk", flat=True)[:shape]

    compiled = CompiledQuery(build, (), max_shapes=2)
    for shape in (1, 2, 3, 1):
        assert compiled.fetch(shape=shape) == list(
            ExemplarPage.objects.live().order_by("pk").values_list("pk", flat=True)[:shape]
        )
    assert built == [1, 2, 3, 1], "the oldest shape made way for the third"


def test_prefetches_empty_slices_and_missing_arguments_take_the_orm_path():
    exemplar = ExemplarPage.objects.live().order_by("pk").first()
    with_photos = CompiledQuery(lambda _shape, pk: exemplar_cards(ExemplarPage.objects.filter(pk=pk)), (-1,))
    fetched = with_photos.fetch(exemplar.pk)
    assert [e.pk for e in fetched] == [exemplar.pk]
    assert hasattr(fetched[0], "shown_photos"), "the ORM ran the queryset's own prefetch"

    empty = CompiledQuery(lambda shape: ExemplarPage.objects.order_by("pk")[shape:shape], ())
    assert empty.fetch(shape=3) == []

    folded = CompiledQuery(lambda _shape, year: ExemplarPage.objects.filter(year__gte=year - year), (-5,))
    assert len(folded.fetch(2025)) == ExemplarPage.objects.count()


def test_a_listing_pages_and_counts_like_a_queryset():
    def page(shape, *values):
        names, start, stop = shape
        return by_year(names, values)[start:stop]

    def total(shape, *values):
        return total_count(by_year(shape, values))

    items = CompiledQuery(page, lambda shape: (32_001,) * len(shape[0]))
    count = CompiledQuery(total, lambda shape: (32_001,) * len(shape))
    listing = CompiledListing(items, count, (), ())
    everyone = list(by_year((), ()))
    assert listing.count() == len(everyone) == len(listing)
    assert [e.pk for e in listing[2:5]] == [e.pk for e in everyone[2:5]]
    assert listing[0].pk == everyone[0].pk
    assert CompiledListing(items, count, (1999,), ("year",)).count() == 0


def assert_every_shape_compiled(module, page="_CARD_PAGE", total="_CARD_TOTAL"):
    """No combination of filters silently takes the ORM's path (a sample out of its field's range
    would, as Django answers such a lookup as empty without a parameter); an empty slice does."""
    assert False not in getattr(module, total)._compiled.values()
    pages = getattr(module, page)._compiled.items()
    assert False not in [compiled for (_alias, (_, start, stop)), compiled in pages if start != stop]


def status(html):
    return int(re.search(r'role="status">[^<0-9]*(\d+)', html).group(1))


@pytest.mark.parametrize(
    "query, orm_filter",
    [
        ("", {}),
        ("?nian=2025", {"year": 2025}),
        ("?jibie=kunming", {"honour_level": "kunming"}),
        ("?leibie=helping-others&nian=2025", {"category": "helping-others", "year": 2025}),
        ("?diqu=wuhua", {"district__slug": "wuhua"}),
        ("?nian=1999", {"year": 1999}),
    ],
)
def test_the_board_counts_what_the_filters_choose(client, query, orm_filter):
    html = client.get(f"/haoren/{query}").content.decode()
    assert status(html) == ExemplarPage.objects.live().filter(**orm_filter).count()
    assert_every_shape_compiled(listing, page="_BOARD_PAGE", total="_BOARD_TOTAL")


def test_a_private_good_person_is_off_the_board_with_and_without_the_snapshot(client):
    exemplar = ExemplarPage.objects.live().order_by("pk").first()
    before = client.get("/haoren/").content.decode()
    assert exemplar.person_name in before
    PageViewRestriction.objects.create(page=exemplar, restriction_type=PageViewRestriction.LOGIN)

    # In a test's transaction the board filters by the subquery; a request served from the
    # snapshot writes the restricted paths into the SQL: another shape, compiled of its own.
    for source in (None, lambda: (exemplar.path,)):
        previous = public_pages._restricted_paths
        public_pages.use_restricted_paths(source)
        try:
            html = client.get("/haoren/").content.decode()
        finally:
            public_pages.use_restricted_paths(previous)
        assert status(html) == status(before) - 1
        assert exemplar.person_name not in html


BOARD_QUERIES = [
    "",
    "?leixing=unit",
    "?zhuangtai=overdue",
    "?quxian=panlong",
    "?danwei=chengguan-zhifa",
    "?danwei=gongan&leixing=behaviour",
    "?xingwei=zhandao-jingying&zhuangtai=in-progress",
    "?quxian=wuhua&danwei=chengguan-zhifa&leixing=behaviour&zhuangtai=in-progress&xingwei=zhandao-jingying",
]


def list_and_api(client, page, api, query, card, listing_module):
    """The page and its API with the same filters, after checking that they count the same and
    that the page's cards are the first of the API's items, in order."""
    html = client.get(f"{page}{query}").content.decode()
    items = client.get(f"{api}{query}").json()
    assert status(html) == items["meta"]["total_count"]
    titles = re.findall(rf'<h2 class="{card}__title"><a href="[^"]+">([^<]+)</a>', html)
    assert len(titles) == min(items["meta"]["total_count"], listing_module.PAGE_SIZE)
    assert titles == [item["title"] for item in items["items"]][: len(titles)]
    return html, items


@pytest.mark.parametrize("query", BOARD_QUERIES)
def test_the_exposure_board_lists_what_the_api_lists(client, query):
    """The board reads through compiled SQL, the API through the ORM (content/exposure/listing.py):
    the same notices in the same order, the same counts."""
    html, api = list_and_api(client, "/baoguang/", "/api/v1/exposure/", query, "exposure-card", exposure_listing)
    board = {row["value"]: row["count"] for row in api["meta"]["board"]["by_status"]}
    shown = dict(re.findall(r'href="\?zhuangtai=([a-z-]+)">.*?status-count__number">(\d+)<', html))
    assert {value: int(count) for value, count in shown.items()} == board
    assert_every_shape_compiled(exposure_listing)


AD_QUERIES = [
    "",
    "?zhuti=laji-fenlei",
    "?meiti=print",
    "?nian=2026",
    "?nian=2019",
    "?zaiti=gongdi-weidang",
    "?zaiti=daolu-hulan&danwei=chengguan-zhifa",
    "?zhuti=hexin-jiazhiguan&meiti=print&nian=2026&zaiti=shequ-xuanchuanlan&danwei=xuanchuanbu",
]


@pytest.mark.parametrize("query", AD_QUERIES)
def test_the_ad_list_lists_what_the_api_lists(client, query):
    """The 公益广告 list reads through compiled SQL, the API through the ORM (content/ads/listing.py):
    the same works in the same order, counted once each however many placements they have."""
    list_and_api(client, "/gongyi/", "/api/v1/ads/", query, "work-card", ads_listing)
    assert_every_shape_compiled(ads_listing)


def test_a_work_on_several_placements_of_a_carrier_is_counted_once(client):
    from content.ads.models.placements import AdPlacement

    placement = AdPlacement.objects.select_related("carrier", "work").order_by("pk").first()
    before = status(client.get(f"/gongyi/?zaiti={placement.carrier.slug}").content.decode())
    placement.pk, placement.id, placement.code = None, None, "KMDUP1"
    placement.save()
    html = client.get(f"/gongyi/?zaiti={placement.carrier.slug}").content.decode()
    assert status(html) == before
    assert html.count(f">{placement.work.title}</a>") == 1


def test_a_filter_table_gives_each_filter_its_own_values_in_the_tables_order():
    table = ListFilters(
        ("theme", -1, lambda applied, pk: [*applied, ("theme", pk)]),
        ("year", (-2, -3), lambda applied, first, last: [*applied, ("year", first, last)]),
    )
    chosen = table.in_order({"year": (2025_0101, 2025_1231), "theme": (7,)})
    assert tuple(chosen) == ("theme", "year"), "the shape names the filters in the table's order"
    assert table.arguments(chosen) == (7, 2025_0101, 2025_1231)
    assert table.samples(tuple(chosen)) == (-1, -2, -3)
    assert table.narrowed([], tuple(chosen), table.arguments(chosen)) == [("theme", 7), ("year", 2025_0101, 2025_1231)]
    with pytest.raises(TypeError):
        table.narrowed([], ("theme",), (7, 8))

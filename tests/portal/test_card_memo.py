"""List cards rendered once per distinct content (core/fragment_memo.py, portal/cards.py): the
page a visitor gets is the same byte for byte with the memo on and off, and a card shows a
changed title, like count or status on the very next request, with no purge."""

import re

import pytest
from django.template import engines
from django.test import override_settings
from django.utils import translation
from wagtail.images.models import Filter

from content.ads.models.works import PublicServiceAdPage
from content.exemplars.models import ExemplarLikeTally, ExemplarPage, MoralDayCampaignPage
from content.exposure.models import BehaviourNoticePage, RectificationStatus
from core import fragment_memo
from portal.cards import AD_CARD_IMAGE, rendition_sizes
from portal.identity import SiteIdentity

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_memo")]

CSRF = re.compile(r'(?<=value=")[A-Za-z0-9]{64}(?=")')


def body(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return CSRF.sub("…", response.content.decode())


def card_pages():
    exemplar = ExemplarPage.objects.live().order_by("path").first()
    campaign = MoralDayCampaignPage.objects.live().order_by("path").first()
    lists = ["/haoren/", "/haoren/?page=2", "/baoguang/", "/baoguang/?zhuangtai=overdue", "/gongyi/", "/renwu/"]
    lists += ["/renwu/?danwei=gongan", "/", "/zhuanti/"]
    return [*lists, exemplar.url, campaign.url]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_pages_are_byte_identical_with_the_memo_on_and_off(client, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    paths = card_pages()
    with override_settings(FRAGMENT_MEMO_ENTRIES=0):
        unmemoised = {path: body(client, path) for path in paths}
    first = {path: body(client, path) for path in paths}
    assert fragment_memo.stats()["misses"] > 30
    hits = fragment_memo.stats()["hits"]
    second = {path: body(client, path) for path in paths}
    assert fragment_memo.stats()["hits"] > hits + 30, "the second visit renders its cards from the memo"
    assert first == unmemoised
    assert second == unmemoised


def test_the_card_language_follows_the_visitor(client, settings):
    chinese = body(client, "/haoren/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = body(client, "/haoren/")
    assert re.search(r'exemplar-card__likes">点赞 \d+<', chinese)
    assert re.search(r'exemplar-card__likes">\d+ likes?<', english)


def exemplar_card_of(html, name):
    cards = re.findall(r'<li class="card exemplar-card">.*?</li>', html, re.S)
    return next(card for card in cards if f">{name}</a>" in card)


def test_a_memoised_exemplar_card_shows_a_new_like_count_and_deed_at_once(client):
    exemplar = ExemplarPage.objects.live().order_by("path").first()
    before = exemplar_card_of(body(client, "/haoren/"), exemplar.person_name)
    body(client, "/haoren/")  # now from the memo

    # A like changes only the tally (it never purges the page cache), not the page.
    tally, _created = ExemplarLikeTally.objects.get_or_create(exemplar=exemplar)
    tally.total += 7
    tally.save()
    after_like = exemplar_card_of(body(client, "/haoren/"), exemplar.person_name)
    assert after_like != before
    assert f"{tally.total}" in after_like

    exemplar.deed = "雨夜背起摔倒的老人送医"
    exemplar.save_revision().publish()
    assert "雨夜背起摔倒的老人送医" in exemplar_card_of(body(client, "/haoren/"), exemplar.person_name)


def test_a_memoised_exposure_card_shows_a_changed_status_and_title_at_once(client):
    notice = BehaviourNoticePage.objects.live().order_by("-found_on", "-pk").first()
    html = body(client, "/baoguang/")
    assert notice.title in html
    body(client, "/baoguang/")
    notice.title = "南屏街占道经营已整改"
    notice.status = RectificationStatus.DONE
    notice.save_revision().publish()
    html = body(client, "/baoguang/")
    card = next(c for c in re.findall(r'<li class="card exposure-card">.*?</li>', html, re.S) if notice.title in c)
    assert "status-badge--done" in card


def test_a_memoised_ad_card_shows_a_new_title_at_once(client):
    work = PublicServiceAdPage.objects.live().order_by("-first_published_at", "-id").first()
    body(client, "/gongyi/")
    body(client, "/gongyi/")
    work.title = "文明出行从我做起"
    work.save_revision().publish()
    assert '">文明出行从我做起</a></h2>' in body(client, "/gongyi/")


def test_the_ad_card_image_is_the_one_the_image_tag_shows(client):
    work = PublicServiceAdPage.objects.live().order_by("-first_published_at", "-id").first()
    image = work.artworks.first().image
    tag = engines["django"].from_string("{% load wagtailimages_tags %}{% image image fill-480x360 %}")
    html = tag.render({"image": image})
    url, width, height = rendition_sizes(image, AD_CARD_IMAGE)
    assert f'src="{url}"' in html and f'width="{width}"' in html and f'height="{height}"' in html

    # A moved focal point needs a new crop: the rendition of the old one is not reused.
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 10, 10, 20, 20
    image.save()
    image = type(image).objects.prefetch_related("renditions").get(pk=image.pk)
    moved_url, _width, _height = rendition_sizes(image, AD_CARD_IMAGE)
    assert moved_url != url
    rendition = image.renditions.get(file__endswith=moved_url.rsplit("/", 1)[1])
    assert rendition.focal_point_key == Filter(AD_CARD_IMAGE).get_cache_key(image)


LOCMEM = "django.template.loaders.locmem.Loader"


def test_an_edited_card_template_is_rendered_anew():
    sources = {"card.html": "<p>{{ name }}</p>"}
    backend = "django.template.backends.django.DjangoTemplates"
    templates = [{"BACKEND": backend, "OPTIONS": {"loaders": [(LOCMEM, sources)]}}]
    with override_settings(TEMPLATES=templates):
        assert fragment_memo.render_fragment("card.html", {"name": "王海涛"}) == "<p>王海涛</p>"
        sources["card.html"] = "<h3>{{ name }}</h3>"
        assert fragment_memo.render_fragment("card.html", {"name": "王海涛"}) == "<h3>王海涛</h3>"


def test_the_memo_is_keyed_by_the_language_and_bounded(settings):
    settings.FRAGMENT_MEMO_ENTRIES = 3
    template = "content/includes/exposure_status.html"
    values = {"status": "done", "label": "", "days": 0}
    with translation.override("en"):
        fragment_memo.render_fragment(template, values)
    with translation.override("zh-hans"):
        fragment_memo.render_fragment(template, values)
    assert fragment_memo.stats()["misses"] == 2
    for days in range(10):
        fragment_memo.render_fragment(template, {**values, "days": days})
    assert fragment_memo.stats()["entries"] == 3


def test_the_footer_identity_is_memoised_and_follows_a_saved_identity(client):
    body(client, "/danwei/")
    hits = fragment_memo.stats()["hits"]
    body(client, "/renwu/")
    assert fragment_memo.stats()["hits"] > hits, "another page's footer comes from the memo"
    identity = SiteIdentity.objects.order_by("pk").first()
    identity.contact_phone = "0871-63130000"
    identity.save()
    assert "0871-63130000" in body(client, "/danwei/")


def done_count(html):
    return int(re.search(r'home-count--done"><a [^>]*><span class="home-count__number">(\d+)<', html).group(1))


def test_the_memoised_home_page_shows_a_changed_notice_and_count_at_once(client):
    notice = (
        BehaviourNoticePage.objects.live()
        .exclude(status=RectificationStatus.DONE)
        .order_by("-first_published_at", "-pk")
        .first()
    )
    before = body(client, "/")
    assert notice.title in before, "the newest notices are listed"
    assert body(client, "/") == before  # now from the memo
    notice.title = "南屏街占道经营已整改"
    notice.status = RectificationStatus.DONE
    notice.save_revision().publish()
    after = body(client, "/")
    assert "南屏街占道经营已整改" in after
    assert done_count(after) == done_count(before) + 1

"""Every public page type carries a description, a canonical link and a share card (Open Graph and
Twitter), and a QR code of its public address for WeChat (docs/sharing.md)."""

import lxml.html
import pytest
from django.conf import settings
from wagtail.models import Page, PageViewRestriction, get_page_models

from content.ads.models.works import PublicServiceAdPage
from content.exemplars.models import ExemplarPage
from content.exposure.models import BehaviourNoticePage
from content.handbooks.models import EtiquetteHandbookPage
from core.qr import qr_svg

pytestmark = pytest.mark.django_db

CARD_PROPERTIES = ["og:site_name", "og:type", "og:title", "og:description", "og:url", "og:image"]
TWITTER_NAMES = ["twitter:card", "twitter:title", "twitter:description", "twitter:image"]


def head_of(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.content).find("head")


def meta(head, attribute, name):
    found = head.xpath(f'meta[@{attribute}="{name}"]/@content')
    assert len(found) == 1, f"{name}: {found}"
    return found[0]


def card(response):
    head = head_of(response)
    values = {name: meta(head, "property", name) for name in CARD_PROPERTIES}
    values.update({name: meta(head, "name", name) for name in [*TWITTER_NAMES, "description"]})
    canonical = head.xpath('link[@rel="canonical"]/@href')
    assert len(canonical) == 1
    values["canonical"] = canonical[0]
    return values


def public_page_models():
    return [model for model in get_page_models() if model is not Page and not model._meta.abstract]


def first_live(model):
    return model.objects.live().filter(depth__gt=1).order_by("path").first()


def test_the_demo_has_a_live_page_of_every_page_type():
    # Guards the next test: a page type without a demo page would go unchecked.
    missing = [model.__name__ for model in public_page_models() if first_live(model) is None]
    assert missing == []


@pytest.mark.parametrize("model", public_page_models(), ids=lambda model: model.__name__)
def test_every_page_type_has_a_share_card_and_a_canonical_link(client, model):
    page = first_live(model)
    values = card(client.get(page.url))
    address = settings.PORTAL_PUBLIC_URL + page.url
    assert values["canonical"] == values["og:url"] == address
    assert values["og:title"] == values["twitter:title"] == (page.seo_title or page.title)
    assert values["description"] == values["og:description"] == values["twitter:description"]
    assert 0 < len(values["description"]) <= 121
    assert values["og:image"].startswith(settings.PORTAL_PUBLIC_URL + "/")
    assert values["og:image"] == values["twitter:image"]
    assert values["twitter:card"] in {"summary", "summary_large_image"}


def test_a_search_description_typed_by_the_editor_wins(client):
    page = PublicServiceAdPage.objects.live().order_by("path").first()
    page.search_description = "编辑填写的摘要 <b>加粗</b> & 说明"
    page.save_revision().publish()
    response = client.get(page.url)
    # Plain text: markup typed into the field is dropped, the rest escaped in the attribute.
    assert card(response)["description"] == "编辑填写的摘要 加粗 & 说明"
    assert "<b>加粗" not in response.content.decode()


@pytest.mark.parametrize(
    "model,rendition",
    [(PublicServiceAdPage, ".max-960x1280."), (EtiquetteHandbookPage, ".width-640."), (ExemplarPage, None)],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_a_page_with_an_image_shares_the_rendition_it_shows(client, model, rendition):
    pages = model.objects.live().order_by("path")
    for page in pages:
        response = client.get(page.url)
        values = card(response)
        if values["twitter:card"] == "summary_large_image":
            break
    else:
        pytest.fail(f"no {model.__name__} of the demo shares an image of its own")
    image = values["og:image"]
    assert image.startswith(settings.PORTAL_PUBLIC_URL + settings.MEDIA_URL)
    if rendition:
        assert rendition in image
    # The very file the page shows (no second rendition made for the card).
    assert image.removeprefix(settings.PORTAL_PUBLIC_URL) in response.content.decode()


def test_an_exposure_photo_is_shared_only_as_its_blurred_public_rendition(client):
    for page in BehaviourNoticePage.objects.live().order_by("path"):
        values = card(client.get(page.url))
        if values["twitter:card"] == "summary_large_image":
            # Public renditions of protected photos live under their own folder, never the original.
            assert "/media/images/" not in values["og:image"]
            assert "private" not in values["og:image"]


def test_a_page_without_an_image_shares_the_site_mark(client):
    values = card(client.get("/renwu/"))
    assert values["twitter:card"] == "summary"
    assert values["og:image"] == settings.PORTAL_PUBLIC_URL + "/static/img/share.png"


def test_the_canonical_link_ignores_the_host_asked_and_the_query_string(client):
    response = client.get("/gongyi/?zhuti=wenming-jiaotong&utm_source=wechat", HTTP_HOST="evil.example")
    # ALLOWED_HOSTS is "*" in the tests; the card still names the configured public address.
    if response.status_code == 200:
        assert card(response)["canonical"] == settings.PORTAL_PUBLIC_URL + "/gongyi/"


def test_section_pages_link_their_feeds(client):
    for path, name in [("/gongyi/", "gongyi"), ("/haoren/", "haoren"), ("/baoguang/", "baoguang")]:
        head = head_of(client.get(path))
        links = {link.get("type"): link.get("href") for link in head.xpath('link[@rel="alternate"]')}
        assert links == {
            "application/rss+xml": f"/dingyue/{name}/rss.xml",
            "application/atom+xml": f"/dingyue/{name}/atom.xml",
        }
    assert head_of(client.get("/liyi/")).xpath('link[@rel="alternate"]') == []


@pytest.mark.parametrize(
    ("address", "title", "description"),
    [
        ("/liuyan/", "留言答复", "市民向市级牵头单位提出的建议和问题"),
        ("/liuyan/xie/", "我要留言", "向负责的牵头单位提出建议或问题"),
        ("/suishoupai/", "随手拍", "随手拍下昆明街头的不文明行为"),
    ],
)
def test_the_citizens_pages_that_are_not_wagtail_pages_have_their_own_card(client, address, title, description):
    values = card(client.get(address))
    assert title in values["og:title"]
    assert values["description"].startswith(description)
    assert values["canonical"] == settings.PORTAL_PUBLIC_URL + address


def test_an_answered_message_is_shared_with_its_subject_and_question(client):
    from interaction.models import Message

    message = Message.objects.published().order_by("pk").first()
    values = card(client.get(f"/liuyan/{message.pk}/"))
    assert values["og:title"] == message.subject
    question = " ".join(message.public_question.split())
    assert values["description"].startswith(question[:20])
    assert len(values["description"]) <= 121


def test_receipts_and_status_look_ups_carry_no_share_card(client):
    head = head_of(client.get("/tuijian/status/"))
    assert head.xpath('meta[@name="robots"]/@content') == ["noindex"]
    assert head.xpath('link[@rel="canonical"]') == []
    assert head.xpath('meta[@property="og:url"]') == []


# --- The QR code for WeChat ----------------------------------------------------------------------


def qr_image_of(client, page):
    html = lxml.html.fromstring(client.get(page.url).content)
    return html.xpath('//footer//details[contains(@class, "share-qr")]//img/@src')


def test_every_public_page_offers_the_qr_code_of_its_public_address(client):
    page = ExemplarPage.objects.live().order_by("path").first()
    [src] = qr_image_of(client, page)
    assert src == f"/fenxiang/{page.pk}/erweima.svg"
    response = client.get(src)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "public" in response["Cache-Control"]
    # Drawn here, by the same code as the ad placements' stickers, from the public address.
    assert response.content == qr_svg(settings.PORTAL_PUBLIC_URL + page.url, box_size=8, border=2)


def test_no_qr_code_for_drafts_private_pages_or_other_sites_pages(client):
    page = ExemplarPage.objects.live().order_by("path").first()
    page.unpublish()
    assert client.get(f"/fenxiang/{page.pk}/erweima.svg").status_code == 404

    other = ExemplarPage.objects.live().order_by("path").first()
    PageViewRestriction.objects.create(page=other.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/fenxiang/{other.pk}/erweima.svg").status_code == 404

    root = Page.objects.get(depth=1)
    assert client.get(f"/fenxiang/{root.pk}/erweima.svg").status_code == 404
    assert client.get("/fenxiang/999999/erweima.svg").status_code == 404

"""The share card of a page: what search engines, WeChat and other apps show for a link to it.

Everything comes from what the page and its template load anyway, so a card costs no query on
any page (tests/portal/test_query_counts.py): the text from the page's own fields, the image from
the artworks or photos already in the template's context, in the rendition the page shows."""

import logging

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.images.models import SourceImageIOError

from content.ads.models.works import PublicServiceAdPage
from content.exemplars.models import ExemplarPage
from content.exposure.models import ExposureNoticePage
from content.handbooks.models import EtiquetteHandbookPage
from content.news.models import NewsPage
from content.specials.models import CampaignSpecialPage
from content.templatetags.protected_photos import public_photo_src
from portal.sharing.links import absolute_url, share_image_fallback

logger = logging.getLogger(__name__)

DESCRIPTION_LENGTH = 120
# The first of these a page has, with text, describes it (search_description is the editor's own).
SUMMARY_FIELDS = ("search_description", "deed", "summary", "intro", "description", "problem", "text", "body")
# The renditions the detail templates show: the card names the same file, made once.
AD_RENDITION = "max-960x1280"
HANDBOOK_RENDITION = "width-640"
NEWS_RENDITION = "width-960"
SPECIAL_RENDITION = "fill-1600x500"


def summary(page):
    for name in SUMMARY_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, str) and value.strip():
            text = " ".join(strip_tags(value).split())
            if text:
                return Truncator(text).chars(DESCRIPTION_LENGTH)
    return _("Kunming's national civilised-city work: public-service ads, good people, etiquette and exposure notices.")


def _rendition_url(image, spec):
    # As `{% image %}` does, a missing original file costs the card its image, not the page.
    try:
        return image.get_rendition(spec).url
    except SourceImageIOError:
        logger.warning("share card: image %s has no original file", image.pk)
        return None


def _ad_image(page, context):
    artworks = context.get("artworks")
    # Iterating the template's own queryset fills its cache: the template then reads the same rows.
    artwork = next(iter(artworks), None) if artworks is not None else None
    return _rendition_url(artwork.image, AD_RENDITION) if artwork is not None else None


def _photo_items_image(key):
    def image(page, context):
        for item in context.get(key) or ():
            src = public_photo_src(item.photo)
            if src:
                return src
        return None

    return image


def _handbook_image(page, context):
    return _rendition_url(page.cover_image, HANDBOOK_RENDITION) if page.cover_image_id else None


def _own_image(field, spec):
    # The page's own image, joined when the page was served (page_select_related): no query.
    def image(page, context):
        return _rendition_url(getattr(page, field), spec) if getattr(page, f"{field}_id") else None

    return image


IMAGE_FINDERS = [
    (NewsPage, _own_image("lead_image", NEWS_RENDITION)),
    (CampaignSpecialPage, _own_image("banner_image", SPECIAL_RENDITION)),
    (PublicServiceAdPage, _ad_image),
    (ExemplarPage, _photo_items_image("shown_photos")),
    (ExposureNoticePage, _photo_items_image("notice_photos")),
    (EtiquetteHandbookPage, _handbook_image),
]


def page_image(page, context):
    """The absolute address of the page's own image (a rendition), or None."""
    for page_class, finder in IMAGE_FINDERS:
        if isinstance(page, page_class):
            url = finder(page, context)
            return absolute_url(url) if url else None
    return None


def share_card(page, context, request):
    """The card of a Wagtail page, or of a view that names its `share_title` (the site map, the
    citizens' forms, the answered messages) and, if it has one, its `share_description`."""
    if page is None:
        return {
            "title": context["share_title"],
            "description": context.get("share_description") or summary(None),
            "canonical": absolute_url(request.path),
            "image": share_image_fallback(),
            "has_own_image": False,
            "type": "website",
        }
    image = page_image(page, context)
    return {
        "title": page.seo_title or page.title,
        "description": summary(page),
        "canonical": absolute_url(request.path),
        "image": image or share_image_fallback(),
        "has_own_image": image is not None,
        "type": "article" if getattr(page, "bureau_id", None) else "website",
    }

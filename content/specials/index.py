"""The 专题 section page (/zhuanti/): every live special, the current ones first."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import Rendition
from wagtail.models import Page

from content.sections import SectionIndexPage
from content.specials.models import CampaignSpecialPage
from core.public_pages import LINKED_PAGE_FIELDS, public

#: The banner on a list card and in the home page's specials area.
BANNER_CARD = "fill-640x200"
#: The banner of the campaign the home page leads with, across the page's width (banners are 16:5).
BANNER_WIDE = "fill-1280x400"


def special_card_rows(specials):
    """What a special's card shows, in the specials' own query."""
    return specials.select_related("bureau", "banner_image").only(
        *LINKED_PAGE_FIELDS,
        "intro",
        "banner_image",
        "banner_alt",
        "campaign_starts_on",
        "campaign_ends_on",
        "bureau__title",
    )


def banner_renditions(renditions=(BANNER_CARD,)):
    return Prefetch("banner_image__renditions", queryset=Rendition.objects.filter(filter_spec__in=renditions))


def special_cards(specials, renditions=(BANNER_CARD,)):
    """What a special's card shows, with the banner's renditions prefetched (two queries)."""
    return special_card_rows(specials).prefetch_related(banner_renditions(renditions))


class CampaignSpecialIndexPage(SectionIndexPage):
    nav_label = _("Campaign specials")
    item_model = "content.CampaignSpecialPage"

    class Meta:
        verbose_name = _("campaign specials index")

    def get_template(self, request, *args, **kwargs):
        return "content/specials/index.html"

    def get_context(self, request, *args, **kwargs):
        context = Page.get_context(self, request, *args, **kwargs)
        today = timezone.localdate()
        specials = list(
            special_cards(public(CampaignSpecialPage.objects.live())).order_by(
                "-campaign_starts_on", "-first_published_at", "-pk"
            )[:100]
        )
        for special in specials:
            special.is_current = bool(
                special.campaign_starts_on
                and special.campaign_starts_on <= today
                and (special.campaign_ends_on is None or today <= special.campaign_ends_on)
            )
        context["specials"] = specials
        context["tasks"] = self.tasks_with_bureaus()
        return context

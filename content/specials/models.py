"""Campaign specials (专题): one page per campaign (文明交通月, 9·20 公民道德宣传日, 垃圾分类宣传周)
with a banner, an introduction, and the news, ads, exemplars and exposure notices it gathers,
chosen one by one or by a tag (docs/specials.md). A special may be featured on the home page
between two dates.

A special is written by a bureau under its own subtree and published through its review, like
every content page; it is read at /zhuanti/<bureau>/<slug>/."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from bureaus.models.ownership import BureauOwnedPage
from content.specials.gather import gathered_lists
from core.public_pages import public
from core.safety.model_check import ContentSafetyMixin

#: What a special may gather, as the page chooser offers it.
GATHERED_TYPES = [
    "content.NewsPage",
    "content.PublicServiceAdPage",
    "content.ExemplarPage",
    "content.BehaviourNoticePage",
    "content.UnitNoticePage",
]


class CampaignSpecialPage(BureauOwnedPage):
    """One campaign special (专题)."""

    #: Served at /zhuanti/<bureau>/<slug>/ (专题; bureaus/section_urls.py).
    section_slug = "zhuanti"

    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("banner image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide image (about 1600 × 500) shown at the top of the special."),
    )
    banner_alt = models.CharField(
        _("text alternative of the banner"),
        max_length=200,
        blank=True,
        help_text=_("What the banner shows, for readers who cannot see it."),
    )
    intro = models.TextField(_("introduction"))
    body = RichTextField(_("body"), features=["h3", "bold", "italic", "ol", "ul", "link"], blank=True)
    campaign_starts_on = models.DateField(_("campaign starts on"), null=True, blank=True)
    campaign_ends_on = models.DateField(_("campaign ends on"), null=True, blank=True)
    gather_tag = models.CharField(
        _("gather by tag"),
        max_length=100,
        blank=True,
        help_text=_(
            "News, ads and exemplars with this tag are listed on the special besides the pages chosen "
            "below, e.g. 文明交通月. Leave empty to list only the chosen pages."
        ),
    )
    featured_from = models.DateField(
        _("on the home page from"),
        null=True,
        blank=True,
        help_text=_("The home page features the special from this date to the end date; leave both empty not to."),
    )
    featured_until = models.DateField(_("on the home page until"), null=True, blank=True)

    content_panels = BureauOwnedPage.content_panels + [
        MultiFieldPanel([FieldPanel("banner_image"), FieldPanel("banner_alt")], heading=_("Banner")),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("campaign_starts_on"), FieldPanel("campaign_ends_on")]),
        FieldPanel("gather_tag"),
        InlinePanel("chosen_items", label=_("Chosen pages")),
        FieldRowPanel([FieldPanel("featured_from"), FieldPanel("featured_until")], heading=_("Home page")),
    ]
    search_fields = BureauOwnedPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("bureau_id"),
    ]

    template = "content/specials/special_page.html"
    page_select_related = ("bureau", "banner_image")

    class Meta:
        verbose_name = _("campaign special")
        verbose_name_plural = _("campaign specials")

    def clean(self):
        super().clean()
        errors = {}
        if self.banner_image_id and not self.banner_alt.strip():
            errors["banner_alt"] = _("Say what the banner shows.")
        if self.campaign_starts_on and self.campaign_ends_on and self.campaign_ends_on < self.campaign_starts_on:
            errors["campaign_ends_on"] = _("The end date must not be before the start date.")
        if bool(self.featured_from) != bool(self.featured_until):
            field = "featured_until" if self.featured_from else "featured_from"
            errors[field] = _("Give both dates for the home page, or neither.")
        elif self.featured_from and self.featured_until < self.featured_from:
            errors["featured_until"] = _("The end date must not be before the start date.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(gathered_lists(self))
        return context


class SpecialChosenItem(ContentSafetyMixin, Orderable):
    """A page an editor chose for the special (a news article, an ad, an exemplar, a notice)."""

    special = ParentalKey(CampaignSpecialPage, on_delete=models.CASCADE, related_name="chosen_items")
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page", page_type=GATHERED_TYPES)]

    class Meta(Orderable.Meta):
        verbose_name = _("chosen page")
        verbose_name_plural = _("chosen pages")


def current_specials(today=None):
    """Live, public specials the home page features today (featured_from ≤ today ≤ featured_until)."""
    today = today or timezone.localdate()
    return (
        public(CampaignSpecialPage.objects.live())
        .filter(featured_from__lte=today, featured_until__gte=today)
        .order_by("featured_from", "pk")
    )

"""创建动态: news of the civilised-city work, written by any bureau under its own subtree and
published through its review workflow (docs/news.md).

Directive 昆办发〔2017〕30号 asks for a column that reports creation news and results
continuously (宣传创建动态和创建成果). An article names the directive tasks it reports on; the
task page lists its news in turn (the reverse of `related_tasks`)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from bureaus.models.ownership import BureauOwnedPage
from core.public_pages import LINKED_PAGE_FIELDS

SUMMARY_MAX_LENGTH = 150


class NewsTag(TaggedItemBase):
    content_object = ParentalKey("content.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(BureauOwnedPage):
    """One news article (创建动态) of a bureau."""

    #: Served at /dongtai/<bureau>/<slug>/ (创建动态; bureaus/section_urls.py).
    section_slug = "dongtai"

    published_on = models.DateField(
        _("publication date"),
        default=datetime.date.today,
        help_text=_("The date the article reports as its own; the list is sorted and filtered by it."),
    )
    source = models.CharField(
        _("source"), max_length=100, blank=True, help_text=_("Where the article first appeared, e.g. 昆明日报.")
    )
    summary = models.CharField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_("At most 150 characters, shown on the list and in the feeds."),
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        _("text alternative of the lead image"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    body = RichTextField(_("body"), features=["h3", "bold", "italic", "ol", "ul", "link", "image"])
    related_tasks = ParentalManyToManyField(
        "content.CreationTaskPage",
        verbose_name=_("directive tasks reported on"),
        blank=True,
        related_name="news_pages",
        help_text=_("The task pages list the news that reports on them."),
    )
    tags = ClusterTaggableManager(through=NewsTag, blank=True, verbose_name=_("tags"))

    content_panels = BureauOwnedPage.content_panels + [
        FieldRowPanel([FieldPanel("published_on"), FieldPanel("source")]),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading=_("Lead image")),
        FieldPanel("body"),
        FieldPanel("related_tasks"),
        FieldPanel("tags"),
    ]
    search_fields = BureauOwnedPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("source"),
        index.FilterField("published_on"),
        index.FilterField("bureau_id"),
    ]

    template = "content/news/news_page.html"
    page_select_related = ("bureau", "lead_image")

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def clean(self):
        super().clean()
        if self.lead_image_id and not self.lead_image_alt.strip():
            raise ValidationError({"lead_image_alt": _("Say what the lead image shows.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for the tasks, whatever their number; in memory on a preview.
        tasks = self.related_tasks.select_related("mechanism").only(
            *LINKED_PAGE_FIELDS, "number", "mechanism__title", "mechanism__number"
        )
        context["news_tasks"] = sorted(
            (task for task in tasks if task.live), key=lambda task: (task.mechanism.number, task.number)
        )
        context["tag_names"] = [tag.name for tag in self.tags.all()]
        return context

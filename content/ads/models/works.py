"""Public-service ad works (公益广告作品) and their reference data."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from bureaus.models.ownership import BureauOwnedPage
from core.media_files import media_kind, mime_type
from core.safety.model_check import ContentSafetyMixin


class AdTheme(ContentSafetyMixin, models.Model):
    """A theme of public-service ads (社会主义核心价值观, 文明交通, …): central reference data."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("ad theme")
        verbose_name_plural = _("ad themes")

    def __str__(self):
        return self.name


class AdCarrier(ContentSafetyMixin, models.Model):
    """Where a work is displayed (工地围挡, 公交站台, LED电子屏, …) and how often it is inspected."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    inspection_interval_days = models.PositiveSmallIntegerField(
        _("inspection interval (days)"), default=30, help_text=_("A placement is due for inspection this often.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("ad carrier")
        verbose_name_plural = _("ad carriers")

    def __str__(self):
        return self.name


class AdMedium(models.TextChoices):
    PRINT = "print", _("Print")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio")
    ONLINE = "online", _("Online")


class AdLicence(models.TextChoices):
    PUBLIC_WELFARE = "public-welfare", _("Free for public-welfare use, unaltered, with attribution")
    CC_BY = "cc-by-4.0", _("CC BY 4.0")
    CC_BY_NC = "cc-by-nc-4.0", _("CC BY-NC 4.0")
    ALL_RIGHTS = "all-rights-reserved", _("All rights reserved: ask the bureau before reuse")


class AdTag(TaggedItemBase):
    content_object = ParentalKey("content.PublicServiceAdPage", on_delete=models.CASCADE, related_name="tagged_items")


class PublicServiceAdPage(BureauOwnedPage):
    """One public-service ad work, published by the bureau it lives under."""

    #: Served at /gongyi/<bureau>/<slug>/ (公益广告; bureaus/section_urls.py).
    section_slug = "gongyi"

    theme = models.ForeignKey(AdTheme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="works")
    medium = models.CharField(_("medium"), max_length=10, choices=AdMedium.choices, default=AdMedium.PRINT)
    description = RichTextField(_("description"), features=["bold", "italic", "ol", "ul", "link"], blank=True)
    valid_from = models.DateField(_("valid from"), default=datetime.date.today)
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("Leave empty if it does not expire."))
    sponsor = models.CharField(_("sponsor"), max_length=100, blank=True)
    licence = models.CharField(_("licence"), max_length=30, choices=AdLicence.choices, default=AdLicence.PUBLIC_WELFARE)
    attribution = models.CharField(
        _("attribution"), max_length=200, blank=True, help_text=_("How reusers must credit the work.")
    )
    tags = ClusterTaggableManager(through=AdTag, blank=True, verbose_name=_("tags"))

    content_panels = BureauOwnedPage.content_panels + [
        FieldRowPanel([FieldPanel("theme"), FieldPanel("medium")]),
        FieldPanel("description"),
        InlinePanel("artworks", label=_("Artwork images"), min_num=1),
        InlinePanel("media_files", label=_("Video or audio files")),
        InlinePanel("downloads", label=_("Carrier-sized downloads")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
                FieldPanel("sponsor"),
                FieldPanel("licence"),
                FieldPanel("attribution"),
                FieldPanel("tags"),
            ],
            heading=_("Validity, licence and tags"),
        ),
    ]
    search_fields = BureauOwnedPage.search_fields + [
        index.SearchField("description"),
        index.SearchField("sponsor"),
        index.RelatedFields("theme", [index.SearchField("name")]),
        index.FilterField("theme_id"),
        index.FilterField("medium"),
        index.FilterField("bureau_id"),
    ]

    class Meta:
        verbose_name = _("public-service ad")
        verbose_name_plural = _("public-service ads")

    def clean(self):
        super().clean()
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date must not be before the start date.")})

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    @property
    def year(self):
        return self.valid_from.year

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["artworks"] = self.artworks.select_related("image").order_by("sort_order")
        context["media_files"] = self.media_files.select_related("document").order_by("sort_order")
        context["downloads"] = self.downloads.select_related("carrier", "document").order_by("sort_order")
        context["placements"] = (
            self.placements.exclude(status="removed")
            .select_related("carrier", "district")
            .order_by("carrier__sort_order", "code")
        )
        return context


class AdArtwork(ContentSafetyMixin, Orderable):
    page = ParentalKey(PublicServiceAdPage, on_delete=models.CASCADE, related_name="artworks")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.PROTECT, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    alt_text = models.CharField(
        _("text alternative"), max_length=200, help_text=_("What the artwork shows, for people who cannot see it.")
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("ad artwork image")
        verbose_name_plural = _("ad artwork images")


class AdMediaFile(ContentSafetyMixin, Orderable):
    page = ParentalKey(PublicServiceAdPage, on_delete=models.CASCADE, related_name="media_files")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=100)
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), null=True, blank=True)
    transcript = models.TextField(_("transcript or captions"), blank=True)

    panels = [FieldPanel("document"), FieldPanel("title"), FieldPanel("duration_seconds"), FieldPanel("transcript")]

    class Meta(Orderable.Meta):
        verbose_name = _("video or audio file")
        verbose_name_plural = _("video or audio files")

    def clean(self):
        super().clean()
        # The work's page plays this file: a PDF or a spreadsheet here would be a broken player.
        if self.document_id and media_kind(self.document.file.name) is None:
            raise ValidationError({"document": _("Choose a video or audio file (MP4, WebM, MP3, M4A, WAV or OGG).")})

    @property
    def kind(self):
        """ "video" or "audio", from the file itself (a video ad may also ship its soundtrack)."""
        return media_kind(self.document.file.name)

    @property
    def mime_type(self):
        return mime_type(self.document.file.name)

    @property
    def duration_display(self):
        minutes, seconds = divmod(self.duration_seconds or 0, 60)
        return f"{minutes}:{seconds:02d}"


class AdDownload(ContentSafetyMixin, Orderable):
    """A print- or screen-ready file of the work sized for one kind of carrier."""

    page = ParentalKey(PublicServiceAdPage, on_delete=models.CASCADE, related_name="downloads")
    label = models.CharField(_("label"), max_length=100, help_text=_("e.g. A3 at 300 dpi, bus shelter, LED 16:9"))
    carrier = models.ForeignKey(
        AdCarrier, verbose_name=_("carrier"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    width_mm = models.PositiveIntegerField(_("width (mm)"), null=True, blank=True)
    height_mm = models.PositiveIntegerField(_("height (mm)"), null=True, blank=True)
    width_px = models.PositiveIntegerField(_("width (pixels)"), null=True, blank=True)
    height_px = models.PositiveIntegerField(_("height (pixels)"), null=True, blank=True)
    dpi = models.PositiveSmallIntegerField(_("resolution (dpi)"), null=True, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("carrier"),
        FieldRowPanel([FieldPanel("width_mm"), FieldPanel("height_mm"), FieldPanel("dpi")]),
        FieldRowPanel([FieldPanel("width_px"), FieldPanel("height_px")]),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("carrier-sized download")
        verbose_name_plural = _("carrier-sized downloads")

    def clean(self):
        super().clean()
        if not (self.width_mm and self.height_mm) and not (self.width_px and self.height_px):
            raise ValidationError(_("Give the size in millimetres or in pixels, so reusers know what it fits."))

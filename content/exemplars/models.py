"""Good people (好人榜): exemplars, the 9·20 Citizens' Moral Day campaign, and likes (点赞).

Directive task 宣传教育 4: select and publicise 道德模范, 中国好人, 云南好人, 昆明好人 and
最美人物. Kunming names 25 昆明好人 a quarter, 5 in each of five categories."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Prefetch, Value
from django.db.models.functions import Coalesce
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
from content.photos.models import ProtectedPhoto, attach_public_renditions, prefetch_public_photos
from core.compiled_queries import CompiledQuery, CompiledRelated
from core.public_pages import LINKED_PAGE_FIELDS, public, restricted_shape
from core.safety.model_check import ContentSafetyMixin


class HonourLevel(models.TextChoices):
    MORAL_MODEL = "moral-model", _("Moral model")
    CHINA = "china", _("Good person of China")
    YUNNAN = "yunnan", _("Good person of Yunnan")
    KUNMING = "kunming", _("Good person of Kunming")
    MOST_BEAUTIFUL = "most-beautiful", _("Most beautiful person")


class ExemplarCategory(models.TextChoices):
    HELPING_OTHERS = "helping-others", _("Helping others")
    BRAVERY = "bravery", _("Acting bravely for a just cause")
    HONESTY = "honesty", _("Honesty and trustworthiness")
    DEDICATION = "dedication", _("Dedication to work")
    FILIAL_PIETY = "filial-piety", _("Filial piety and love of family")


DEED_MAX_LENGTH = 70


class ExemplarTag(TaggedItemBase):
    content_object = ParentalKey("content.ExemplarPage", on_delete=models.CASCADE, related_name="tagged_items")


class ExemplarPage(BureauOwnedPage):
    """One exemplar, published by the bureau that recommended them."""

    #: Served at /haoren/<bureau>/<slug>/ (好人榜; bureaus/section_urls.py).
    section_slug = "haoren"

    person_name = models.CharField(_("name"), max_length=50)
    honour_level = models.CharField(_("honour level"), max_length=20, choices=HonourLevel.choices)
    category = models.CharField(_("category"), max_length=20, choices=ExemplarCategory.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(
        _("quarter"),
        null=True,
        blank=True,
        choices=[(1, _("Q1")), (2, _("Q2")), (3, _("Q3")), (4, _("Q4"))],
        help_text=_("For honours named every quarter (昆明好人); leave empty for yearly honours."),
    )
    district = models.ForeignKey(
        "portal.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deed = models.CharField(
        _("deed in one line"), max_length=DEED_MAX_LENGTH, help_text=_("At most 70 characters, shown on the list.")
    )
    story = RichTextField(_("story"), features=["h3", "bold", "italic", "ol", "ul", "link"])
    tags = ClusterTaggableManager(through=ExemplarTag, blank=True, verbose_name=_("tags"))

    content_panels = BureauOwnedPage.content_panels + [
        FieldPanel("person_name"),
        FieldRowPanel([FieldPanel("honour_level"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("year"), FieldPanel("quarter"), FieldPanel("district")]),
        FieldPanel("deed"),
        FieldPanel("story"),
        InlinePanel("photos", label=_("Photos")),
        InlinePanel("honours", label=_("Honours")),
        MultiFieldPanel([FieldPanel("tags")], heading=_("Tags")),
    ]
    search_fields = BureauOwnedPage.search_fields + [
        index.SearchField("person_name"),
        index.SearchField("deed"),
        index.SearchField("story"),
        index.FilterField("honour_level"),
        index.FilterField("category"),
        index.FilterField("year"),
        index.FilterField("district_id"),
        index.FilterField("bureau_id"),
    ]

    page_select_related = ("bureau", "district", "like_tally")

    class Meta:
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")

    def like_total(self):
        # The tally comes with the page when it was served (page_select_related); a preview asks.
        if "like_tally" in self._state.fields_cache:
            tally = self._state.fields_cache["like_tally"]
            return tally.total if tally is not None else 0
        return ExemplarLikeTally.objects.filter(exemplar_id=self.pk).values_list("total", flat=True).first() or 0

    def clean(self):
        super().clean()
        if self.honour_level == HonourLevel.KUNMING and not self.quarter:
            raise ValidationError({"quarter": _("A good person of Kunming is named for a quarter: choose one.")})

    def get_context(self, request, *args, **kwargs):
        # Kept small: the page costs a fixed number of queries however many photos or likes it has.
        context = super().get_context(request, *args, **kwargs)
        if self.pk:
            # Compiled once per set of private sections (core/compiled_queries.py).
            context["shown_photos"] = _SHOWN_PHOTOS.fetch(self.pk)
            attach_public_renditions([row.photo for row in context["shown_photos"]])
            more = _MORE_IN_CATEGORY.fetch(self.category, self.pk, shape=restricted_shape())
        else:  # a preview of a page not yet saved
            context["shown_photos"] = []
            more = exemplar_cards(photos=False).filter(category=self.category).order_by("-year", "-pk")[:4]
        context["honours"] = list(self.honours.all())  # in memory on a preview, so not re-queried
        context["tag_names"] = [tag.name for tag in self.tags.all()]
        context["like_count"] = self.like_total()
        context["more_in_category"] = list(more)
        index = _section_page()
        context["index_page"] = index
        context["tasks"] = index.tasks_with_bureaus() if index else []
        return context


class ExemplarHonour(ContentSafetyMixin, Orderable):
    page = ParentalKey(ExemplarPage, on_delete=models.CASCADE, related_name="honours")
    title = models.CharField(_("honour"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    awarded_by = models.CharField(_("awarded by"), max_length=100, blank=True)

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("year"), FieldPanel("awarded_by")])]

    class Meta(Orderable.Meta):
        verbose_name = _("honour")
        verbose_name_plural = _("honours")


class ExemplarPhoto(ContentSafetyMixin, Orderable):
    """A photo on an exemplar page. Whether it may be shown (consent, minor) is recorded on the
    photo itself (content.photos), so it holds on every page that uses the photo."""

    page = ParentalKey(ExemplarPage, on_delete=models.CASCADE, related_name="photos")
    photo = models.ForeignKey(
        "content.ProtectedPhoto",
        verbose_name=_("photo"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Shown only when the photo's consent is recorded and it shows no minor: both are set on "
            "the photo (Protected photos in the menu), not here."
        ),
    )
    alt_text = models.CharField(_("text alternative"), max_length=200, help_text=_("What the photo shows."))
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("photo"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("exemplar photo")
        verbose_name_plural = _("exemplar photos")

    @staticmethod
    def shown_filter():
        """The photos of exemplar pages the public may see (the photo's own rule)."""
        return ProtectedPhoto.public_filter("photo__")

    @property
    def may_be_shown(self):
        return self.photo.may_be_public


class MoralDayCampaignPage(BureauOwnedPage):
    """The 9·20 Citizens' Moral Day (公民道德宣传日) of one year: its exemplars and events."""

    #: Served at /haoren/<bureau>/<slug>/ (好人榜: the campaign that names the exemplars; bureaus/section_urls.py).
    section_slug = "haoren"

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2003), MaxValueValidator(2100)])
    intro = models.TextField(_("introduction"))
    body = RichTextField(_("body"), features=["h3", "bold", "italic", "ol", "ul", "link"], blank=True)

    content_panels = BureauOwnedPage.content_panels + [
        FieldPanel("year"),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("featured_exemplars", label=_("Exemplars honoured")),
        InlinePanel("events", label=_("Events")),
    ]
    search_fields = BureauOwnedPage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("9·20 Citizens' Moral Day campaign")
        verbose_name_plural = _("9·20 Citizens' Moral Day campaigns")

    #: Yearly honours of the campaign's year join the page by themselves; the quarterly 昆明好人
    #: (25 a quarter) are one link away, on the 好人榜 filtered by the year.
    GATHERED_LEVELS = [HonourLevel.MORAL_MODEL, HonourLevel.CHINA, HonourLevel.YUNNAN, HonourLevel.MOST_BEAUTIFUL]
    GATHERED_MAX = 24

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        links = list(dict.fromkeys(link.exemplar_id for link in self.featured_exemplars.all()))
        cards = {e.pk: e for e in exemplar_cards().filter(pk__in=links)}
        context["featured"] = [cards[pk] for pk in links if pk in cards]
        context["gathered"] = list(
            exemplar_cards()
            .filter(year=self.year, honour_level__in=self.GATHERED_LEVELS)
            .exclude(pk__in=links)
            .order_by("honour_level", "category", "pk")[: self.GATHERED_MAX]
        )
        context["events"] = sorted(self.events.all(), key=lambda event: (event.date, event.sort_order or 0))
        context["index_page"] = _section_page()
        return context


class CampaignExemplar(Orderable):
    page = ParentalKey(MoralDayCampaignPage, on_delete=models.CASCADE, related_name="featured_exemplars")
    exemplar = models.ForeignKey(ExemplarPage, verbose_name=_("exemplar"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("exemplar")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured exemplar")
        verbose_name_plural = _("featured exemplars")


class CampaignEvent(ContentSafetyMixin, Orderable):
    page = ParentalKey(MoralDayCampaignPage, on_delete=models.CASCADE, related_name="events")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=100)
    place = models.CharField(_("place"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("place")]), FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("campaign event")
        verbose_name_plural = _("campaign events")


class ExemplarLike(models.Model):
    """One like (点赞) of an exemplar by one visitor on one day; no account needed.

    The visitor is a random id in a cookie; the network address is kept only as a salted hash,
    to refuse bulk liking from one source."""

    exemplar = models.ForeignKey(ExemplarPage, on_delete=models.CASCADE, related_name="likes")
    liked_on = models.DateField(_("date"))
    visitor_key = models.CharField(max_length=64)
    source_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["exemplar", "visitor_key", "liked_on"], name="one_like_per_visitor_per_day")
        ]
        verbose_name = _("like")
        verbose_name_plural = _("likes")

    def __str__(self):
        return f"{self.exemplar_id} @ {self.liked_on}"


class ExemplarLikeTally(models.Model):
    """The running like count of an exemplar, kept apart from the page so that publishing a
    revision never resets it."""

    exemplar = models.OneToOneField(ExemplarPage, on_delete=models.CASCADE, primary_key=True, related_name="like_tally")
    total = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.exemplar_id}: {self.total}"


class RefusedLike(models.Model):
    """A like refused as bulk liking; kept for the editors who watch for abuse."""

    exemplar = models.ForeignKey(ExemplarPage, null=True, on_delete=models.SET_NULL, related_name="+")
    source_hash = models.CharField(max_length=64, db_index=True)
    reason = models.CharField(max_length=30)
    refused_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("refused like")
        verbose_name_plural = _("refused likes")

    def __str__(self):
        return f"{self.reason} @ {self.refused_at}"


def _section_page():
    pages = _SECTION_PAGE.fetch()
    return pages[0] if pages else None


# By name from the app registry: the 好人榜 section page lists these pages, so its module
# (content/exemplars/index.py) imports this one and this one cannot import it.
_SECTION_PAGE = CompiledQuery(
    lambda _shape: apps.get_model("content", "ExemplarIndexPage").objects.live().order_by("pk")[:1], ()
)
# Samples: a category and a page id no exemplar has.
_MORE_IN_CATEGORY = CompiledQuery(
    lambda _shape, category, pk: (
        exemplar_cards(photos=False).filter(category=category).exclude(pk=pk).order_by("-year", "-pk")[:4]
    ),
    ("\x00category", -9_876_041),
)
_SHOWN_PHOTOS = CompiledQuery(
    lambda _shape, pk: (
        ExemplarPhoto.objects.filter(ExemplarPhoto.shown_filter(), page_id=pk)
        .select_related("photo")
        .order_by("sort_order", "id")
    ),
    (-9_876_042,),
)


def today():
    """The visitor's day (Kunming time), for one like per visitor per day. Tests replace it to move the clock."""
    return timezone.localdate()


def shown_photos():
    """Photos the public may see: consent recorded (date and record) and not of a minor.

    Filtered in the query, so a photo without consent never reaches a template."""
    return (
        ExemplarPhoto.objects.filter(ExemplarPhoto.shown_filter())
        .select_related("photo")
        .prefetch_related(prefetch_public_photos("photo"))
        .order_by("sort_order", "id")
    )


_SHOWN_PHOTO_ROWS = CompiledRelated(
    lambda _shape: (
        ExemplarPhoto.objects.filter(ExemplarPhoto.shown_filter()).select_related("photo").order_by("sort_order", "id")
    ),
    "page_id",
)


def attach_shown_photos(exemplars):
    """`shown_photos()` of exemplars already fetched, as the list `shown_photos` on each, with their
    public renditions: two queries compiled once, whatever the number of exemplars."""
    rows = _SHOWN_PHOTO_ROWS.attach(exemplars, to_attr="shown_photos")
    attach_public_renditions([row.photo for row in rows])
    return exemplars


# What a card shows (templates/content/includes/exemplar_card.html), how lists sort and group
# cards, and what `{% pageurl %}` needs; the rest of an exemplar and its bureau's page is not read.
CARD_FIELDS = (
    *LINKED_PAGE_FIELDS,
    "first_published_at",
    "person_name",
    "honour_level",
    "category",
    "deed",
    "year",
    "quarter",
    "district__name",
    "district__slug",
    *(f"bureau__{name}" for name in LINKED_PAGE_FIELDS),
)


def exemplar_cards(queryset=None, photos=True):
    """Live, public exemplars with what a card shows, and `like_count` from the tally."""
    queryset = public(ExemplarPage.objects.live()) if queryset is None else queryset
    queryset = (
        queryset.select_related("bureau", "district")
        .only(*CARD_FIELDS)
        .annotate(like_count=Coalesce(F("like_tally__total"), Value(0)))
    )
    if photos:
        queryset = queryset.prefetch_related(Prefetch("photos", queryset=shown_photos(), to_attr="shown_photos"))
    return queryset

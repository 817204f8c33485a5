"""The exposure board (曝光台): uncivilised behaviour and units slow to rectify (宣传教育 3).

Both kinds of notice carry a rectification (整改): a status, a deadline and a public timeline of
follow-up updates. Notices expose behaviours, places and units, never a private person."""

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from bureaus.models.ownership import BureauOwnedPage
from content.photos.forms import ExposureNoticeForm
from content.photos.guard import unreviewed_photos
from content.photos.models import prefetch_public_photos
from core.safety.model_check import ContentSafetyMixin


class BehaviourType(ContentSafetyMixin, models.Model):
    """A kind of uncivilised behaviour (占道经营, 乱停乱放, …): central reference data."""

    name = models.CharField(_("name"), max_length=30, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Where a citizen's 随手拍 report of this behaviour goes (content/snapshots/routing.py).
    responsible_bureau = models.ForeignKey(
        "portal.BureauPage",
        verbose_name=_("responsible bureau"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The bureau that handles citizens' 随手拍 reports of this behaviour. "
            "Empty: the reports go to the district where it was seen."
        ),
    )

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("behaviour type")
        verbose_name_plural = _("behaviour types")

    def __str__(self):
        return self.name


class NoticeKind(models.TextChoices):
    BEHAVIOUR = "behaviour", _("Uncivilised behaviour")
    UNIT = "unit", _("Unit slow to rectify")


class RectificationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting rectification")
    IN_PROGRESS = "in-progress", _("Being rectified")
    DONE = "done", _("Rectified")
    OVERDUE = "overdue", pgettext_lazy("rectification status", "Overdue")


#: What an editor may choose; 逾期 is set by the deadline, never by hand.
EDITOR_STATUSES = [
    (RectificationStatus.PENDING, RectificationStatus.PENDING.label),
    (RectificationStatus.IN_PROGRESS, RectificationStatus.IN_PROGRESS.label),
    (RectificationStatus.DONE, RectificationStatus.DONE.label),
]


def status_on(status, deadline, today):
    """The status a notice has on `today`: an open notice past its deadline is overdue, and an
    overdue one whose deadline was extended is open again. `status_expression` is the same rule
    for the database; tests/exposure check that the two agree."""
    if status == RectificationStatus.DONE:
        return status
    if deadline is not None and deadline < today:
        return RectificationStatus.OVERDUE
    if status == RectificationStatus.OVERDUE:
        return RectificationStatus.IN_PROGRESS
    return status


def status_expression(today):
    """`status_on(status, deadline, today)` as a database expression over a notice's row."""
    S = RectificationStatus
    past_deadline = Q(deadline__isnull=False, deadline__lt=today)
    return Case(
        When(status=S.DONE, then=Value(S.DONE.value)),
        When(past_deadline, then=Value(S.OVERDUE.value)),
        When(status=S.OVERDUE, then=Value(S.IN_PROGRESS.value)),
        default="status",
        output_field=models.CharField(),
    )


class ExposureNoticePage(BureauOwnedPage):
    """Fields both kinds share. Not created directly: see the two subclasses."""

    #: Served at /baoguang/<bureau>/<slug>/ (曝光台; bureaus/section_urls.py).
    section_slug = "baoguang"

    kind = models.CharField(_("kind"), max_length=10, choices=NoticeKind.choices, editable=False)
    district = models.ForeignKey(
        "portal.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    found_on = models.DateField(_("found on"), default=timezone.localdate)
    description = models.TextField(_("description"))
    status = models.CharField(
        _("rectification status"),
        max_length=12,
        choices=RectificationStatus.choices,
        default=RectificationStatus.PENDING,
    )
    deadline = models.DateField(_("rectification deadline"), null=True, blank=True)
    closed_on = models.DateField(_("rectified on"), null=True, blank=True)

    is_creatable = False
    search_fields = BureauOwnedPage.search_fields + [
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("district_id"),
        index.FilterField("bureau_id"),
    ]
    rectification_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("deadline"), FieldPanel("closed_on")]),
                InlinePanel("rectification_updates", label=_("Follow-up updates")),
            ],
            heading=_("Rectification"),
        )
    ]
    base_form_class = ExposureNoticeForm  # refuses publishing unreviewed photos

    class Meta:
        verbose_name = _("exposure notice")
        verbose_name_plural = _("exposure notices")

    def save(self, *args, **kwargs):
        # Any save (an editor's, a revision being published, the overdue job's) recomputes 逾期,
        # so an older revision can never bring an overdue notice back to 整改中.
        self.status = status_on(self.status, self.deadline, timezone.localdate())
        return super().save(*args, **kwargs)

    def days_overdue(self, today=None):
        if self.status != RectificationStatus.OVERDUE or self.deadline is None:
            return 0
        return ((today or timezone.localdate()) - self.deadline).days

    def publication_blockers(self, revision=None):
        """Why this notice may not go public now (empty when it may): every photo it shows must
        have had its blur regions reviewed. Checked by the editor's form, the review workflow
        before an approval, and publish() itself."""

        notice = revision.as_object() if revision is not None else self
        pending = unreviewed_photos(notice)
        if not pending:
            return []
        return [
            _("The blur regions of these photos have not been reviewed: %(titles)s.")
            % {"titles": "、".join(photo.title for photo in pending)}
        ]

    def publish(self, revision, *args, **kwargs):
        # The hard gate behind the form and the workflow: whatever publishes (a scheduled
        # go-live, code), a photo no editor has reviewed never goes public.
        from django.core.exceptions import ValidationError

        blockers = self.publication_blockers(revision)
        if blockers:
            raise ValidationError(blockers)
        return super().publish(revision, *args, **kwargs)

    def rectification(self, today=None):
        """The rectification box for `today`: the stored status may predate the daily job."""
        today = today or timezone.localdate()
        status = status_on(self.status, self.deadline, today)
        overdue = status == RectificationStatus.OVERDUE and self.deadline is not None
        return {
            "status": status,
            "label": RectificationStatus(status).label,
            "days_overdue": (today - self.deadline).days if overdue else 0,
        }

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        context["rectification"] = self.rectification()
        context["notice_photos"] = list(
            self.photos.order_by("sort_order").select_related("photo").prefetch_related(prefetch_public_photos("photo"))
        )
        # The public timeline reads oldest first, like a case file.
        context["timeline"] = list(
            self.rectification_updates.order_by("date", "sort_order")
            .select_related("photo")
            .prefetch_related(prefetch_public_photos("photo"))
        )
        return context


class BehaviourNoticePage(ExposureNoticePage):
    """不文明行为曝光: a behaviour seen at a place, never who did it."""

    behaviour_type = models.ForeignKey(
        BehaviourType, verbose_name=_("behaviour type"), on_delete=models.PROTECT, related_name="notices"
    )
    place = models.CharField(_("place"), max_length=100, help_text=_("A street, square or landmark; no house numbers."))

    is_creatable = True
    content_panels = BureauOwnedPage.content_panels + [
        FieldRowPanel([FieldPanel("behaviour_type"), FieldPanel("found_on")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("district")]),
        FieldPanel("description"),
        InlinePanel("photos", label=_("Photos")),
        *ExposureNoticePage.rectification_panels,
    ]
    search_fields = ExposureNoticePage.search_fields + [
        index.SearchField("place"),
        index.RelatedFields("behaviour_type", [index.SearchField("name")]),
        index.FilterField("behaviour_type_id"),
    ]

    class Meta:
        verbose_name = _("behaviour notice")
        verbose_name_plural = _("behaviour notices")

    def save(self, *args, **kwargs):
        self.kind = NoticeKind.BEHAVIOUR
        return super().save(*args, **kwargs)


class UnitNoticePage(ExposureNoticePage):
    """整改不力单位: a department or unit slow or ineffective in rectifying a problem."""

    unit_bureau = models.ForeignKey(
        "portal.BureauPage",
        verbose_name=_("responsible bureau"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Choose the bureau, or name another unit below."),
    )
    unit_name = models.CharField(_("other unit"), max_length=100, blank=True)
    problem = models.TextField(_("problem"))
    requirement = models.TextField(_("rectification requirement"))

    is_creatable = True
    content_panels = BureauOwnedPage.content_panels + [
        FieldRowPanel([FieldPanel("unit_bureau"), FieldPanel("unit_name")]),
        FieldRowPanel([FieldPanel("found_on"), FieldPanel("district")]),
        FieldPanel("problem"),
        FieldPanel("requirement"),
        FieldPanel("description"),
        InlinePanel("photos", label=_("Photos")),
        *ExposureNoticePage.rectification_panels,
    ]
    search_fields = ExposureNoticePage.search_fields + [
        index.SearchField("unit_name"),
        index.SearchField("problem"),
        index.SearchField("requirement"),
    ]

    class Meta:
        verbose_name = _("unit notice")
        verbose_name_plural = _("unit notices")

    @property
    def unit_label(self):
        return self.unit_bureau.title if self.unit_bureau_id else self.unit_name

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if not self.unit_bureau_id and not self.unit_name.strip():
            raise ValidationError({"unit_name": _("Choose the responsible bureau or name the unit.")})

    def save(self, *args, **kwargs):
        self.kind = NoticeKind.UNIT
        return super().save(*args, **kwargs)


class ExposurePhoto(ContentSafetyMixin, Orderable):
    page = ParentalKey(ExposureNoticePage, on_delete=models.CASCADE, related_name="photos")
    photo = models.ForeignKey(
        "content.ProtectedPhoto", verbose_name=_("photo"), on_delete=models.PROTECT, related_name="+"
    )
    alt_text = models.CharField(_("text alternative"), max_length=200, help_text=_("What the photo shows."))
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("photo"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("notice photo")
        verbose_name_plural = _("notice photos")


class RectificationUpdate(ContentSafetyMixin, Orderable):
    """One entry of the public follow-up timeline."""

    page = ParentalKey(ExposureNoticePage, on_delete=models.CASCADE, related_name="rectification_updates")
    date = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    photo = models.ForeignKey(
        "content.ProtectedPhoto",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    photo_alt_text = models.CharField(_("text alternative of the photo"), max_length=200, blank=True)

    panels = [FieldPanel("date"), FieldPanel("text"), FieldPanel("photo"), FieldPanel("photo_alt_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("follow-up update")
        verbose_name_plural = _("follow-up updates")

"""Progress reports (进展报告) on the directive's tasks, posted by the tasks' lead bureaus.

A report is bureau content: it lives under the reporting bureau's page, so it goes through that
bureau's review workflow like any other page, and a citizen reads it in the 创建任务 section at
/renwu/<bureau>/<slug>/. Only a lead bureau of a task may report on it (`forms.py`)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from bureaus.models.directive import CreationTaskLeadBureau
from bureaus.models.ownership import BureauOwnedPage
from content.progress.forms import ProgressReportForm
from core.page_panels import TITLE_AND_SLUG_PANELS
from core.safety.model_check import ContentSafetyMixin

REPORT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class ProgressStatus(models.TextChoices):
    # The directive's own words for where a task stands.
    NOT_STARTED = "weiqidong", pgettext_lazy("progress status", "Not started")
    IN_PROGRESS = "tuijinzhong", pgettext_lazy("progress status", "In progress")
    DONE = "yiwancheng", pgettext_lazy("progress status", "Completed")
    ROUTINE = "changtaihua", pgettext_lazy("progress status", "Routine")


def quarter_of(day):
    return (day.month - 1) // 3 + 1


def today_local():
    return timezone.localdate()


def current_year():
    return timezone.localdate().year


def current_quarter():
    return quarter_of(timezone.localdate())


class TaskProgressReportPage(BureauOwnedPage):
    """One dated report of a lead bureau on one task: where it stands, what was done, key figures."""

    base_form_class = ProgressReportForm
    section_slug = "renwu"

    task = models.ForeignKey(
        "content.CreationTaskPage",
        verbose_name=_("task"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
        help_text=_("Only the tasks your bureau leads can be reported on."),
    )
    reported_on = models.DateField(_("date of the report"), default=today_local)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2017), MaxValueValidator(2100)], default=current_year
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), choices=[(1, _("Q1")), (2, _("Q2")), (3, _("Q3")), (4, _("Q4"))], default=current_quarter
    )
    status = models.CharField(_("status"), max_length=12, choices=ProgressStatus.choices)
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown on the task page.")
    )
    body = RichTextField(_("report"), features=REPORT_FEATURES, blank=True)

    content_panels = TITLE_AND_SLUG_PANELS + [
        # A plain list of the bureau's own tasks (forms.py), not the page chooser's whole tree.
        FieldPanel("task", widget=forms.Select),
        FieldRowPanel([FieldPanel("reported_on"), FieldPanel("year"), FieldPanel("quarter")]),
        FieldPanel("status"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("figures", label=_("Key figures")),
        InlinePanel("photos", label=_("Photos")),
    ]
    search_fields = BureauOwnedPage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["portal.BureauPage"]
    subpage_types = []

    class Meta:
        app_label = "content"
        verbose_name = _("task progress report")
        verbose_name_plural = _("task progress reports")

    @classmethod
    def can_create_at(cls, parent):
        # A bureau that leads no task has nothing to report on: the type is not offered there.
        return super().can_create_at(parent) and CreationTaskLeadBureau.objects.filter(bureau_id=parent.pk).exists()

    def clean(self):
        super().clean()
        if self.reported_on and self.year and self.quarter:
            # The report may come a little after its quarter, never before it.
            quarter_start = datetime.date(self.year, 3 * (self.quarter - 1) + 1, 1)
            if self.reported_on < quarter_start:
                raise ValidationError(
                    {"reported_on": _("The report cannot be dated before the quarter it reports on.")}
                )

    @property
    def quarter_label(self):
        return f"{self.year}年第{self.quarter}季度"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = self.figures.order_by("sort_order")
        context["photos"] = self.photos.select_related("image").order_by("sort_order")
        return context


class ProgressFigure(ContentSafetyMixin, Orderable):
    """A key number of the report: "完成改造 | 126 | 个老旧小区"."""

    page = ParentalKey(TaskProgressReportPage, on_delete=models.CASCADE, related_name="figures")
    label = models.CharField(_("what is counted"), max_length=60)
    value = models.DecimalField(_("number"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20, blank=True)

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("value"), FieldPanel("unit")])]

    class Meta(Orderable.Meta):
        app_label = "content"
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    @property
    def value_text(self):
        # 126.00 reads as 126; 12.50 as 12.5.
        return f"{self.value.normalize():f}"


class ProgressPhoto(ContentSafetyMixin, Orderable):
    page = ParentalKey(TaskProgressReportPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.PROTECT, related_name="+"
    )
    alt_text = models.CharField(
        _("text alternative"), max_length=200, help_text=_("What the photo shows, for people who cannot see it.")
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        app_label = "content"
        verbose_name = _("progress photo")
        verbose_name_plural = _("progress photos")


class LatestTaskProgress(models.Model):
    """Each task's latest live report: its status and date, kept by `latest.py` whenever a report
    is published, unpublished or deleted. The register (/renwu/) reads it in its task query with
    one join, instead of working it out for 50 tasks on every render."""

    task = models.OneToOneField(
        "content.CreationTaskPage", on_delete=models.CASCADE, primary_key=True, related_name="latest_progress"
    )
    status = models.CharField(_("status"), max_length=12, choices=ProgressStatus.choices)
    reported_on = models.DateField(_("date of the report"))

    class Meta:
        app_label = "content"
        verbose_name = _("latest progress of a task")
        verbose_name_plural = _("latest progress of the tasks")

    def __str__(self):
        return f"{self.task_id}: {self.status} {self.reported_on}"

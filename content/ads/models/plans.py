"""The annual public-service ad plan (年度公益广告宣传计划): a theme for each month of a year.

Works are linked to a month by their theme and validity dates, so the plan page always shows
what is actually published for that theme then, without editors keeping a second list.

The plan is the city's, written by a bureau that leads a directive task the 公益广告 section
serves (规范公益广告发布管理: 市委宣传部, 市文明办, …). It lives under that bureau like any
other content, so it goes through the bureau's review and 市文明办's sign-off."""

import datetime

from django.apps import apps
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from bureaus.models.directive import CreationTaskLeadBureau
from bureaus.models.ownership import BureauOwnedPage
from content.ads.models.works import PublicServiceAdPage
from core.safety.model_check import ContentSafetyMixin


class AdPlanPage(BureauOwnedPage):
    #: Served at /gongyi/<bureau>/<slug>/ (公益广告: the year's plan of the ads; bureaus/section_urls.py).
    section_slug = "gongyi"
    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(2017), MaxValueValidator(2100)],
        error_messages={"unique": _("There is already an annual plan for this year; edit that one instead.")},
    )
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BureauOwnedPage.content_panels + [
        FieldPanel("year"),
        FieldPanel("intro"),
        InlinePanel("months", label=_("Months"), min_num=1, max_num=12),
    ]

    class Meta:
        verbose_name = _("annual ad plan")
        verbose_name_plural = _("annual ad plans")

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and cls.bureau_may_plan(parent)

    @staticmethod
    def bureau_may_plan(bureau_page):
        """Whether the bureau leads a directive task that the 公益广告 section serves."""
        # By name from the app registry: the section page shows this year's plan, so it imports
        # this module and this module cannot import it.
        section = apps.get_model("content", "PublicServiceAdIndexPage")
        served = section.objects.values_list("related_tasks", flat=True)
        return CreationTaskLeadBureau.objects.filter(bureau_id=bureau_page.pk, task_id__in=served).exists()

    def month_rows(self):
        months = list(self.months.select_related("theme").order_by("month"))
        year_start, year_end = datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)
        works = list(
            PublicServiceAdPage.objects.live()
            .filter(theme_id__in={m.theme_id for m in months}, valid_from__lte=year_end)
            .exclude(valid_to__lt=year_start)
            .only("id", "title", "url_path", "theme_id", "valid_from", "valid_to")
            .order_by("valid_from")
        )
        rows = []
        for month in months:
            first = datetime.date(self.year, month.month, 1)
            last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
            month_works = [
                w
                for w in works
                if w.theme_id == month.theme_id and w.valid_from <= last and (w.valid_to is None or w.valid_to >= first)
            ]
            rows.append({"plan": month, "works": month_works})
        return rows

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["rows"] = self.month_rows()
        return context


class AdPlanMonth(ContentSafetyMixin, Orderable):
    page = ParentalKey(AdPlanPage, on_delete=models.CASCADE, related_name="months")
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    theme = models.ForeignKey("content.AdTheme", verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+")
    focus = models.CharField(_("focus"), max_length=200, blank=True, help_text=_("e.g. the campaign or day it serves"))

    panels = [FieldPanel("month"), FieldPanel("theme"), FieldPanel("focus")]

    class Meta(Orderable.Meta):
        verbose_name = _("plan month")
        verbose_name_plural = _("plan months")
        constraints = [models.UniqueConstraint(fields=["page", "month"], name="one_theme_row_per_plan_month")]

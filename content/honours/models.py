"""Honour rolls (荣誉榜): the units, families, campuses and villages named 文明单位, 文明家庭, 文明校园
and 文明村镇 at national, provincial or city level in a year.

The rolls are lists decided elsewhere and published as lists, imported from a spreadsheet by
市文明办 (`importer.py`, `admin.py`): rows of reference data, not pages that bureaus write."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.safety.model_check import ContentSafetyMixin


class HonourKind(models.TextChoices):
    UNIT = "danwei", _("Civilised unit")
    FAMILY = "jiating", _("Civilised family")
    CAMPUS = "xiaoyuan", _("Civilised campus")
    VILLAGE = "cunzhen", _("Civilised village or town")


class HonourLevel(models.TextChoices):
    NATIONAL = "quanguo", _("National")
    PROVINCE = "sheng", _("Provincial")
    CITY = "shi", _("City")


class HonourRollEntry(ContentSafetyMixin, models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=HonourKind.choices)
    level = models.CharField(_("level"), max_length=10, choices=HonourLevel.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)
    district = models.ForeignKey(
        "portal.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        app_label = "content"
        ordering = ["-year", "kind", "level", "name"]
        verbose_name = _("honour roll entry")
        verbose_name_plural = _("honour roll entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "level", "year", "name"], name="unique_honour_per_roll"),
        ]
        indexes = [models.Index(fields=["year", "kind", "level"], name="honour_roll_filter")]

    def __str__(self):
        return f"{self.year} {self.get_level_display()} {self.get_kind_display()}: {self.name}"

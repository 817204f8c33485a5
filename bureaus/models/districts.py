"""Central reference data shared by every bureau (snippets, edited by the civilization office)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.safety.model_check import ContentSafetyMixin


class DistrictKind(models.TextChoices):
    COUNTY = "county", _("County, city or district")
    PARK = "park", _("Development or resort park")


class District(ContentSafetyMixin, models.Model):
    """A locality (县(市)区 or 开发(度假)园区) that nominations and exposure notices belong to."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=10, choices=DistrictKind.choices)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    nomination_reviewers = models.OneToOneField(
        "auth.Group",
        verbose_name=_("nomination reviewers"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The group that carries out the district review (属地初审) of this district's nominations."),
    )

    class Meta:
        app_label = "portal"
        ordering = ["sort_order", "id"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name

"""Content pages belong to the bureau whose subtree they live in.

The bureau is stored on the page (not looked up per item) so that listings can filter and show
it without a query per item; it is recomputed whenever the page is saved or moved."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from bureaus.models.bureaus import BureauPage
from core.page_form import ReviewedPageForm
from core.page_panels import PROMOTE_PANELS, TITLE_AND_SLUG_PANELS
from core.safety.model_check import ContentSafetyMixin
from core.slugs import PinyinSlugMixin


class BureauOwnedPage(PinyinSlugMixin, ContentSafetyMixin, Page):
    base_form_class = ReviewedPageForm

    bureau = models.ForeignKey(
        "portal.BureauPage",
        verbose_name=_("bureau"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = TITLE_AND_SLUG_PANELS
    promote_panels = PROMOTE_PANELS
    parent_page_types = ["portal.BureauPage"]
    subpage_types = []
    #: Loaded in the same query as the page when it is served (portal/routing.py): every content
    #: page shows and links its bureau.
    page_select_related = ("bureau",)

    class Meta:
        abstract = True

    def owning_bureau(self):

        if not self.path:
            return None
        return BureauPage.objects.filter(path__in=[self.path[:i] for i in range(4, len(self.path), 4)]).first()

    def save(self, *args, **kwargs):
        bureau = self.owning_bureau()
        if bureau is not None:
            self.bureau = bureau
        return super().save(*args, **kwargs)

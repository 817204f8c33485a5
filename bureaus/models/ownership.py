"""Content pages belong to the bureau whose subtree they live in.

The bureau is stored on the page (not looked up per item) so that listings can filter and show
it without a query per item; it is recomputed whenever the page is saved or moved."""

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from bureaus.models.bureaus import BureauPage
from bureaus.section_urls import section_path
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
    #: The slug of the section citizens read this type in (/gongyi/, /haoren/, …): the page is
    #: served at /<section_slug>/<bureau>/<slug>/ (bureaus/section_urls.py, docs/section-urls.md).
    section_slug = None

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        # Every address Wagtail gives for the page (page.url, {% pageurl %}, the admin's "view
        # live", redirects, the API) comes from here: the section's, not the tree's.
        parts = super().get_url_parts(request)
        if parts is None or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        try:
            prefix = reverse("wagtail_serve", args=("",))
        except NoReverseMatch:
            return parts
        return site_id, root_url, section_path(self, page_path, prefix)

    def owning_bureau(self):

        if not self.path:
            return None
        return BureauPage.objects.filter(path__in=[self.path[:i] for i in range(4, len(self.path), 4)]).first()

    def save(self, *args, **kwargs):
        bureau = self.owning_bureau()
        if bureau is not None:
            self.bureau = bureau
        return super().save(*args, **kwargs)

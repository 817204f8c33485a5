from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.page_form import ReviewedPageForm
from core.safety.model_check import ContentSafetyMixin
from portal.home_sections import home_sections
from portal.identity import SiteIdentity  # noqa: F401 - the footer's settings model, registered with the app
from portal.routing import route_from_home
from portal.site_health.models import AuditFindingRecord, HealthReport, HealthResult  # noqa: F401 - registered with the app


class HomePage(ContentSafetyMixin, Page):
    """The site root: section slots, the search box and the way to nominate."""

    base_form_class = ReviewedPageForm

    intro = models.CharField(_("introduction"), max_length=200, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "portal.BureauIndexPage",
        "content.CreationTaskIndexPage",
        "content.PublicServiceAdIndexPage",
        "content.ExemplarIndexPage",
        "content.EtiquetteIndexPage",
        "content.ExposureIndexPage",
        "content.NewsIndexPage",
        "content.CampaignSpecialIndexPage",
        "content.NominationIndexPage",
        "content.HonourRollIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        # Every public URL starts here: one query for the page, its ancestors and the sections.
        return route_from_home(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = home_sections(self, request)
        return context

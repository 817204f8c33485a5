"""The 公益广告 section page (/gongyi/): the works listing with filters and this year's plan."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from content.ads.listing import ad_listing
from content.ads.models.plans import AdPlanPage
from content.sections import SectionIndexPage


class PublicServiceAdIndexPage(SectionIndexPage):
    nav_label = _("Public-service ads")
    item_model = "content.PublicServiceAdPage"

    def get_template(self, request, *args, **kwargs):
        return "content/public_service_ad_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = Page.get_context(self, request, *args, **kwargs)
        context.update(ad_listing(request))
        context["tasks"] = self.tasks_with_bureaus()
        context["current_plan"] = AdPlanPage.objects.live().filter(year=timezone.localdate().year).first()
        return context

    class Meta:
        verbose_name = _("public-service ads index")

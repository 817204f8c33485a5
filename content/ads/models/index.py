"""The 公益广告 section page (/gongyi/): the works listing with filters and this year's plan."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from content.ads.listing import ad_listing
from content.ads.models.plans import AdPlanPage
from content.sections import SectionIndexPage
from core.compiled_queries import CompiledQuery
from core.public_pages import LINKED_PAGE_FIELDS

#: This year's plan, linked above the list: compiled once, the year a parameter (a year no plan
#: has stands for it when compiling).
_CURRENT_PLAN = CompiledQuery(
    lambda _shape, year: AdPlanPage.objects.live().filter(year=year).only(*LINKED_PAGE_FIELDS).order_by("pk")[:1],
    (32_004,),
)


class PublicServiceAdIndexPage(SectionIndexPage):
    nav_label = _("Public-service ads")
    item_model = "content.PublicServiceAdPage"

    def get_template(self, request, *args, **kwargs):
        return "content/public_service_ad_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = Page.get_context(self, request, *args, **kwargs)
        context.update(ad_listing(request))
        context["tasks"] = self.tasks_with_bureaus()
        context["current_plan"] = next(iter(_CURRENT_PLAN.fetch(timezone.localdate().year)), None)
        return context

    class Meta:
        verbose_name = _("public-service ads index")

"""The 曝光台 section page."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from content.exposure.listing import exposure_board
from content.sections import SectionIndexPage


class ExposureIndexPage(SectionIndexPage):
    nav_label = _("Exposure board")
    item_model = "content.ExposureNoticePage"

    def get_template(self, request, *args, **kwargs):
        return "content/exposure_index_page.html"

    def get_context(self, request, *args, **kwargs):
        # Counts by status and the filtered notice list are built in content/exposure/listing.py.
        context = Page.get_context(self, request, *args, **kwargs)
        context.update(exposure_board(self, request))
        context["tasks"] = self.tasks_with_bureaus()
        return context

    class Meta:
        verbose_name = _("exposure board index")

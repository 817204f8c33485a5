"""The 好人榜 section page (/haoren/)."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from content.exemplars.listing import exemplar_board
from content.sections import SectionIndexPage


class ExemplarIndexPage(SectionIndexPage):
    nav_label = _("Good people")
    item_model = "content.ExemplarPage"
    subpage_types = []

    def get_template(self, request, *args, **kwargs):
        return "content/exemplar_index_page.html"

    def get_context(self, request, *args, **kwargs):
        # The 好人榜 (by year and quarter, with filters) is built in content/exemplars/listing.py.
        context = Page.get_context(self, request, *args, **kwargs)
        context.update(exemplar_board(self, request))
        context["tasks"] = self.tasks_with_bureaus()
        return context

    class Meta:
        verbose_name = _("good people index")

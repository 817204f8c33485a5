"""The 文明礼仪 section page: the handbook editions."""

from django.utils.translation import gettext_lazy as _

from content.sections import SectionIndexPage


class EtiquetteIndexPage(SectionIndexPage):
    nav_label = _("Etiquette")
    item_model = "content.EtiquetteHandbookPage"

    def get_template(self, request, *args, **kwargs):
        # The editions show year, audience, edition and their PDF (content/handbooks/).
        return "content/etiquette_index_page.html"

    class Meta:
        verbose_name = _("etiquette handbooks index")

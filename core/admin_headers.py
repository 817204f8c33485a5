"""The header of our own admin pages (those not built by a Wagtail viewset).

`WagtailAdminTemplateMixin` alone gives breadcrumbs of just "Home": the slim header then shows
"Home" where the page's title belongs and keeps the title for screen readers only."""

from django.utils.translation import gettext_noop
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

# Wagtail's add and copy views end their breadcrumbs with this, which Wagtail's zh_Hans catalogue
# does not translate ("New: 巡查" in a Chinese header). Declared here, it is in our catalogue,
# which Django reads before Wagtail's (LOCALE_PATHS).
WAGTAIL_STRINGS = [gettext_noop("New: %(model_name)s")]


class TitledAdminTemplateMixin(WagtailAdminTemplateMixin):
    """Breadcrumbs Home → (`get_parent_breadcrumbs()`) → this page (its subtitle, else its title)."""

    def get_parent_breadcrumbs(self):
        return []

    def get_breadcrumbs_items(self):
        label = self.get_page_subtitle() or self.get_page_title()
        return [*self.breadcrumbs_items, *self.get_parent_breadcrumbs(), {"url": "", "label": label}]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Search")

    def ready(self):
        from search import vocabulary  # noqa: F401 - drops the cached vocabulary when editors change it
        from search.es import sync, synonyms  # noqa: F401 - connects the portal index's signal handlers

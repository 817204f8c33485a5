from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # Runs once the app registry is ready: user_names reads the user model, the checks
        # register with Django's check framework when their module is imported, and the
        # collection views get the checked form (core/safety/library.py).
        from core import image_privacy, public_pages, spreadsheet, user_names
        from core.safety import library  # patches Wagtail's collection views, once they are loaded
        from portal import (
            checks,  # noqa: F401
            section_redirects,  # its before_serve_page hook registers on import; signals below
            site_structure,  # reads Wagtail's models
        )
        from portal.page_cache import purge  # its receivers connect below, once models are loaded

        user_names.install()
        spreadsheet.install()
        image_privacy.install()
        library.install()
        purge.connect()
        # Lists filter private sections by the paths the site structure snapshot knows.
        public_pages.use_restricted_paths(site_structure.restricted_paths)
        section_redirects.connect()

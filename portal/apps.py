from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import admin_access, signals, user_names  # noqa: F401

        admin_access.install()
        user_names.install()

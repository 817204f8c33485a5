from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BureausConfig(AppConfig):
    name = "bureaus"
    verbose_name = _("Bureaus")

    def ready(self):
        # Signal receivers and the admin's access scoping attach once the models are loaded;
        # importing these modules earlier would load models before the app registry is ready.
        from bureaus import admin_access, page_signals, signals  # noqa: F401
        from core import chooser_scope

        admin_access.install()
        chooser_scope.install()

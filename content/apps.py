from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self):
        # Signal receivers connect once the app registry is ready; importing them at module
        # level would load the models before it is.
        from content.handbooks import signals  # noqa: F401

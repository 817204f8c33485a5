from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self):
        # Signal receivers connect, and the photo scope registers, once the app registry is ready;
        # importing these modules at module level would load the models before it is.
        from content.handbooks import signals  # noqa: F401
        from content.photos.admin import choosable_photos  # (see above: loads the models)
        from content.photos.models import ProtectedPhoto  # (see above: loads the models)
        from content.progress import latest  # (see above: loads the models)
        from core import chooser_scope

        # The register's latest status per task follows every publish, unpublish and delete.
        latest.connect()
        # Posted photo ids in page forms are held to the photo chooser's own scope.
        chooser_scope.register(ProtectedPhoto, choosable_photos)

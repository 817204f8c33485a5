"""Storage for files the public sends in (problem-report photos, nomination photos, protected photos).

They never go into the public media folder or Wagtail's image library: they are served only to
signed-in editors, through views that check the bureau."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateMediaStorage(FileSystemStorage):
    """A file system storage under PRIVATE_MEDIA_ROOT, read when used (so test settings apply),
    with no public URL at all."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a permission-checked view.")


def private_storage():
    return PrivateMediaStorage()

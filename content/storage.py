"""Storage for files the public sends in (report photos, later nomination photos).

They never go into the public media folder or Wagtail's image library: they are served only to
signed-in editors, through views that check the bureau."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)

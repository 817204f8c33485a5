"""Wagtail's image and collection forms with the content-safety check (core/safety/form_checks.py)."""

from wagtail.admin.forms.collections import CollectionForm
from wagtail.images.forms import BaseImageForm

from core.safety.form_checks import LibraryFormChecks, check_text_fields


class ImageForm(LibraryFormChecks, BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: title, description, tags and file name are checked."""


class SafeCollectionForm(CollectionForm):
    def clean(self):
        cleaned = super().clean()
        check_text_fields(self)
        return cleaned


def install():
    """Wagtail's collection views name their form class directly: give them the checked one.
    tests/core/test_library_safety.py fails if a Wagtail upgrade stops reading it from there."""
    from wagtail.admin.views import collections

    collections.Create.form_class = SafeCollectionForm
    collections.Edit.form_class = SafeCollectionForm

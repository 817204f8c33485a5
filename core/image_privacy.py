"""Images editors upload to Wagtail's library keep nothing of where or how they were taken.

Wagtail stores the original as uploaded and every rendition inherits its EXIF block: a photo
taken on a phone carried its GPS position and camera into every size the site serves. And the
file name went into each rendition's URL (张三身份证.jpg became /media/images/ZhangSanShenFenZheng…).
So before a new image file is stored it goes through the same door as citizens' photos
(core/uploads.py): decoded with an allowlist, re-encoded without metadata, under a random name."""

from django.conf import settings
from django.db.models.signals import pre_save

from core.uploads import clean_uploaded_photo


def strip_new_image_file(sender, instance, **kwargs):
    upload = instance.file
    if not upload or getattr(upload, "_committed", True):
        return  # a file already stored: nothing new to clean
    cleaned = clean_uploaded_photo(
        upload.file,
        max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        max_pixels=settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
    )
    instance.file = cleaned  # re-reads width and height (an EXIF rotation is applied)
    instance.file_size = cleaned.size
    instance._set_file_hash()


def install():
    from wagtail.images import get_image_model

    pre_save.connect(strip_new_image_file, sender=get_image_model(), dispatch_uid="core.image_privacy")

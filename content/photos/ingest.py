"""Taking a protected photo in: validated like a citizen's photo, stored privately, then processed.

The original is re-encoded from its pixels by `core.uploads.clean_uploaded_photo` (allowlisted
decoders, size and pixel limits, EXIF orientation applied, no EXIF/GPS/ICC/XMP kept), so even the
private copy carries no location. Detection and the public renditions run in the background
(django-q2) once the upload is committed; `process_now=True` runs them at once instead (demo
content, tests inside a transaction whose commit callbacks never run)."""

import io

from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL import Image

from content.photos.models import PhotoPurpose, ProtectedPhoto
from content.photos.tasks import process_photo, process_photo_task
from core.uploads import clean_uploaded_photo


def _as_file(source):
    if isinstance(source, UploadedFile | File):
        return source
    if isinstance(source, bytes | bytearray):
        return ContentFile(bytes(source), name="upload")
    if isinstance(source, Image.Image):
        output = io.BytesIO()
        # PNG is lossless, so the one JPEG encoding is the cleaner's.
        source.save(output, format="PNG")
        return ContentFile(output.getvalue(), name="upload.png")
    if hasattr(source, "read"):
        return File(source, name=getattr(source, "name", "upload"))
    raise TypeError(f"Cannot store a photo from {type(source).__name__}")


def _flatten(cleaned):
    """The cleaner keeps transparency as PNG; a protected original is always an RGB JPEG."""
    if cleaned.name.endswith(".jpg"):
        return cleaned
    cleaned.seek(0)
    with Image.open(cleaned) as image:
        rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    output = io.BytesIO()
    flat.save(output, format="JPEG", quality=90)
    return ContentFile(output.getvalue(), name="original.jpg")


def enqueue_processing(photo_id):
    process_photo_task.enqueue(photo_id)


def store_protected_photo(source, *, purpose, title, bureau=None, uploaded_by=None, process_now=False):
    """Validate `source` (UploadedFile, file object, bytes or PIL image) and store it as a protected photo.

    Raises django ValidationError (translated message, code as in core.uploads) for a file that
    is not an acceptable photo. Processing is queued on commit, or run here with `process_now`."""
    if purpose not in PhotoPurpose.values:
        raise ValueError(f"Unknown photo purpose {purpose!r}")
    cleaned = _flatten(clean_uploaded_photo(_as_file(source)))
    cleaned.seek(0)
    with Image.open(cleaned) as image:
        width, height = image.size
    cleaned.seek(0)
    photo = ProtectedPhoto(
        purpose=purpose, title=title, bureau=bureau, uploaded_by=uploaded_by, width=width, height=height
    )
    photo.original.save("original.jpg", cleaned, save=False)
    photo.save()
    if process_now:
        process_photo(photo.pk)
        photo.refresh_from_db()
    else:
        transaction.on_commit(lambda: enqueue_processing(photo.pk))
    return photo

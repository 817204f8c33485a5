"""Photos sent by the public: checked, stripped of metadata and re-encoded before they are stored.

`clean_uploaded_photo` is the one door for citizens' photos (problem reports, nominations) and
protected photos. It trusts nothing about the file:

- the byte size is checked before anything is decoded;
- Pillow opens it with an allowlist of decoders (JPEG, PNG, WebP): GIF, TIFF, BMP, PSD, HEIF, SVG
  (Pillow has no SVG decoder: it is refused as unidentified) and the rest never run;
- the pixel count is read from the header and checked before the pixels are decoded; Pillow's
  own decompression-bomb error and warning are refused too;
- the pixels are decoded in full (a truncated or corrupt file fails here), the EXIF orientation
  is applied, and a new file is encoded from the pixels alone: JPEG, or PNG when the image has
  transparency, with no EXIF (GPS, camera, time), ICC profile, XMP or text chunks;
- the stored name is random, so nothing of the sender's file name is kept.

Errors are django ValidationErrors with translated messages, so a form can show them next to
the field.
"""

import io
import secrets
import struct
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core.ratelimit import Limit, hit
from core.visitor import client_hash

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 24_000_000
#: Requests carrying photos one sender may make in an hour, valid or not: decoding is the costly
#: part of a form, so it is counted before any photo is opened.
PHOTO_REQUESTS_PER_SENDER = Limit("photo-requests", limit=20, window=3600)
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPT = "image/jpeg,image/png,image/webp"  # for <input type="file" accept="…">
JPEG_QUALITY = 85

MESSAGES = {
    "wrong_type": _("Choose a photo in JPEG, PNG or WebP format."),
    "too_big": _("The photo is too large: it can be at most %(megabytes)s MB."),
    "too_many_pixels": _("The photo has too many pixels: it can be at most %(megapixels)s megapixels."),
    "corrupt": _("The photo could not be read: the file is damaged or incomplete."),
}


def photo_error(code, **params):
    """The ValidationError this module raises for `code` (also for views that refuse early)."""
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def _size_of(uploaded_file):
    size = getattr(uploaded_file, "size", None)
    if size is None:
        position = uploaded_file.tell()
        uploaded_file.seek(0, io.SEEK_END)
        size = uploaded_file.tell()
        uploaded_file.seek(position)
    return size


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (image.mode == "P" and "transparency" in image.info)


def clean_uploaded_photo(uploaded_file, *, max_bytes=MAX_BYTES, max_pixels=MAX_PIXELS):
    """Check a photo and return it re-encoded without metadata, as a ContentFile with a random name."""
    if _size_of(uploaded_file) > max_bytes:
        raise photo_error("too_big", megabytes=f"{max_bytes / (1024 * 1024):g}")
    too_many_pixels = photo_error("too_many_pixels", megapixels=f"{max_pixels / 1_000_000:g}")

    uploaded_file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns (and past twice its limit raises) on decompression bombs: refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded_file, formats=ALLOWED_FORMATS) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise too_many_pixels
                image.load()
                image = ImageOps.exif_transpose(image)
                if _has_alpha(image):
                    clean, file_format, extension = image.convert("RGBA"), "PNG", "png"
                else:
                    clean, file_format, extension = image.convert("RGB"), "JPEG", "jpg"
    except ValidationError:
        raise
    except UnidentifiedImageError as exc:
        raise photo_error("wrong_type") from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_many_pixels from exc
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError, struct.error) as exc:
        # Pillow reports broken files with any of these (truncated data, bad markers, bad modes).
        raise photo_error("corrupt") from exc

    # Keep nothing of the original but the pixels: convert() copies `info` (EXIF, ICC, XMP, text).
    clean.info = {}
    output = io.BytesIO()
    options = {"optimize": True, "icc_profile": None}
    if file_format == "JPEG":
        options["quality"] = JPEG_QUALITY
    clean.save(output, format=file_format, **options)
    return ContentFile(output.getvalue(), name=f"{secrets.token_hex(16)}.{extension}")


def clean_photo_uploads(form, uploads, field="photos"):
    """Each of a public form's uploaded photos cleaned by `clean_uploaded_photo`; a photo that
    fails is an error on the form's field, naming the photo, and is left out."""
    cleaned = []
    for number, uploaded in enumerate(uploads or [], 1):
        try:
            cleaned.append(clean_uploaded_photo(uploaded))
        except ValidationError as error:
            form.add_error(
                field,
                _("Photo %(number)d (%(name)s): %(error)s")
                % {"number": number, "name": uploaded.name, "error": " ".join(error.messages)},
            )
    return cleaned


def private_photo_response(field_file, content_type=None):
    """A private photo for a view that has checked who may see it: 404 when the file is gone,
    never stored by a browser or proxy, never sniffed as another type."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    if content_type is None:
        content_type = "image/png" if field_file.name.endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def may_decode_photos(request):
    """Count a request that carries photos against its sender, before anything is decoded.
    Returns the Verdict; a refused request must be answered without opening its photos."""
    return hit(PHOTO_REQUESTS_PER_SENDER, client_hash(request), fail_open=True)

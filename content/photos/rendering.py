"""Public renditions: the only files of a protected photo anyone outside the admin ever sees.

Each rendition is made from the private original: every blur region is pixelated and then
blurred (pixelation alone can be partly undone; a light blur alone can be sharpened), the image
is scaled down, and a new JPEG is encoded from the pixels alone (no EXIF, GPS, ICC or XMP). Every
generation gets new random file names, and the previous files are deleted once the new rows are
committed, so a cached URL never shows an older blur.
"""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageFilter

from content.photos.models import BlurRegion, PhotoPurpose, PublicPhotoRendition

WIDTHS = (480, 960, 1600)
JPEG_QUALITY = 82
#: Editors' boxes are drawn by hand around a face; a margin covers a slightly short box.
REGION_MARGIN = 0.08
#: A blurred region keeps at most this many blocks across its longer side.
PIXEL_BLOCKS = 8


def rendition_widths(original_width):
    """The widths to make: WIDTHS capped at the original's own width (never upscaled)."""
    return sorted({min(width, original_width) for width in WIDTHS if original_width > 0})


def open_original(photo):
    with photo.original.open("rb") as handle:
        image = Image.open(handle)
        image.load()
    return image.convert("RGB")


def region_box(region, image_width, image_height, margin=REGION_MARGIN):
    dx, dy = round(region.width * margin), round(region.height * margin)
    left, top = max(0, region.x - dx), max(0, region.y - dy)
    right = min(image_width, region.x + region.width + dx)
    bottom = min(image_height, region.y + region.height + dy)
    return left, top, right, bottom


def blur_regions(image, regions):
    """A copy of `image` with each region made unrecognisable."""
    image = image.copy()
    for region in regions:
        left, top, right, bottom = region_box(region, *image.size)
        if right <= left or bottom <= top:
            continue
        patch = image.crop((left, top, right, bottom))
        width, height = patch.size
        block = max(1, max(width, height) // PIXEL_BLOCKS)
        small = patch.resize((max(1, width // block), max(1, height // block)), Image.Resampling.BOX)
        patch = small.resize((width, height), Image.Resampling.NEAREST)
        patch = patch.filter(ImageFilter.GaussianBlur(radius=max(3, block)))
        image.paste(patch, (left, top))
    return image


def encode_jpeg(image):
    clean = image.convert("RGB")
    clean.info = {}
    output = io.BytesIO()
    clean.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, icc_profile=None)
    return output.getvalue()


def render(photo, max_width, base=None):
    """One public rendition as (JPEG bytes, width, height): exposure photos blurred, exemplar photos as they are."""
    if base is None:
        base = public_base_image(photo)
    image = base
    if image.width > max_width:
        height = max(1, round(image.height * max_width / image.width))
        image = image.resize((max_width, height), Image.Resampling.LANCZOS)
    return encode_jpeg(image), image.width, image.height


def public_base_image(photo):
    image = open_original(photo)
    if photo.purpose == PhotoPurpose.EXPOSURE:
        image = blur_regions(image, BlurRegion.objects.filter(photo=photo))
    return image


def _delete_files(names, storage):
    for name in names:
        storage.delete(name)


@transaction.atomic
def rebuild_public_renditions(photo):
    """Make every public rendition of `photo` again from its original and current regions."""
    base = public_base_image(photo)
    widths = rendition_widths(base.width)
    existing = {rendition.max_width: rendition for rendition in PublicPhotoRendition.objects.filter(photo=photo)}
    old_names = [rendition.file.name for rendition in existing.values() if rendition.file]
    storage = PublicPhotoRendition._meta.get_field("file").storage
    for max_width, rendition in existing.items():
        if max_width not in widths:
            rendition.delete()
    renditions = []
    for max_width in widths:
        rendition = existing.get(max_width) or PublicPhotoRendition(photo=photo, max_width=max_width)
        content, width, height = render(photo, max_width, base)
        rendition.file.save("rendition.jpg", ContentFile(content), save=False)
        # Set after the file: assigning it resets the dimension fields.
        rendition.width, rendition.height = width, height
        rendition.save()
        renditions.append(rendition)
    # Only once the new rows are committed: until then the old files are what the rows point at.
    transaction.on_commit(lambda: _delete_files(old_names, storage))
    return renditions

"""What an editor does with a photo's blur regions: add, remove, confirm.

Every change rebuilds the public renditions at once, so the preview the editor sees is the file
the public will get. Adding or removing a region after a review keeps the review: the editor who
changed the regions is the one looking at them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.photos.models import BlurRegion, BlurRegionSource, DetectionState, ProtectedPhoto
from content.photos.rendering import rebuild_public_renditions
from content.photos.tasks import process_photo

MIN_REGION_SIDE = 4


def validate_region(photo, x, y, width, height):
    """Field errors (dict for a form) for a region that does not fit inside the photo."""
    errors = {}
    if width < MIN_REGION_SIDE:
        errors["width"] = _("The region must be at least %(pixels)s pixels wide.") % {"pixels": MIN_REGION_SIDE}
    if height < MIN_REGION_SIDE:
        errors["height"] = _("The region must be at least %(pixels)s pixels high.") % {"pixels": MIN_REGION_SIDE}
    if x < 0 or x >= photo.width:
        errors["x"] = _("The left edge must be between 0 and %(max)s.") % {"max": photo.width - 1}
    elif "width" not in errors and x + width > photo.width:
        errors["width"] = _("The region reaches past the right edge of the photo (%(max)s pixels wide).") % {
            "max": photo.width
        }
    if y < 0 or y >= photo.height:
        errors["y"] = _("The top edge must be between 0 and %(max)s.") % {"max": photo.height - 1}
    elif "height" not in errors and y + height > photo.height:
        errors["height"] = _("The region reaches past the bottom edge of the photo (%(max)s pixels high).") % {
            "max": photo.height
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_region(photo, x, y, width, height):
    validate_region(photo, x, y, width, height)
    region = BlurRegion.objects.create(
        photo=photo, source=BlurRegionSource.EDITOR, x=x, y=y, width=width, height=height
    )
    rebuild_public_renditions(photo)
    return region


@transaction.atomic
def remove_regions(photo, region_ids):
    deleted, _details = BlurRegion.objects.filter(photo=photo, pk__in=list(region_ids)).delete()
    if deleted:
        rebuild_public_renditions(photo)
    return deleted


@transaction.atomic
def mark_reviewed(photo, user=None):
    """Record that an editor checked the blur regions (after detection, which runs first if pending)."""
    # The stored state, not the caller's copy: that may predate the processing.
    if ProtectedPhoto.objects.filter(pk=photo.pk, detection_state=DetectionState.PENDING).exists():
        process_photo(photo.pk)
    photo.refresh_from_db()
    photo.regions_reviewed_at = timezone.now()
    photo.regions_reviewed_by = user if user is not None and user.is_authenticated else None
    photo.save(update_fields=["regions_reviewed_at", "regions_reviewed_by"])
    return photo

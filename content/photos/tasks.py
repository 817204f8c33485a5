"""Background processing of a protected photo (run by django-q2; safe to run more than once)."""

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from content.photos.detection import detect
from content.photos.models import BlurRegion, BlurRegionSource, DetectionState, PhotoPurpose, ProtectedPhoto
from content.photos.rendering import open_original, rebuild_public_renditions

logger = logging.getLogger(__name__)

DETECTED_SOURCES = (BlurRegionSource.DETECTED_FACE, BlurRegionSource.DETECTED_PLATE)


def _detected_boxes(photo):
    regions = BlurRegion.objects.filter(photo=photo, source__in=DETECTED_SOURCES)
    return {(region.source, region.x, region.y, region.width, region.height) for region in regions}


def run_detection(photo):
    """Replace the photo's detected regions (editors' regions stay). Returns True when they changed."""
    boxes = detect(open_original(photo))
    new = {(box.kind, box.x, box.y, box.width, box.height) for box in boxes}
    changed = new != _detected_boxes(photo)
    if changed:
        BlurRegion.objects.filter(photo=photo, source__in=DETECTED_SOURCES).delete()
        BlurRegion.objects.bulk_create(
            BlurRegion(photo=photo, source=kind, x=x, y=y, width=w, height=h) for kind, x, y, w, h in sorted(new)
        )
    return changed


def process_photo(photo_id):
    """Detect faces and plates (exposure photos), then rebuild the public renditions."""
    with transaction.atomic():
        photo = ProtectedPhoto.objects.select_for_update().filter(pk=photo_id).first()
        if photo is None:  # deleted before the task ran
            return
        update = []
        if photo.purpose == PhotoPurpose.EXPOSURE:
            try:
                changed = run_detection(photo)
            except Exception:
                # A photo the detector cannot read still gets reviewed by hand; never lose the upload.
                logger.exception("Detection failed for protected photo %s", photo_id)
                photo.detection_state = DetectionState.FAILED
                update.append("detection_state")
            else:
                photo.detection_state = DetectionState.DONE
                photo.detected_at = timezone.now()
                update += ["detection_state", "detected_at"]
                if changed and photo.regions_reviewed_at is not None:
                    # The editor reviewed other regions than the ones the public would now see.
                    photo.regions_reviewed_at = None
                    photo.regions_reviewed_by = None
                    update += ["regions_reviewed_at", "regions_reviewed_by"]
        else:
            photo.detection_state = DetectionState.DONE
            update.append("detection_state")
        photo.save(update_fields=update)
        rebuild_public_renditions(photo)


#: Queued with `process_photo_task.enqueue(photo_id)`: django-tasks, run by the django-q2 worker
#: (core/background.py); `process_photo` itself is the plain, idempotent function.
process_photo_task = task()(process_photo)

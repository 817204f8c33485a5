"""Which photos stop an exposure notice from being published.

Every exposure photo needs an editor's review of its blur regions (the detector misses faces),
so a notice may go public only when each photo it shows, in its photo list and in its follow-up
timeline, has been reviewed. Works on a saved page and on an unsaved one built by a form
(modelcluster keeps the child objects in memory)."""

from content.photos.models import PhotoPurpose, ProtectedPhoto


def photo_ids_of(page):
    """Ids of the protected photos a notice uses, in order, without repeats."""
    ids = [child.photo_id for child in page.photos.all()]
    ids += [update.photo_id for update in page.rectification_updates.all()]
    return list(dict.fromkeys(photo_id for photo_id in ids if photo_id))


def unreviewed_among(photo_ids):
    if not photo_ids:
        return []
    photos = ProtectedPhoto.objects.filter(pk__in=photo_ids, purpose=PhotoPurpose.EXPOSURE)
    return [photo for photo in photos.order_by("pk") if photo.needs_review]


def not_for_exposure_among(photo_ids):
    """Photos uploaded for another purpose: they were never blurred, so a notice must not show them."""
    if not photo_ids:
        return []
    return list(ProtectedPhoto.objects.filter(pk__in=photo_ids).exclude(purpose=PhotoPurpose.EXPOSURE).order_by("pk"))


def unreviewed_photos(page):
    """The photos of an exposure notice (saved or not) whose blur regions still need review."""
    return unreviewed_among(photo_ids_of(page))

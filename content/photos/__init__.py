"""The photo privacy pipeline for protected photos (content.photos.models). See docs/photo-privacy.md.

Public API (used by the exemplar and exposure features and their demo content):

- ``content.photos.ingest.store_protected_photo(source, *, purpose, title, bureau=None,
  uploaded_by=None, process_now=False) -> ProtectedPhoto``: validate (core.uploads rules;
  ValidationError with a translated message) and store a photo privately, re-encoded without
  EXIF/GPS, then run the processing (detection for exposure photos, public renditions) in
  django-q2 once the transaction commits. ``process_now=True`` runs it inline instead: use it in
  demo content and in tests that run inside a transaction (their commit callbacks never run).
- ``content.photos.tasks.process_photo(photo_id)``: the processing itself; idempotent.
- ``content.photos.rendering.rebuild_public_renditions(photo)``: new public files from the
  original and the current blur regions.
- ``content.photos.review.mark_reviewed(photo, user=None)``: an editor confirms the blur regions
  (runs a pending detection first); ``add_region(photo, x, y, width, height)`` and
  ``remove_regions(photo, ids)`` change them and rebuild the renditions.
- ``{% load protected_photos %}{% public_photo photo alt_text sizes="…" css_class="…" %}``: the
  public ``<img>`` (srcset of the renditions) of a photo, or nothing while it needs review or
  has no rendition yet. It reads ``photo.public_renditions.all()``, so prefetch them:
  ``prefetch_public_photos("photos__photo")`` on a page queryset, ``prefetch_public_photos("photo")``
  on an ExposurePhoto/ExemplarPhoto queryset (with ``select_related("photo")``).
- ``content.photos.guard.unreviewed_photos(page)``: photos that block publishing a notice;
  ``content.photos.forms.ExposureNoticeForm`` refuses the publish action while there are any.
"""

"""The photo privacy pipeline for protected photos (content.models.photos).

Public API (used by the exemplar and exposure features and their demo content):

- ``content.photos.ingest.store_protected_photo(source, *, purpose, title, bureau=None,
  uploaded_by=None) -> ProtectedPhoto``: validate and store a photo privately, then run the
  background processing (detection for exposure photos, public renditions).
- ``content.photos.review.mark_reviewed(photo, user=None)``: an editor confirms the blur regions.
- ``{% load protected_photos %}{% public_photo photo alt_text %}``: the public ``<img>`` of a
  photo from its (prefetched) public renditions, or nothing while it is not yet safe to show.
- ``content.photos.guard.unreviewed_photos(page)``: photos that block publishing a notice.
"""

"""The admin form of exposure notices: refuses to publish while a photo's blur regions are unreviewed.

Set as `ExposureNoticePage.base_form_class`. Saving a draft stays possible, so an editor can
prepare a notice while the photos wait for review. Imports of content.models happen inside
methods: content/exposure/models.py imports this module."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from content.photos.guard import not_for_exposure_among, unreviewed_among
from core.page_form import ReviewedPageForm

REVIEW_URL_NAME = "protected_photos:review"


def review_url(photo):
    try:
        return reverse(REVIEW_URL_NAME, args=[photo.pk])
    except NoReverseMatch:  # the admin is not mounted (e.g. a shell without the admin URLs)
        return ""


def unreviewed_message(photo):
    return _(
        "The blur regions of the photo “%(title)s” have not been reviewed, so the notice cannot be published. "
        "Review them at %(url)s, then publish again (you can save a draft meanwhile)."
    ) % {"title": photo.title, "url": review_url(photo)}


def wrong_purpose_message(photo):
    return _(
        "The photo “%(title)s” was not uploaded as an exposure photo, so faces in it are not blurred. "
        "Upload it again as an exposure photo."
    ) % {"title": photo.title}


class ExposureNoticeForm(ReviewedPageForm):
    def _photo_fields(self):
        """(child form, field name, photo) for every photo the submitted notice would show."""
        found = []
        for name, field_name in (("photos", "photo"), ("rectification_updates", "photo")):
            formset = self.formsets.get(name)
            if formset is None:
                continue
            formset.is_valid()  # cleans the child forms (memoised); their own errors show there
            for child in formset.forms:
                data = getattr(child, "cleaned_data", None) or {}
                if data.get("DELETE") or data.get(field_name) is None:
                    continue
                found.append((child, field_name, data[field_name]))
        return found

    #: Buttons of the page editor that send the notice towards the public: publishing it (only
    #: superusers may), submitting it to its review workflow, approving it from the editor, or
    #: restarting the review. Saving a draft stays allowed, so nothing typed is lost.
    PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action", "action-restart-workflow")

    def is_publishing(self):
        return any(action in self.data for action in self.PUBLISHING_ACTIONS)

    def clean(self):

        cleaned_data = super().clean()
        fields = self._photo_fields()
        ids = list(dict.fromkeys(photo.pk for _child, _name, photo in fields))
        refused = {photo.pk: wrong_purpose_message(photo) for photo in not_for_exposure_among(ids)}
        if self.is_publishing():
            refused.update({photo.pk: unreviewed_message(photo) for photo in unreviewed_among(ids)})
        for message in refused.values():
            self.add_error(None, message)
        # Also next to each photo field, so the editor sees which one it is in a long notice.
        for child, field_name, photo in fields:
            if photo.pk in refused:
                child.add_error(field_name, refused[photo.pk])
        return cleaned_data

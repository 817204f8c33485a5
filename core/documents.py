"""The base of Wagtail's document forms (settings.WAGTAILDOCS_DOCUMENT_FORM_BASE).

With WAGTAILDOCS_EXTENSIONS set, Wagtail's Document.clean() checks the file's extension and
reports it against the "file" field. The multiple uploader's forms (completing an upload,
editing the uploaded documents) have no file field, so Django raises ValueError and the editor
gets a server error: when completing an upload the model is validated before the uploaded file
is attached, so the check sees no file at all. The file was checked when it was uploaded; here
an error about it is shown with the form's own errors instead, and an empty file (not attached
yet) is not an error.

The form also refuses banned content in the title, the tags, the file name and the text inside
the file (core/safety/form_checks.py). In the multiple uploader a finding in the file rejects the
upload at once; one in the title keeps it as an unfinished upload until the editor changes it.
A video or audio file must also start as its format does (core/media_files.py)."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

from core.media_files import extension_of, matches_signature
from core.safety.form_checks import LibraryFormChecks


class DocumentForm(LibraryFormChecks, BaseDocumentForm):
    def clean_file(self):
        # A video or audio file must be one (core/media_files.py): the site serves it as such.
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "read") and not matches_signature(upload):
            raise ValidationError(
                _("The contents of this file are not a .%(extension)s file. Upload the video or audio file itself.")
                % {"extension": extension_of(upload.name)}
            )
        return upload

    def _update_errors(self, errors):
        if "file" not in self.fields and hasattr(errors, "error_dict") and "file" in errors.error_dict:
            file_errors = errors.error_dict.pop("file")
            if self.instance.file:
                errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(file_errors)
            if not errors.error_dict:
                return
            errors = ValidationError(errors.error_dict)
        super()._update_errors(errors)

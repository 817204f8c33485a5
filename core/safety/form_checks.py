"""The content-safety check in admin forms: tags, documents (title, file name and the text
inside), images (title, description, file name) and collection names.

Pages and snippets are checked by their models (`model_check.ContentSafetyMixin`); these objects
are Wagtail's, so the check sits in their admin forms instead: the document form base
(`core.documents.DocumentForm`, WAGTAILDOCS_DOCUMENT_FORM_BASE), the image form base
(`core.safety.library.ImageForm`, WAGTAILIMAGES_IMAGE_FORM_BASE), the collection views' form
(`core.safety.library.install()`), and the page form for tags (`core.page_form.ReviewedPageForm`),
since a page's tags reach the page only when the form is saved, after the model's own check.
Each finding is reported next to its field and nothing is saved."""

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from core.safety.extract import extract_text
from core.safety.scanner import scan_text

#: What a document's text may not carry. An off-list link in a report is not refused (reports
#: cite other sites); it still counts as a way to reach a seller for the indicator layer.
FILE_TEXT_CATEGORIES = frozenset({"gambling", "seo_spam", "pornography", "fraud", "issuer"})

#: Fields whose values are identifiers or numbers, not words a reader sees.
SKIPPED_FORM_FIELDS = frozenset({"slug", "collection", "focal_point_x", "focal_point_y", "focal_point_width"})


def _messages(findings):
    return [finding.message() for finding in findings]


def check_tags(form, names=None):
    """Refuse banned content in every tag field of `form` (or the fields named)."""
    for name, field in form.fields.items():
        if (names is not None and name not in names) or not isinstance(field, TagField):
            continue
        tags = form.cleaned_data.get(name) or []
        findings = [finding for tag in tags for finding in scan_text(tag)]
        if findings:
            form.add_error(name, _messages(findings))


def check_text_fields(form):
    """Refuse banned content in the form's plain text fields (title, name, description …)."""
    for name, field in form.fields.items():
        if name in SKIPPED_FORM_FIELDS or not isinstance(field, forms.CharField) or isinstance(field, TagField):
            continue
        value = form.cleaned_data.get(name)
        if isinstance(value, str) and value:
            findings = scan_text(value)
            if findings:
                form.add_error(name, _messages(findings))


def check_upload(form, name="file"):
    """Refuse an uploaded file whose name or text carries banned content."""
    upload = form.cleaned_data.get(name) if name in form.fields else None
    if not upload or not hasattr(upload, "read") or name not in form.files:
        return  # no new file: the stored one was checked when it came
    file_name = getattr(upload, "name", "") or ""
    findings = scan_text(file_name)
    if findings:
        form.add_error(name, [_("File name: %(message)s") % {"message": m} for m in _messages(findings)])
        return
    findings = [f for f in scan_text(extract_text(upload, file_name)) if f.category in FILE_TEXT_CATEGORIES]
    if findings:
        form.add_error(name, [_("In the file: %(message)s") % {"message": m} for m in _messages(findings)])


class LibraryFormChecks:
    """Mixin for Wagtail's document and image forms."""

    def clean(self):
        cleaned = super().clean()
        check_text_fields(self)
        check_tags(self)
        check_upload(self)
        return cleaned

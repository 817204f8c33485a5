"""The content-safety check every model editors or the public write passes through.

Wagtail calls a model's `clean()` on every path that matters: the admin's page and snippet
forms, each inline child form, and `Page.save_revision()` itself (which runs `full_clean()`),
so the demo loader, imports and workflow steps cannot store what the editor's form would refuse.
The check scans each editable text field: plain text with `scan_text`, rich text and the
strings inside a StreamField with `scan_html`. Findings are reported on their field, each
message naming the offending text."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from wagtail.fields import RichTextField, StreamField

from core.safety.scanner import scan_html, scan_text

#: Fields that hold identifiers rather than prose; a banned term cannot hide in them usefully
#: and scanning them would only find false positives in slugs and codes.
SKIPPED_FIELDS = frozenset({"slug", "url_path", "draft_title", "latest_revision_created_at", "locale"})


def _stream_strings(value):
    """Every string leaf of a StreamField's raw data (block values may be HTML)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(v for k, v in item.items() if k not in ("type", "id"))
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def findings_by_field(instance):
    """{field name: [finding, …]} for the instance's editable text fields."""
    found = {}
    for field in instance._meta.concrete_fields:
        if not field.editable or field.name in SKIPPED_FIELDS or getattr(field, "choices", None):
            continue
        value = getattr(instance, field.attname, None)
        if not value:
            continue
        if isinstance(field, RichTextField):
            findings = scan_html(value)
        elif isinstance(field, StreamField):
            raw = value.raw_data if hasattr(value, "raw_data") else value
            findings = [f for text in _stream_strings(list(raw)) for f in scan_html(text)]
        elif isinstance(field, (models.CharField, models.TextField)):
            findings = scan_text(value)
        else:
            continue
        if findings:
            found[field.name] = findings
    return found


def content_safety_errors(instance):
    """The ValidationError dict for `instance`'s findings ({} when clean)."""
    return {name: [f.message() for f in findings] for name, findings in findings_by_field(instance).items()}


class ContentSafetyMixin:
    """Put before the model base class: `class MyPage(ContentSafetyMixin, Page)`."""

    def clean(self):
        super().clean()
        errors = content_safety_errors(self)
        if errors:
            raise ValidationError(errors)


def errors_for_form(form, errors):
    """Errors on fields a form does not show go to the form as a whole (Django refuses them)."""
    placed = {}
    for name, messages in errors.items():
        key = name if name in form.fields else NON_FIELD_ERRORS
        placed.setdefault(key, []).extend(messages)
    return placed

"""The page editor's form: a page counts as edited only when what the editor sees has changed.

With WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT, Wagtail saves a new revision when a reviewer
acts from the editor and `form.has_changed()` is true; that revision restarts the review and
makes the reviewer its author, whom the no-self-approval task then refuses. Django's per-field
change detection reports edits nobody made:

- a model field with a callable default (`valid_from = date.today`) gets `show_hidden_initial`,
  and compares the posted value with a hidden "initial-" input that Wagtail's panels never
  render, so it always looks changed;
- rich text comes back from the editor with `data-block-key` attributes (and Draftail's own
  serialisation), so text stored by any other path (imports, the demo loader, nominations
  promoted to pages) differs from what is posted although it reads the same;
- a StreamField compares block ids, which are generated afresh for stored blocks without one,
  and posted text with stored values ("2" with 2 for a number).

This form compares values as the editor sees them: the posted value against the stored value,
rich text after both went through the editor's conversion, StreamFields ignoring block ids.
Page comments are remarks about a page, not its content: they never count as an edit.

The form also refuses banned content in the page's tags (core/safety/form_checks.py)."""

import json
import re
from functools import partial

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.blocks import ListBlock, RichTextBlock, StreamBlock, StructBlock
from wagtail.blocks.base import BlockField

from core.safety.form_checks import check_tags

BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')
COMMENTS_FORMSET = "comments"


def editor_rich_text(html, converter):
    """`html` as the rich-text editor would save it back unchanged, without block keys."""
    try:
        canonical = converter.to_database_format(converter.from_database_format(html or ""))
    except Exception:  # noqa: BLE001 - the converter raises on some hostile markup: compare it as stored
        canonical = html or ""
    return BLOCK_KEY.sub("", canonical)


def _rich_text_has_changed(converter, initial, data):
    return editor_rich_text(initial, converter) != editor_rich_text(data, converter)


def _comparable_block_value(block, prep_value):
    """A block's stored value with block ids dropped and rich text as the editor saves it."""
    if isinstance(block, RichTextBlock):
        widget = block.field.widget
        converter = getattr(widget, "converter", None) or ContentstateConverter(block.features)
        return editor_rich_text(prep_value, converter)
    if isinstance(block, StreamBlock):
        return [
            (child.get("type"), _comparable_block_value(block.child_blocks.get(child.get("type")), child.get("value")))
            for child in prep_value or []
        ]
    if isinstance(block, ListBlock):
        items = [item["value"] if isinstance(item, dict) and "value" in item else item for item in prep_value or []]
        return [_comparable_block_value(block.child_block, item) for item in items]
    if isinstance(block, StructBlock):
        return {
            name: _comparable_block_value(child, (prep_value or {}).get(name))
            for name, child in block.child_blocks.items()
        }
    return prep_value


def _stream_has_changed(block, initial, data):
    def comparable(value):
        # Cleaning turns posted text into stored types ("2" into 2 for an IntegerBlock).
        value = block.clean(value)
        return _comparable_block_value(block, json.loads(json.dumps(block.get_prep_value(value), default=str)))

    try:
        return comparable(initial) != comparable(data)
    except ValidationError:
        return True


def compare_as_the_editor_sees(form):
    """Make `form`'s fields, and those of its inline forms, detect only real edits."""
    for field in form.fields.values():
        field.show_hidden_initial = False
        if isinstance(field.widget, DraftailRichTextArea):
            field.has_changed = partial(_rich_text_has_changed, field.widget.converter)
        elif isinstance(field, BlockField):
            field.has_changed = partial(_stream_has_changed, field.block)
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            compare_as_the_editor_sees(child)


class ReviewedPageForm(WagtailAdminPageForm):
    """Base form of every page type of the portal (`base_form_class`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        compare_as_the_editor_sees(self)

    def clean(self):
        cleaned = super().clean()
        # Tags reach the page only when the form is saved, after the model's own check has run.
        check_tags(self)
        return cleaned

    def has_changed(self):
        if self.changed_data:
            return True
        return any(formset.has_changed() for name, formset in self.formsets.items() if name != COMMENTS_FORMSET)

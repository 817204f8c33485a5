"""What a user may pick in an admin form, enforced on the posted ids and not only in the choosers.

Wagtail's choosers list only what a user may choose, but the form field behind a chooser takes
whatever id is posted: a bureau editor could post another bureau's photo, image or document, or
another bureau's unpublished page, by id. `install()` makes every admin model form (page forms,
snippets, model viewsets, and the inline forms inside them) check each field that refers to a
model with a registered scope:

- a model choice field (a chooser, a select, a multiple choice) offers only objects in scope;
- a StreamField is checked after cleaning, for every object its chooser blocks hold;
- rich text (on its own or inside a StreamField) is checked for the pages and documents it
  links to and the images it embeds.

An object the edited item already uses is always accepted: an editor may keep what an
administrator or another bureau linked, and move it between rows, but cannot add anything new
from outside their scope. A refusal is a field error in Chinese; nothing is saved.

Scopes are registered by the layer that knows them (`register`): pages, images and documents
here (Wagtail's own rules: live pages and those the user may edit; the collections the user may
choose from); protected photos by the photo family. A model without a scope is shared reference
data anyone may pick (districts, themes, carriers); tests/test_forged_ids.py lists each one."""

import re
from collections import defaultdict
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.base import BlockField
from wagtail.blocks.list_block import ListValue
from wagtail.documents import get_document_model
from wagtail.documents import permissions as document_permissions
from wagtail.images import get_image_model
from wagtail.images import permissions as image_permissions
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.rich_text import RichText

OUT_OF_SCOPE = _(
    "You may not use this item: it belongs to another bureau or is not published. Choose one from the list."
)
OUT_OF_SCOPE_CONTENT = _(
    "This content uses an item you may not use (another bureau's image, document or photo, or an "
    "unpublished page): choose one from the list instead."
)

#: model → function(user) returning a queryset of the objects the user may choose.
_SCOPES = {}

# Rich text stores references as <a linktype="page" id="3"> and <embed embedtype="image" id="7">.
_REFERENCE_TAG = re.compile(r"<(?:a|embed)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"')


def register(model, choosable):
    """Scope `model` (and its subclasses) to `choosable(user)`, a queryset of what `user` may pick."""
    _SCOPES[model] = choosable


def scope_key(model):
    """The registered model that scopes `model` (Page for every page type), or None if unscoped."""
    for klass in getattr(model, "__mro__", ()):
        if klass in _SCOPES:
            return klass
    return None


def _rich_text_models():
    return {"page": Page, "document": get_document_model(), "image": get_image_model()}


def rich_text_references(html):
    """(model, id) of every page and document linked, and image embedded, in stored rich text."""
    models = _rich_text_models()
    for match in _REFERENCE_TAG.finditer(html or ""):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        kind = attributes.get("linktype") or attributes.get("embedtype")
        if kind in models and attributes.get("id", "").isdigit():
            yield models[kind], int(attributes["id"])


def references(value, found=None):
    """{scope key: {ids}} of the scoped objects in a field value: a model instance, a list of
    them, rich text, or a StreamField value with chooser blocks and rich text at any depth."""
    found = defaultdict(set) if found is None else found
    if isinstance(value, Model):
        key = scope_key(type(value))
        if key is not None and value.pk is not None:
            found[key].add(value.pk)
    elif isinstance(value, RichText):
        references(value.source, found)
    elif isinstance(value, str):
        for model, pk in rich_text_references(value):
            found[scope_key(model) or model].add(pk)
    elif isinstance(value, StreamValue):
        for child in value:
            references(child.value, found)
    elif isinstance(value, (StructValue, dict)):
        for item in value.values():
            references(item, found)
    elif isinstance(value, (ListValue, list, tuple, set)):
        for item in value:
            references(item, found)
    return found


def _field_references(field, value, found):
    if isinstance(field, forms.ModelChoiceField):
        key = scope_key(field.queryset.model)
        if key is None:
            return
        items = value if isinstance(value, (list, tuple, set)) or hasattr(value, "all") else [value]
        if hasattr(items, "all"):
            items = items.all()
        for item in items:
            pk = item.pk if isinstance(item, Model) else item
            if pk not in (None, ""):
                found[key].add(int(pk) if str(pk).isdigit() else pk)
    elif isinstance(field, BlockField) or _is_rich_text(field):
        references(value, found)


def _is_rich_text(field):
    return isinstance(field.widget, DraftailRichTextArea)


def _forms_of(form):
    """The form and, depth first, every inline form inside it."""
    yield form
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            yield from _forms_of(child)


def already_used(form):
    """{scope key: {ids}} of what the edited object (and its inline objects) uses before this post."""
    found = defaultdict(set)
    for each in _forms_of(form):
        for name, field in each.fields.items():
            if name in each.initial:
                _field_references(field, each.initial[name], found)
    return found


def out_of_scope(user, found, allowed):
    """The scope keys of `found` holding an id that is neither in the user's scope nor in `allowed`."""
    refused = []
    for key, ids in found.items():
        choosable = _SCOPES.get(key)
        new = set(ids) - allowed.get(key, set())
        if choosable is None or not new:
            continue
        in_scope = set(choosable(user).filter(pk__in=new).values_list("pk", flat=True))
        if new - in_scope:
            refused.append(key)
    return refused


def _checked_clean(original, user, allowed, value):
    cleaned = original(value)
    if out_of_scope(user, references(cleaned), allowed):
        raise ValidationError(OUT_OF_SCOPE_CONTENT, code="out_of_scope")
    return cleaned


def limit_to_scope(form, user):
    """Make `form` and its inline forms refuse objects outside `user`'s scope (see the module doc)."""
    allowed = already_used(form)
    for each in _forms_of(form):
        for field in each.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                key = scope_key(field.queryset.model)
                if key is None:
                    continue
                in_scope = Q(pk__in=_SCOPES[key](user).values("pk")) | Q(pk__in=allowed.get(key, set()))
                field.queryset = field.queryset.filter(in_scope)
                field.error_messages = {**field.error_messages, "invalid_choice": OUT_OF_SCOPE}
            elif isinstance(field, BlockField) or _is_rich_text(field):
                field.clean = partial(_checked_clean, field.clean, user, allowed)


def _live_or_editable_pages(user):
    # The page chooser's rule (bureaus/wagtail_hooks.py): every live page, drafts only where the
    # user may edit.
    if user.is_superuser:
        return Page.objects.all()
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add", "change", "publish"])
    return Page.objects.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


def _choosable_images(user):
    # Read at call time: Wagtail replaces the policy object when its settings change.
    return image_permissions.permission_policy.instances_user_has_any_permission_for(user, ["choose"])


def _choosable_documents(user):
    return document_permissions.permission_policy.instances_user_has_any_permission_for(user, ["choose"])


def install():
    """Check every admin model form built for a user; register Wagtail's own scopes. Idempotent.

    Call it once the app registry is ready (an AppConfig.ready)."""
    register(Page, _live_or_editable_pages)
    register(get_image_model(), _choosable_images)
    register(get_document_model(), _choosable_documents)
    original = WagtailAdminModelForm.__init__
    if getattr(original, "limits_to_scope", False):
        return

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        # Inline forms get no user of their own: the outer form checks them.
        if self.for_user is not None:
            limit_to_scope(self, self.for_user)

    __init__.limits_to_scope = True
    WagtailAdminModelForm.__init__ = __init__

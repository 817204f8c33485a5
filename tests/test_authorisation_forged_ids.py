"""The authorisation matrix, part two: ids posted into chooser-backed fields.

The choosers list only what a user may pick; these tests post the admin's own forms with an id
the chooser would never offer. For every chooser-backed field that a bureau's people edit, a
member of the bureau posts (1) an object of another bureau, or another bureau's unpublished page,
which must be refused with a field error and nothing saved, and (2) an object of their own, which
must be saved: the second proves the first reaches the field and could fail.

`test_every_chooser_backed_field_is_scoped_or_shared` walks every admin form (page types with
their inline forms and StreamField blocks, snippets and model viewsets) and fails when a field
refers to a model that is neither scoped (core/chooser_scope.py, or the form's own queryset)
nor listed below as shared reference data; a new field must be added to CASES as well."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PillowImage
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.blocks import ChooserBlock, ListBlock, RichTextBlock, StreamBlock, StructBlock
from wagtail.blocks.base import BlockField
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, get_page_models

from content.ads.demo_media import audio_wav
from content.ads.models.placements import AdInspection, AdPlacement
from content.ads.models.works import PublicServiceAdPage
from content.exemplars.models import ExemplarPage, MoralDayCampaignPage
from content.exposure.models import BehaviourNoticePage
from content.handbooks.models import EtiquetteHandbookPage
from content.photos.ingest import store_protected_photo
from content.photos.models import ProtectedPhoto
from core.chooser_scope import OUT_OF_SCOPE, OUT_OF_SCOPE_CONTENT, scope_key
from tests.admin_forms import stream_post_data, unchanged_edit_post
from tests.factories.bureaus import UserFactory
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

#: Models anyone with the form may pick: the city's shared reference data, not a bureau's.
SHARED = {
    "portal.district": "the city's districts",
    "content.mechanism": "the directive's mechanisms",
    "content.adtheme": "the ad themes of the yearly plan",
    "content.adcarrier": "the kinds of ad carrier",
    "content.behaviourtype": "the reference list of uncivil behaviour",
    "contenttypes.contenttype": "Wagtail's own bookkeeping, not rendered in any form",
    "auth.user": "page owner: Wagtail's bookkeeping, not in any page form's panels",
    "wagtailcore.collection": "Wagtail's collection field, already limited to the user's collections",
    "auth.group": "user admin and workflow tasks: superusers only (the matrix)",
    "wagtailcore.workflow": "workflow admin: superusers only (the matrix)",
    "wagtailcore.task": "workflow admin: superusers only (the matrix)",
    "auth.permission": "group admin: superusers only (the matrix)",
}
#: Fields scoped by their form's own queryset (the user's bureaus' rows), proven by CASES below.
FORM_SCOPED = {"content.adplacement"}


def _png(colour=(30, 90, 150)):
    data = io.BytesIO()
    PillowImage.new("RGB", (40, 30), colour).save(data, format="PNG")
    return data.getvalue()


def _pdf():
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Objects:
    """Objects of one bureau, made for the test: images, documents, photos and a draft page."""

    def __init__(self, owner):
        self.bureau = owner
        label = owner.slug
        self.image = get_image_model().objects.create(
            title=f"伪造测试图片 {label}",
            file=ImageFile(io.BytesIO(_png()), name="forged.png"),
            collection=owner.collection,
        )
        self.document = get_document_model().objects.create(
            title=f"伪造测试文件 {label}", file=ContentFile(_pdf(), name="forged.pdf"), collection=owner.collection
        )
        # A work's media file must be audio or video (AdMediaFile.clean).
        self.media = get_document_model().objects.create(
            title=f"伪造测试音频 {label}", file=ContentFile(audio_wav(), name="forged.wav"), collection=owner.collection
        )
        self.photos = {
            purpose: store_protected_photo(
                _png((200, 60, 60)), purpose=purpose, title=f"伪造测试照片 {label}", bureau=owner, process_now=True
            )
            for purpose in ("exemplar", "exposure")
        }

    def draft_page(self, model):
        """An unpublished page of `model` under this bureau (a copy of a live one)."""
        source = model.objects.live().order_by("path").first()
        return source.copy(
            to=self.bureau,
            update_attrs={"slug": f"forged-draft-{self.bureau.slug}-{model._meta.model_name}", "title": "草稿"},
            keep_live=False,
        ).specific


def editor_of(owner):
    user = UserFactory(username=f"forged-editor-{owner.slug}", groups=[owner.editors_group])
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def add_inline_row(data, prefix, values):
    n = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(n + 1)
    for name, value in {"id": "", "ORDER": str(n + 1), **values}.items():
        data[f"{prefix}-{n}-{name}"] = str(value)


def add_stream_block(data, field, block, item):
    n = int(data[f"{field}-count"])
    data[f"{field}-count"] = str(n + 1)
    for key, value in stream_post_data(field, block, [item]).items():
        if key != f"{field}-count":
            data[key.replace(f"{field}-0", f"{field}-{n}", 1)] = value


def with_page_link(contentstate, page_id):
    """Draftail contentstate (JSON) with a paragraph linking to page `page_id` appended."""
    state = json.loads(contentstate or '{"blocks": [], "entityMap": {}}')
    key = str(len(state["entityMap"]))
    state["entityMap"][key] = {"type": "LINK", "mutability": "MUTABLE", "data": {"id": page_id, "url": "/x/"}}
    state["blocks"].append(
        {
            "key": "forge",
            "type": "unstyled",
            "depth": 0,
            "text": "链接",
            "inlineStyleRanges": [],
            "entityRanges": [{"offset": 0, "length": 2, "key": int(key)}],
            "data": {},
        }
    )
    return json.dumps(state)


def link_in_rich_text(data, field, page_id):
    data[field] = with_page_link(data[field], page_id)


def stream_block(page_model, field):
    return page_model._meta.get_field(field).stream_block


# (case id, page model, owning bureau, change(data, objects) that puts objects' item in the field)
CASES = [
    (
        "exemplar photo inline",
        ExemplarPage,
        "xuanchuanbu",
        lambda data, o: add_inline_row(data, "photos", {"photo": o.photos["exemplar"].pk, "alt_text": "照片"}),
    ),
    (
        "exemplar story link",
        ExemplarPage,
        "xuanchuanbu",
        lambda data, o: link_in_rich_text(data, "story", o.draft_page(ExemplarPage).pk),
    ),
    (
        "exposure photo inline",
        BehaviourNoticePage,
        "gongan",
        lambda data, o: add_inline_row(data, "photos", {"photo": o.photos["exposure"].pk, "alt_text": "照片"}),
    ),
    (
        "rectification update photo",
        BehaviourNoticePage,
        "gongan",
        lambda data, o: add_inline_row(
            data,
            "rectification_updates",
            {"date": "2026-01-05", "text": "已整改", "photo": o.photos["exposure"].pk, "photo_alt_text": "照片"},
        ),
    ),
    (
        "ad artwork image",
        PublicServiceAdPage,
        "xuanchuanbu",
        lambda data, o: add_inline_row(data, "artworks", {"image": o.image.pk, "alt_text": "海报", "caption": ""}),
    ),
    (
        "ad media file",
        PublicServiceAdPage,
        "xuanchuanbu",
        lambda data, o: add_inline_row(data, "media_files", {"document": o.media.pk, "title": "视频"}),
    ),
    (
        "ad download file",
        PublicServiceAdPage,
        "xuanchuanbu",
        lambda data, o: add_inline_row(
            data, "downloads", {"label": "A3", "width_mm": 297, "height_mm": 420, "document": o.document.pk}
        ),
    ),
    (
        "ad description link",
        PublicServiceAdPage,
        "xuanchuanbu",
        lambda data, o: link_in_rich_text(data, "description", o.draft_page(PublicServiceAdPage).pk),
    ),
    (
        "handbook cover image",
        EtiquetteHandbookPage,
        "wenmingban",
        lambda data, o: data.__setitem__("cover_image", str(o.image.pk)),
    ),
    (
        "handbook image block",
        EtiquetteHandbookPage,
        "wenmingban",
        lambda data, o: add_stream_block(
            data,
            "body",
            stream_block(EtiquetteHandbookPage, "body"),
            {
                "type": "image",
                "id": "",
                "value": {"image": {"image": o.image.pk, "decorative": False, "alt_text": "插图"}, "caption": ""},
            },
        ),
    ),
    (
        "handbook text block link",
        EtiquetteHandbookPage,
        "wenmingban",
        lambda data, o: add_stream_block(
            data,
            "body",
            stream_block(EtiquetteHandbookPage, "body"),
            {
                "type": "text",
                "id": "",
                "value": with_page_link("", o.draft_page(ExemplarPage).pk),
            },
        ),
    ),
    (
        "campaign featured exemplar",
        MoralDayCampaignPage,
        "wenmingban",
        lambda data, o: add_inline_row(data, "featured_exemplars", {"exemplar": o.draft_page(ExemplarPage).pk}),
    ),
]


def _other(owner):
    return bureau("jiaoyu" if owner.slug != "jiaoyu" else "minzheng")


def _post_edit(client, page, change, objects):
    data = unchanged_edit_post(client, page)
    change(data, objects)
    before = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    return response, Revision.page_revisions.filter(object_id=str(page.pk)).count() - before


def _errors(response):
    form = response.context["form"]
    messages = [str(m) for errors in form.errors.values() for m in errors]
    for formset in form.formsets.values():
        messages += [str(m) for child in formset.errors for errors in child.values() for m in errors]
    return messages


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_a_forged_id_is_refused_and_an_own_one_saved(case):
    _name, model, owner_slug, change = case
    owner = bureau(owner_slug)
    page = model.objects.descendant_of(owner).live().order_by("path").first()
    client = editor_of(owner)

    response, new_revisions = _post_edit(client, page, change, Objects(_other(owner)))
    assert response.status_code == 200, response.get("Location")
    assert new_revisions == 0
    assert {str(OUT_OF_SCOPE), str(OUT_OF_SCOPE_CONTENT)} & set(_errors(response)), _errors(response)

    response, new_revisions = _post_edit(client, page, change, Objects(owner))
    assert response.status_code == 302, _errors(response) if response.context else response.status_code
    assert new_revisions == 1


def test_an_item_the_page_already_uses_may_stay_however_it_got_there():
    """An administrator linked another bureau's image; the bureau's editor can still save the page."""
    owner = bureau("wenmingban")
    page = EtiquetteHandbookPage.objects.descendant_of(owner).live().order_by("path").first()
    foreign = Objects(_other(owner)).image
    page.cover_image = foreign
    page.save_revision().publish()
    client = editor_of(owner)
    data = unchanged_edit_post(client, page)
    assert data["cover_image"] == str(foreign.pk)
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302


# --- Model viewsets: the ad rows and the protected photos ---------------------------------------


def _viewset_post(client, url, data):
    before = client.get(url)
    assert before.status_code == 200
    return client.post(url, data)


def test_a_placement_takes_neither_another_bureaus_bureau_nor_a_draft_work():
    owner = bureau("xuanchuanbu")
    other = Objects(_other(owner))
    placement = AdPlacement.objects.filter(bureau=owner).order_by("pk").first()
    client = editor_of(owner)
    url = f"/admin/ad-placements/edit/{placement.pk}/"
    row = {
        "work": placement.work_id,
        "carrier": placement.carrier_id,
        "place": placement.place,
        "district": placement.district_id or "",
        "latitude": placement.latitude or "",
        "longitude": placement.longitude or "",
        "bureau": owner.pk,
        "starts_on": placement.starts_on.isoformat(),
        "ends_on": placement.ends_on.isoformat() if placement.ends_on else "",
        "status": placement.status,
    }
    for forged in ({"bureau": other.bureau.pk}, {"work": other.draft_page(PublicServiceAdPage).pk}):
        response = _viewset_post(client, url, {**row, **forged})
        assert response.status_code == 200
        assert set(forged) <= set(response.context["form"].errors)
        placement.refresh_from_db()
        assert (placement.bureau_id, placement.work_id) == (owner.pk, row["work"])
    assert _viewset_post(client, url, {**row, "place": "南屏街东口"}).status_code == 302


def test_an_inspection_takes_neither_another_bureaus_placement_nor_its_image():
    owner = bureau("xuanchuanbu")
    other = Objects(_other(owner))
    own_placement = AdPlacement.objects.filter(bureau=owner).order_by("pk").first()
    other_placement = AdPlacement.objects.exclude(bureau=owner).order_by("pk").first()
    client = editor_of(owner)
    url = "/admin/ad-inspections/new/"
    row = {"placement": own_placement.pk, "inspected_on": "2026-01-05", "inspector": "巡查员", "result": "intact"}
    before = AdInspection.objects.count()
    for forged in ({"placement": other_placement.pk}, {"photo": other.image.pk}):
        response = _viewset_post(client, url, {**row, **forged})
        assert response.status_code == 200
        assert set(forged) <= set(response.context["form"].errors)
    assert AdInspection.objects.count() == before
    response = _viewset_post(client, url, {**row, "photo": Objects(owner).image.pk})
    assert response.status_code == 302, response.context["form"].errors
    assert AdInspection.objects.count() == before + 1


def test_a_protected_photo_cannot_be_moved_to_another_bureau():
    owner = bureau("gongan")
    photo = ProtectedPhoto.objects.filter(bureau=owner).order_by("pk").first()
    client = editor_of(owner)
    url = f"/admin/protected-photos/edit/{photo.pk}/"
    response = _viewset_post(client, url, {"title": photo.title, "bureau": _other(owner).pk})
    assert response.status_code == 200
    assert "bureau" in response.context["form"].errors
    photo.refresh_from_db()
    assert photo.bureau_id == owner.pk


# --- Every chooser-backed field is accounted for -----------------------------------------------


def _label(model):
    return model._meta.label_lower


def _block_models(block):
    if isinstance(block, ChooserBlock):
        yield block.target_model
    elif isinstance(block, RichTextBlock):
        yield Page
    elif isinstance(block, (StreamBlock, StructBlock)):
        for child in block.child_blocks.values():
            yield from _block_models(child)
    elif isinstance(block, ListBlock):
        yield from _block_models(block.child_block)


def _form_models(form_class, where):
    for name, field in form_class.base_fields.items():
        if hasattr(field, "queryset"):
            yield f"{where}.{name}", field.queryset.model
        elif isinstance(field, BlockField):
            for model in _block_models(field.block):
                yield f"{where}.{name}", model
    for name, formset in getattr(form_class, "formsets", {}).items():
        yield from _form_models(formset.form, f"{where}.{name}")


def every_admin_form():
    for model in get_page_models():
        yield model.__name__, model.get_edit_handler().get_form_class()
    for viewset in admin_viewsets.viewsets:
        if isinstance(viewset, ModelViewSet):
            for for_update in (False, True):
                try:
                    form_class = viewset.get_form_class(for_update=for_update)
                except TypeError:
                    form_class = viewset.get_form_class()
                yield f"{viewset.name}{'.edit' if for_update else '.add'}", form_class


def test_every_chooser_backed_field_is_scoped_or_shared():
    unaccounted = set()
    seen = set()
    for where, form_class in every_admin_form():
        for field, model in _form_models(form_class, where):
            label = _label(model)
            seen.add(label)
            if scope_key(model) is None and label not in SHARED and label not in FORM_SCOPED:
                unaccounted.add(f"{field} → {label}")
    assert not unaccounted, f"chooser-backed fields with no scope: {sorted(unaccounted)}"
    # The scoped models this file's cases prove are all met by some form.
    assert {"wagtailcore.page", "wagtailimages.image", "wagtaildocs.document", "content.protectedphoto"} <= {
        _label(scope_key(get_model)) for get_model in [Page, get_image_model(), get_document_model(), ProtectedPhoto]
    }
    assert "content.protectedphoto" in seen and "wagtailimages.image" in seen and "wagtaildocs.document" in seen

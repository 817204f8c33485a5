"""Banned content is refused wherever an editor can type or upload it, not only in page fields:
page tags, documents (title, file name, the text inside), images, collection names and every
snippet; the message stands next to the field and nothing is saved. The nightly audit checks the
documents pages link to."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from fpdf import FPDF
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.snippets.models import get_snippet_models

from bureaus.models.districts import District
from content.exemplars.models import ExemplarPage
from core.safety.page_audit import audit_live_pages
from tests.admin_forms import unchanged_edit_post
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()
BRAND = "澳门新葡京"
SPAM = "新用户注册送体验金，首存优惠，天天返水，官网 hy8888.vip"


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("library-admin", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def editor_client(client, make_user):
    client.force_login(make_user("library-editor", [bureau("gongan").editors_group]))
    return client


def docx_file(name, text):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        body = f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body>"
        archive.writestr("word/document.xml", f"<w:document>{body}</w:document>")
    return SimpleUploadedFile(name, buffer.getvalue())


def xlsx_file(name, text):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="Sheet1"/></sheets></workbook>')
        archive.writestr("xl/sharedStrings.xml", f"<sst><si><t>{text}</t></si></sst>")
    return SimpleUploadedFile(name, buffer.getvalue())


def pdf_file(name, text):
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.multi_cell(0, 10, text)
    return SimpleUploadedFile(name, bytes(document.output()))


def txt_file(name, text):
    return SimpleUploadedFile(name, text.encode())


def png_file(name):
    output = io.BytesIO()
    PILImage.new("RGB", (40, 30), (10, 120, 30)).save(output, format="PNG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/png")


# --- page tags --------------------------------------------------------------------------------


def test_a_spam_tag_is_refused_on_the_page_editor_and_nothing_is_saved(admin_client):
    page = ExemplarPage.objects.live().first()
    revisions = page.revisions.count()
    data = unchanged_edit_post(admin_client, page)
    data.setlist("tags", [f"好人,{BRAND}娱乐"])
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "tags" in form.errors
    assert any(BRAND in message for message in form.errors["tags"])
    assert page.revisions.count() == revisions
    assert not page.specific.tags.filter(name__contains=BRAND).exists()


def test_genuine_tags_are_saved(admin_client):
    page = ExemplarPage.objects.live().first()
    data = unchanged_edit_post(admin_client, page)
    data.setlist("tags", ["见义勇为,志愿服务"])
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302


# --- documents --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "upload",
    [
        lambda: docx_file("年度总结.docx", SPAM),
        lambda: xlsx_file("统计表.xlsx", SPAM),
        lambda: pdf_file("notice.pdf", "Annual report\nbaijiale zhenren kaihu song caijin"),
        lambda: txt_file("readme.txt", "兼职刷单 日结佣金 垫付返利 加QQ 1928374650"),
    ],
    ids=["docx", "xlsx", "pdf", "txt"],
)
def test_a_document_with_spam_inside_is_refused(editor_client, upload):
    collection = bureau("gongan").collection
    before = Document.objects.count()
    response = editor_client.post(
        "/admin/documents/add/", {"title": "年度工作报告", "file": upload(), "collection": collection.pk}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "file" in errors and "文件内容" in errors["file"][0]
    assert Document.objects.count() == before


def test_the_multiple_uploader_rejects_a_document_with_spam_inside(editor_client):
    collection = bureau("gongan").collection
    before = Document.objects.count()
    response = editor_client.post(
        "/admin/documents/multiple/add/", {"files[]": docx_file("年度总结.docx", SPAM), "collection": collection.pk}
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False and "文件内容" in answer["error_message"]
    assert Document.objects.count() == before


@pytest.mark.parametrize(
    ("title", "name", "field"),
    [(f"{BRAND}官网", "report.pdf", "title"), ("年度工作报告", "bet365-promo.pdf", "file")],
)
def test_a_document_title_or_file_name_with_spam_is_refused(editor_client, title, name, field):
    collection = bureau("gongan").collection
    response = editor_client.post(
        "/admin/documents/add/", {"title": title, "file": pdf_file(name, "Annual report"), "collection": collection.pk}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Document.objects.filter(title=title).exists()


def test_a_genuine_document_is_stored(editor_client):
    collection = bureau("gongan").collection
    notice = txt_file("fanzha.txt", "凡是刷单返利都是诈骗，请提高警惕。")
    response = editor_client.post(
        "/admin/documents/add/", {"title": "反诈宣传材料", "file": notice, "collection": collection.pk}
    )
    assert response.status_code == 302
    assert Document.objects.filter(title="反诈宣传材料").exists()


def test_spam_tags_on_a_document_are_refused(editor_client):
    collection = bureau("gongan").collection
    response = editor_client.post(
        "/admin/documents/add/",
        {"title": "年度报告", "file": txt_file("a.txt", "年度报告"), "collection": collection.pk, "tags": "百家乐"},
    )
    assert "tags" in response.context["form"].errors


# --- images and collections -------------------------------------------------------------------


def test_an_image_title_with_spam_is_refused(editor_client):
    collection = bureau("gongan").collection
    before = Image.objects.count()
    response = editor_client.post(
        "/admin/images/add/", {"title": f"{BRAND}娱乐场", "file": png_file("a.png"), "collection": collection.pk}
    )
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert Image.objects.count() == before


def test_a_collection_name_with_spam_is_refused(admin_client):
    root = Collection.get_first_root_node()
    response = admin_client.post("/admin/collections/add/", {"name": "百家乐资料", "parent": root.pk})
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not Collection.objects.filter(name="百家乐资料").exists()


def test_renaming_a_collection_to_spam_is_refused(admin_client):
    collection = bureau("gongan").collection
    response = admin_client.post(
        f"/admin/collections/{collection.pk}/", {"name": "六合彩", "parent": collection.get_parent().pk}
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors


# --- snippets ---------------------------------------------------------------------------------


@pytest.mark.parametrize("model", get_snippet_models(), ids=lambda model: model.__name__)
def test_every_snippet_refuses_spam_in_its_text_fields(model):
    instance = model.objects.first()
    assert instance is not None
    text_fields = [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.choices and field.get_internal_type() in ("CharField", "TextField")
    ]
    assert text_fields
    for field in text_fields:
        setattr(instance, field.attname, "百家乐")
        with pytest.raises(ValidationError) as refused:
            instance.clean()
        assert field.name in refused.value.message_dict
        instance.refresh_from_db()


def test_a_snippet_name_with_spam_is_refused_in_the_snippet_editor(admin_client):
    district = District.objects.first()
    url = reverse("wagtailsnippets_portal_district:edit", args=[district.pk])
    data = {"name": "百家乐区", "slug": district.slug, "kind": district.kind, "sort_order": district.sort_order}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    district.refresh_from_db()
    assert district.name != "百家乐区"


# --- the nightly audit ------------------------------------------------------------------------


def test_the_audit_checks_the_documents_a_page_links_to():
    document = Document.objects.create(title="年度报告", file=txt_file("report.txt", "年度报告"))
    Document.objects.filter(pk=document.pk).update(title=f"{BRAND}娱乐场开户")  # past the editor
    page = ExemplarPage.objects.live().first()
    ExemplarPage.objects.filter(pk=page.pk).update(story=f'<p>下载：<a href="{document.url}">年度报告</a></p>')
    results, audited = audit_live_pages(pages=[ExemplarPage.objects.get(pk=page.pk)])
    assert audited == 1
    [(_url, findings)] = results
    assert any(BRAND in finding.text and f"document {document.pk}" in finding.excerpt for finding in findings)

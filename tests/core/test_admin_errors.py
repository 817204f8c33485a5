"""Deleting something still in use answers with a clear refusal, never a server error; the
multiple uploader's document forms and the snippet choosers answer instead of crashing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import UploadedFile

from content.ads.models.works import AdArtwork, AdDownload
from core.admin_errors import ProtectedObjectMiddleware

pytestmark = pytest.mark.django_db

IN_USE = "无法删除：仍有"


@pytest.fixture
def admin_client():
    user = get_user_model().objects.create_superuser("errors-admin", "errors@example.org", "a-long-test-password")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("url_name", "used"),
    [("wagtailimages:delete_multiple", AdArtwork), ("wagtaildocs:delete_multiple", AdDownload)],
)
def test_deleting_media_still_used_by_an_ad_is_refused_with_a_message(admin_client, url_name, used):
    item = used.objects.select_related().order_by("pk").first()
    media = item.image if used is AdArtwork else item.document
    response = admin_client.post(reverse(url_name, args=[media.pk]))
    assert response.status_code == 409
    body = response.json()
    assert body["success"] is False and body["error_message"].startswith(IN_USE)
    assert type(media).objects.filter(pk=media.pk).exists()


def test_a_refused_delete_from_a_page_goes_back_with_the_message():
    request = RequestFactory().post("/admin/some/delete/", HTTP_REFERER="http://testserver/admin/images/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = ProtectedObjectMiddleware(lambda r: None).process_exception(
        request, ProtectedError("in use", {object(), object()})
    )
    assert response.status_code == 303 and response["Location"] == "http://testserver/admin/images/"
    assert [str(m) for m in get_messages(request)] == ["无法删除：仍有 2 项内容在使用它。请先去掉这些使用，再删除。"]


def test_other_errors_are_not_swallowed():
    request = RequestFactory().post("/admin/x/")
    assert ProtectedObjectMiddleware(lambda r: None).process_exception(request, ValueError("bug")) is None


def test_completing_a_document_upload_saves_the_document(admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PDF")
    user = get_user_model().objects.get(username="errors-admin")
    upload = UploadedFile.objects.create(
        file=SimpleUploadedFile("notice.pdf", buffer.getvalue()),
        for_content_type=ContentType.objects.get_for_model(get_document_model()),
        uploaded_by_user=user,
    )
    url = reverse("wagtaildocs:create_multiple_from_uploaded_document", args=[upload.pk])
    prefix = f"uploaded-document-{upload.pk}"
    # An empty title: the form comes back with its error, no server error.
    again = admin_client.post(url, {f"{prefix}-title": "", f"{prefix}-collection": 1})
    assert again.status_code == 200 and again.json()["success"] is False
    done = admin_client.post(url, {f"{prefix}-title": "整改通知书", f"{prefix}-collection": 1})
    assert done.status_code == 200 and done.json()["success"] is True
    document = get_document_model().objects.get(title="整改通知书")
    assert document.file.name.endswith(".pdf")


def test_a_chooser_without_a_create_tab_has_no_create_url():
    with pytest.raises(NoReverseMatch):
        reverse("wagtailsnippetchoosers_portal_district:create")
    assert reverse("wagtailsnippetchoosers_portal_district:choose") == "/admin/snippets/choose/portal/district/"

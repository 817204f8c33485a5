"""An image uploaded to the library, by the form or the multiple uploader, is stored and served
without its EXIF block (GPS, camera) and under a random name: no rendition says where a photo
was taken or what the file was called."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.helpers import bureau

pytestmark = pytest.mark.django_db

NAME = "张三身份证.jpg"


def phone_photo():
    exif = PILImage.Exif()
    exif[0x010F] = "SpyCam"
    exif[0x8825] = {1: "N", 2: (25.0, 2.0, 30.0), 3: "E", 4: (102.0, 42.0, 10.0)}
    output = io.BytesIO()
    PILImage.new("RGB", (800, 600), (10, 120, 30)).save(output, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(NAME, output.getvalue(), content_type="image/jpeg")


def assert_private(image):
    assert "ZhangSan" not in image.file.name and "张三" not in image.file.name
    with PILImage.open(image.file.path) as stored:
        assert dict(stored.getexif()) == {}
    for spec in ("fill-480x360", "width-800", "original"):
        rendition = image.get_rendition(spec)
        assert "ZhangSan" not in rendition.url
        with PILImage.open(rendition.file.path) as served:
            assert dict(served.getexif()) == {}, spec


@pytest.fixture
def editor_client(client, make_user):
    client.force_login(make_user("image-editor", [bureau("gongan").editors_group]))
    return client


def test_an_image_added_through_the_form_is_stored_without_metadata(editor_client):
    collection = bureau("gongan").collection
    response = editor_client.post(
        "/admin/images/add/", {"title": "执勤现场", "file": phone_photo(), "collection": collection.pk}
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="执勤现场")
    assert (image.width, image.height) == (800, 600) and image.file_size == image.file.size
    assert_private(image)


def test_an_image_from_the_multiple_uploader_is_stored_without_metadata(editor_client):
    collection = bureau("gongan").collection
    response = editor_client.post(
        "/admin/images/multiple/add/", {"files[]": phone_photo(), "collection": collection.pk}
    )
    assert response.status_code == 200 and response.json()["success"] is True
    assert_private(get_image_model().objects.get(pk=response.json()["image_id"]))

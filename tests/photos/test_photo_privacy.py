"""The photo privacy pipeline on a real photo of a person (scikit-image's astronaut, Eileen Collins).

What the public gets of an exposure photo: the face blurred, no EXIF/GPS, never the original."""

import io
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Template
from PIL import Image
from skimage import data

from content.photos.ingest import store_protected_photo
from content.photos.models import (
    BlurRegion,
    BlurRegionSource,
    DetectionState,
    PhotoPurpose,
    ProtectedPhoto,
    prefetch_public_photos,
)
from content.photos.review import add_region, mark_reviewed, remove_regions
from content.photos.tasks import process_photo
from tests.factories.photos import FACE, GPS_IFD, astronaut_jpeg_with_gps, overlaps

pytestmark = pytest.mark.django_db


def gray(image, box=None):
    image = image.convert("L")
    if box is not None:
        x, y, width, height = box
        image = image.crop((x, y, x + width, y + height))
    return np.asarray(image, dtype=float)


def detail(pixels):
    """Fine detail (eyes, mouth, texture): second differences, which a smooth blur flattens."""
    return float(np.abs(np.diff(pixels, n=2, axis=0)).mean() + np.abs(np.diff(pixels, n=2, axis=1)).mean())


def rendition_image(photo, max_width):
    rendition = photo.public_renditions.get(max_width=max_width)
    with rendition.file.open("rb") as handle:
        image = Image.open(handle)
        image.load()
    return image


@pytest.fixture
def source_bytes():
    return astronaut_jpeg_with_gps()


@pytest.fixture
def exposure_photo(source_bytes):
    return store_protected_photo(source_bytes, purpose=PhotoPurpose.EXPOSURE, title="宇航员", process_now=True)


def test_the_test_photo_carries_gps(source_bytes):
    # Guards the tests below: they would pass trivially on a photo without GPS.
    assert GPS_IFD in Image.open(io.BytesIO(source_bytes)).getexif()


def test_the_face_is_detected_and_the_photo_waits_for_review(exposure_photo):
    regions = list(exposure_photo.blur_regions.all())
    assert [region.source for region in regions] == [BlurRegionSource.DETECTED_FACE]
    assert overlaps(regions[0], FACE)
    # The padded box covers the whole face the cascade found.
    x, y, width, height = FACE
    assert regions[0].x <= x and regions[0].y <= y
    assert regions[0].x + regions[0].width >= x + width and regions[0].y + regions[0].height >= y + height
    exposure_photo.refresh_from_db()
    assert exposure_photo.detection_state == DetectionState.DONE
    assert (exposure_photo.width, exposure_photo.height) == (512, 512)
    assert exposure_photo.needs_review


def test_the_face_is_unrecognisable_in_the_public_rendition_and_the_rest_is_kept(exposure_photo):
    original = Image.fromarray(data.astronaut())
    assert sorted(exposure_photo.public_renditions.values_list("max_width", flat=True)) == [480, 512]
    public = rendition_image(exposure_photo, 512)
    assert public.size == original.size

    face_before, face_after = gray(original, FACE), gray(public, FACE)
    assert detail(face_after) < detail(face_before) / 4
    assert np.abs(face_after - face_before).mean() > 10

    # Away from the face (the lower half: suit, flag, rocket), the photo is the photo.
    rest = (0, 300, 512, 212)
    assert np.abs(gray(public, rest) - gray(original, rest)).mean() < 4


def test_renditions_have_no_exif_and_the_original_no_gps(exposure_photo):
    for rendition in exposure_photo.public_renditions.all():
        with rendition.file.open("rb") as handle:
            image = Image.open(handle)
            assert dict(image.getexif()) == {}
            assert "icc_profile" not in image.info and "xmp" not in image.info
    with exposure_photo.original.open("rb") as handle:
        assert GPS_IFD not in Image.open(handle).getexif()


def test_the_original_is_private(exposure_photo, client):
    path = Path(exposure_photo.original.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError):
        exposure_photo.original.url  # noqa: B018
    assert client.get(settings.MEDIA_URL + exposure_photo.original.name).status_code == 404
    # The public rendition is where the public media are.
    rendition = exposure_photo.public_renditions.first()
    assert Path(rendition.file.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_processing_twice_gives_the_same_regions_and_keeps_the_review(exposure_photo):
    mark_reviewed(exposure_photo)
    before = list(exposure_photo.blur_regions.values_list("source", "x", "y", "width", "height"))
    old_files = set(exposure_photo.public_renditions.values_list("file", flat=True))
    process_photo(exposure_photo.pk)
    exposure_photo.refresh_from_db()
    assert list(exposure_photo.blur_regions.values_list("source", "x", "y", "width", "height")) == before
    assert not exposure_photo.needs_review
    assert old_files.isdisjoint(exposure_photo.public_renditions.values_list("file", flat=True))


def test_new_detections_undo_the_review(exposure_photo):
    exposure_photo.blur_regions.all().delete()
    mark_reviewed(exposure_photo)
    process_photo(exposure_photo.pk)  # the face is found again: the reviewed set is no longer what is blurred
    exposure_photo.refresh_from_db()
    assert exposure_photo.needs_review


def test_editor_regions_survive_detection_and_change_the_rendition(exposure_photo):
    flag = (20, 20, 60, 60)
    before = gray(rendition_image(exposure_photo, 512), flag)
    region = add_region(exposure_photo, *flag)
    process_photo(exposure_photo.pk)
    assert BlurRegion.objects.filter(pk=region.pk, source=BlurRegionSource.EDITOR).exists()
    after = gray(rendition_image(exposure_photo, 512), flag)
    assert detail(after) < detail(before) / 3

    remove_regions(exposure_photo, [region.pk])
    restored = gray(rendition_image(exposure_photo, 512), flag)
    assert np.abs(restored - before).mean() < 4


def test_removing_the_detected_face_region_shows_the_face(exposure_photo):
    face_region = exposure_photo.blur_regions.get()
    remove_regions(exposure_photo, [face_region.pk])
    original = gray(Image.fromarray(data.astronaut()), FACE)
    assert np.abs(gray(rendition_image(exposure_photo, 512), FACE) - original).mean() < 4


@pytest.mark.parametrize(
    ("box", "field"),
    [((0, 0, 0, 20), "width"), ((500, 0, 40, 40), "width"), ((0, 600, 10, 10), "y"), ((0, 490, 10, 40), "height")],
)
def test_a_region_outside_the_photo_is_refused(exposure_photo, box, field):
    with pytest.raises(ValidationError) as refused:
        add_region(exposure_photo, *box)
    assert field in refused.value.message_dict
    assert not exposure_photo.blur_regions.filter(source=BlurRegionSource.EDITOR).exists()


def test_exemplar_photos_are_not_blurred_but_lose_their_metadata(source_bytes):
    photo = store_protected_photo(source_bytes, purpose=PhotoPurpose.EXEMPLAR, title="好人", process_now=True)
    assert not photo.blur_regions.exists()
    assert not photo.needs_review
    public = rendition_image(photo, 512)
    assert dict(public.getexif()) == {}
    assert np.abs(gray(public, FACE) - gray(Image.fromarray(data.astronaut()), FACE)).mean() < 4


def test_processing_is_queued_until_the_upload_is_committed(source_bytes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        photo = store_protected_photo(source_bytes, purpose=PhotoPurpose.EXPOSURE, title="宇航员")
        assert photo.detection_state == DetectionState.PENDING
        assert not photo.public_renditions.exists()
    assert callbacks
    photo.refresh_from_db()
    assert photo.detection_state == DetectionState.DONE  # Q_CLUSTER sync=True in the test settings
    assert photo.blur_regions.exists() and photo.public_renditions.count() == 2


@pytest.mark.parametrize(
    ("payload", "code"),
    [(b"GIF89a" + b"\x00" * 40, "wrong_type"), (b"not a photo at all", "wrong_type")],
)
def test_files_that_are_not_photos_are_refused(payload, code):
    with pytest.raises(ValidationError) as refused:
        store_protected_photo(payload, purpose=PhotoPurpose.EXPOSURE, title="x")
    assert refused.value.code == code
    assert not ProtectedPhoto.objects.filter(title="x").exists()


def test_a_pil_image_and_a_file_object_are_accepted():
    image = Image.fromarray(data.astronaut())
    from_image = store_protected_photo(image, purpose=PhotoPurpose.EXEMPLAR, title="a", process_now=True)
    from_file = store_protected_photo(
        io.BytesIO(astronaut_jpeg_with_gps()), purpose=PhotoPurpose.EXEMPLAR, title="b", process_now=True
    )
    assert (from_image.width, from_file.width) == (512, 512)


TAG = Template('{% load protected_photos %}{% public_photo photo "宇航员在太空" css_class="notice-photo" %}')


def test_the_template_tag_shows_nothing_until_reviewed_then_a_srcset(exposure_photo, django_assert_num_queries):
    assert TAG.render(Context({"photo": exposure_photo})).strip() == ""
    mark_reviewed(exposure_photo)
    photo = ProtectedPhoto.objects.prefetch_related(prefetch_public_photos()).get(pk=exposure_photo.pk)
    with django_assert_num_queries(0):
        html = TAG.render(Context({"photo": photo}))
    renditions = list(photo.public_renditions.all())
    assert all(rendition.file.url in html for rendition in renditions)
    assert 'srcset="' in html and " 480w" in html and " 512w" in html
    assert 'alt="宇航员在太空"' in html and 'class="notice-photo"' in html and 'loading="lazy"' in html
    assert exposure_photo.original.name not in html

"""The protected-photo admin: who may see an original, the review page, and the publish guard."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, override
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from content.exposure.models import BehaviourNoticePage, BehaviourType, ExposurePhoto
from content.photos.ingest import store_protected_photo
from content.photos.models import BlurRegionSource, PhotoPurpose, ProtectedPhoto
from content.photos.review import mark_reviewed
from tests.factories.photos import FACE, astronaut_jpeg_with_gps, overlaps
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

OWN, OTHER = "chengguan-zhifa", "gongan"


def editor_of(make_user, slug, name, *, publisher=False):
    page = bureau(slug)
    groups = [page.editors_group]
    if publisher:
        # Bureau groups cannot publish (the workflow will); a test group grants it on the bureau.
        group, _created = Group.objects.get_or_create(name=f"test publishers {slug}")
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=Permission.objects.get(codename="publish_page")
        )
        groups.append(group)
    return make_user(name, groups=groups)


@pytest.fixture
def own_editor(make_user):
    return editor_of(make_user, OWN, "own-editor", publisher=True)


@pytest.fixture
def other_editor(make_user):
    return editor_of(make_user, OTHER, "other-editor")


@pytest.fixture
def photo(own_editor):
    return store_protected_photo(
        astronaut_jpeg_with_gps(),
        purpose=PhotoPurpose.EXPOSURE,
        title="占道经营现场",
        bureau=bureau(OWN),
        process_now=True,
    )


def urls(photo):
    return {
        "original": reverse("protected_photos:original", args=[photo.pk]),
        "review": reverse("protected_photos:review", args=[photo.pk]),
    }


def test_the_original_is_streamed_to_own_bureau_only_and_never_cached(client, photo, own_editor, other_editor):
    url = urls(photo)["original"]
    anonymous = client.get(url)
    assert anonymous.status_code == 302  # the admin sends strangers to its login page
    assert anonymous["Location"].startswith("/admin/login/")

    client.force_login(other_editor)
    assert client.get(url).status_code in (403, 404)
    assert client.get(urls(photo)["review"]).status_code in (403, 404)

    client.force_login(own_editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_the_photo_list_and_chooser_show_own_bureau_photos_only(client, photo, own_editor, other_editor):
    client.force_login(other_editor)
    assert photo.title not in client.get(reverse("protected_photos:index")).content.decode()
    chooser = client.get(reverse("protected_photo_chooser:choose"))
    assert chooser.status_code == 200 and photo.title not in chooser.json()["html"]
    assert client.get(reverse("protected_photo_chooser:chosen", args=[photo.pk])).status_code == 404

    client.force_login(own_editor)
    assert photo.title in client.get(reverse("protected_photos:index")).content.decode()
    assert photo.title in client.get(reverse("protected_photo_chooser:choose")).json()["html"]


def test_the_review_page_shows_the_detected_box_and_the_public_preview(client, photo, own_editor):
    client.force_login(own_editor)
    html = client.get(urls(photo)["review"]).content.decode()
    region = photo.blur_regions.get()
    assert "photo-review__box--face" in html
    assert f'data-left="{100 * region.x / 512:.3f}"' in html
    assert urls(photo)["original"] in html
    preview = photo.public_renditions.order_by("-max_width").first()
    assert preview.file.url in html
    assert 'data-photo-review-state="pending"' in html


def test_an_editor_adds_and_removes_regions_and_confirms_the_review(client, photo, own_editor):
    client.force_login(own_editor)
    review = urls(photo)["review"]
    old_files = set(photo.public_renditions.values_list("file", flat=True))
    response = client.post(
        review, {"action": "add", "region-x": 10, "region-y": 10, "region-width": 60, "region-height": 40}
    )
    assert response.status_code == 302
    added = photo.blur_regions.get(source=BlurRegionSource.EDITOR)
    assert (added.x, added.y, added.width, added.height) == (10, 10, 60, 40)
    assert old_files.isdisjoint(photo.public_renditions.values_list("file", flat=True))

    face = photo.blur_regions.get(source=BlurRegionSource.DETECTED_FACE)
    assert overlaps(face, FACE)
    client.post(review, {"action": "remove", "remove-regions": [added.pk]})
    assert list(photo.blur_regions.all()) == [face]

    client.post(review, {"action": "review"})
    photo.refresh_from_db()
    assert not photo.needs_review and photo.regions_reviewed_by == own_editor


def test_a_region_outside_the_photo_gets_a_message_next_to_the_field(client, photo, own_editor):
    client.force_login(own_editor)
    response = client.post(
        urls(photo)["review"], {"action": "add", "region-x": 500, "region-y": 0, "region-width": 40, "region-height": 0}
    )
    assert response.status_code == 200
    html = response.content.decode()
    with override("zh-hans"):
        past_the_edge = gettext("The region reaches past the right edge of the photo (%(max)s pixels wide).")
        too_flat = gettext("The region must be at least %(pixels)s pixels high.")
    assert escape(past_the_edge % {"max": 512}) in html
    assert escape(too_flat % {"pixels": 4}) in html
    assert 'value="500"' in html  # what the editor typed is kept
    assert not photo.blur_regions.filter(source=BlurRegionSource.EDITOR).exists()


def test_other_bureaus_cannot_change_regions(client, photo, other_editor):
    client.force_login(other_editor)
    response = client.post(urls(photo)["review"], {"action": "review"})
    assert response.status_code in (403, 404)
    photo.refresh_from_db()
    assert photo.needs_review


def test_uploading_in_the_admin_runs_the_pipeline(client, own_editor, django_capture_on_commit_callbacks):
    client.force_login(own_editor)
    upload = SimpleUploadedFile("张三家门口.jpg", astronaut_jpeg_with_gps(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("protected_photos:add"),
            {"title": "新上传", "purpose": PhotoPurpose.EXPOSURE, "bureau": bureau(OWN).pk, "file": upload},
        )
    photo = ProtectedPhoto.objects.get(title="新上传")
    assert response.status_code == 302 and response["Location"] == urls(photo)["review"]
    assert photo.uploaded_by == own_editor and photo.bureau == bureau(OWN)
    assert "张三" not in photo.original.name
    assert photo.blur_regions.filter(source=BlurRegionSource.DETECTED_FACE).exists()


def test_an_upload_that_is_not_a_photo_is_refused_next_to_the_field(client, own_editor):
    client.force_login(own_editor)
    fake = SimpleUploadedFile("x.jpg", b"GIF89a" + b"\0" * 50, content_type="image/jpeg")
    response = client.post(
        reverse("protected_photos:add"),
        {"title": "坏文件", "purpose": PhotoPurpose.EXPOSURE, "bureau": bureau(OWN).pk, "file": fake},
    )
    assert response.status_code == 200
    assert "JPEG" in response.content.decode()
    assert not ProtectedPhoto.objects.filter(title="坏文件").exists()


def test_an_editor_cannot_upload_for_another_bureau(client, own_editor):
    client.force_login(own_editor)
    upload = SimpleUploadedFile("a.jpg", astronaut_jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(
        reverse("protected_photos:add"),
        {"title": "别家的", "purpose": PhotoPurpose.EXPOSURE, "bureau": bureau(OTHER).pk, "file": upload},
    )
    assert response.status_code == 200
    assert not ProtectedPhoto.objects.filter(title="别家的").exists()


# --- Publishing a notice ---------------------------------------------------------------------------


@pytest.fixture
def notice(photo):
    page = BehaviourNoticePage(
        title="人行道占道经营",
        slug="test-photo-guard-notice",
        behaviour_type=BehaviourType.objects.first(),
        place="测试路口",
        description="商贩占用人行道。",
        deadline=datetime.date.today() + datetime.timedelta(days=30),
        live=False,
    )
    page.photos.add(ExposurePhoto(photo=photo, alt_text="人行道上的摊位"))
    bureau(OWN).add_child(instance=page)
    page.save_revision()
    return page


def edit_data(notice, photo, **extra):
    return nested_form_data(
        {
            "title": notice.title,
            "slug": notice.slug,
            "behaviour_type": notice.behaviour_type_id,
            "found_on": notice.found_on.isoformat(),
            "place": notice.place,
            "description": notice.description,
            "status": notice.status,
            "deadline": notice.deadline.isoformat(),
            "photos": inline_formset(
                [{"id": notice.photos.get().pk, "photo": photo.pk, "alt_text": "人行道上的摊位", "caption": ""}],
                initial=1,
            ),
            "rectification_updates": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_publishing_with_an_unreviewed_photo_is_refused_and_a_draft_is_saved(client, notice, photo, own_editor):
    client.force_login(own_editor)
    edit = reverse("wagtailadmin_pages:edit", args=[notice.pk])

    refused = client.post(edit, edit_data(notice, photo, **{"action-publish": "action-publish"}))
    assert refused.status_code == 200
    html = refused.content.decode()
    assert photo.title in html and urls(photo)["review"] in html
    notice.refresh_from_db()
    assert not notice.live

    draft = client.post(edit, edit_data(notice, photo, description="已改的描述。"))
    assert draft.status_code == 302
    notice.refresh_from_db()
    assert not notice.live and notice.get_latest_revision_as_object().description == "已改的描述。"

    mark_reviewed(photo, own_editor)
    published = client.post(edit, edit_data(notice, photo, **{"action-publish": "action-publish"}))
    assert published.status_code == 302
    notice.refresh_from_db()
    assert notice.live


def test_an_exemplar_photo_cannot_be_shown_on_a_notice(client, notice, own_editor):
    exemplar = store_protected_photo(
        io.BytesIO(astronaut_jpeg_with_gps()), purpose=PhotoPurpose.EXEMPLAR, title="好人照片", bureau=bureau(OWN)
    )
    client.force_login(own_editor)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[notice.pk]), edit_data(notice, exemplar))
    assert response.status_code == 200 and "好人照片" in response.content.decode()
    assert notice.photos.get().photo_id != exemplar.pk


def test_bulk_publishing_from_the_explorer_is_refused_too(client, notice, photo, own_editor):
    client.force_login(own_editor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client.post(f"{url}?id={notice.pk}&next=/admin/pages/", {"include_descendants": ""}, follow=True)
    assert photo.title in response.content.decode()
    notice.refresh_from_db()
    assert not notice.live

    mark_reviewed(photo, own_editor)
    client.post(f"{url}?id={notice.pk}&next=/admin/pages/", {"include_descendants": ""})
    notice.refresh_from_db()
    assert notice.live

"""The public 随手拍 form at /suishoupai/, the receipt and the status look-up (docs/suishoupai.md)."""

from unittest import mock

import pytest
from django.utils import timezone
from PIL import Image

from bureaus.models.bureaus import BureauKind, BureauPage
from content.nominations import codes
from content.snapshots import submission
from content.snapshots.models import SnapshotPhoto, SnapshotReport, Status
from core.storage import private_storage
from tests.factories.snapshots import (
    FORM_URL,
    RECEIPT_URL,
    STATUS_URL,
    behaviour,
    code_from,
    form_data,
    jpeg_with_gps,
    make_report,
    submit,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def sent():
    """Reports sent through the form (the demo's have no sender hash)."""
    return SnapshotReport.objects.exclude(client_hash="")


def test_the_form_shows_every_field_with_chinese_labels_and_allows_geolocation_there_only(client):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("photos", "behaviour_type", "district", "place", "latitude", "longitude", "seen_at", "consent"):
        assert f'name="{name}"' in html, name
    assert "不文明行为随手拍" in html and "使用我的位置" in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html and "multiple" in html
    assert "geolocation=(self)" in response["Permissions-Policy"]
    # Every other page keeps the phone's location switched off.
    assert "geolocation=()" in client.get("/").get("Permissions-Policy")
    # The blank form is the same for everyone: the page cache may share it; answers never.
    assert "private" not in response.get("Cache-Control", "")
    answer = client.post(FORM_URL, {"place": "南屏街"})
    assert "no-store" in answer["Cache-Control"]


def test_a_report_is_stored_routed_with_clean_photos_and_a_code_shown_once(client):
    response = submit(client, photos=[jpeg_with_gps("a.jpg"), jpeg_with_gps("b.jpg", (10, 200, 10))])
    assert response["Location"] == RECEIPT_URL
    code = code_from(response)
    report = SnapshotReport.objects.get(tracking_code=code)
    # 乱停乱放: the directive's traffic task makes it 市公安局's.
    assert report.bureau.slug == "gongan" and report.status == Status.RECEIVED
    assert str(report.latitude) == "25.038100" and report.place == "南屏街与正义路口"
    photos = list(report.photos.all())
    assert len(photos) == 2
    for photo in photos:
        assert photo.file.storage.__class__.__name__ == "PrivateMediaStorage"
        with photo.file.open("rb") as handle, Image.open(handle) as image:
            assert not image.getexif() and "exif" not in image.info
    assert list(report.events.values_list("status", flat=True)) == [Status.RECEIVED]
    # A reload of the receipt no longer shows the code.
    again = client.get(RECEIPT_URL)
    assert 'id="tracking-code"' not in again.content.decode() and "回执已显示" in again.content.decode()


def test_a_behaviour_no_task_names_goes_to_the_district(client):
    code = code_from(submit(client, behaviour_type=str(behaviour("suidi-tutan").pk)))
    report = SnapshotReport.objects.get(tracking_code=code)
    assert report.bureau.kind == BureauKind.LOCALITY and report.district.slug == "wuhua"


def test_the_map_point_is_optional_but_must_be_whole_and_in_kunming(client):
    assert submit(client, latitude="", longitude="").status_code == 302
    beijing = submit(client, latitude="39.904200", longitude="116.407400")
    assert beijing.status_code == 200 and "不在昆明" in beijing.content.decode()
    half = submit(client, latitude="25.03", longitude="")
    assert half.status_code == 200 and 'id="latitude-error"' in half.content.decode()
    assert sent().filter(latitude__isnull=True).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"photos": []}, "photos", "请至少添加一张"),
        ({"consent": None}, "consent", "同意"),
        ({"behaviour_type": "999999"}, "behaviour_type", "请选择列出的行为"),
        ({"place": ""}, "place", "必需字段"),
        ({"place": "南屏街 百家乐 开户送彩金"}, "place", ""),
        ({"seen_at": "2099-01-01T08:00"}, "seen_at", "将来"),
        ({"seen_at": "2020-01-01T08:00"}, "seen_at", "90"),
    ],
)
def test_mistakes_are_shown_next_to_the_field_in_chinese_and_nothing_is_stored(client, overrides, field, text):
    photos = overrides.pop("photos", None)
    response = submit(client, photos=photos, **overrides)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="{field}-error"' in html and text in html
    assert 'id="snapshot-errors"' in html and 'aria-invalid="true"' in html
    assert not sent().exists()
    if photos is None:
        # Browsers cannot refill a file input: the page names the photo to choose again.
        assert 'id="photos-again"' in html and "photo.jpg" in html


def test_a_file_that_is_no_photo_is_refused(client):
    fake = jpeg_with_gps("x.jpg")
    fake.file.seek(0)
    fake.file.write(b"not a photo at all")
    fake.file.truncate()
    fake.file.seek(0)
    response = submit(client, photos=[fake])
    assert response.status_code == 200 and 'id="photos-error"' in response.content.decode()
    assert not sent().exists()


def test_nothing_is_half_saved_when_storing_fails(client, settings):
    before = set(_private_files())
    failing = mock.patch.object(submission.SnapshotEvent.objects, "create", side_effect=RuntimeError("database gone"))
    with failing, pytest.raises(RuntimeError):
        submit(client, photos=[jpeg_with_gps("a.jpg"), jpeg_with_gps("b.jpg")])
    assert not sent().exists() and not SnapshotPhoto.objects.filter(report__client_hash__gt="").exists()
    assert set(_private_files()) == before


def _private_files():
    storage = private_storage()
    try:
        _dirs, files = storage.listdir("snapshots")
    except FileNotFoundError:
        return []
    return files


def test_a_filled_honeypot_gets_the_same_receipt_and_nothing_is_stored(client):
    response = submit(client, website="http://spam.example/")
    assert response["Location"] == RECEIPT_URL
    code = code_from(response)
    assert len(code) == 12 and not sent().exists()
    looked_up = client.post(STATUS_URL, {"code": code})
    assert looked_up.status_code == 404 and 'id="status-not-found"' in looked_up.content.decode()


def test_the_rate_limit_refuses_the_sixth_report_of_an_hour_and_keeps_what_was_typed(client):
    for _ in range(5):
        assert submit(client).status_code == 302
    response = submit(client, place="翠湖北门")
    assert response.status_code == 429 and response["Retry-After"]
    assert "翠湖北门" in response.content.decode()
    assert sent().count() == 5


def test_a_too_large_request_is_refused_before_it_is_read(client):
    response = client.post(
        FORM_URL, data=b"x", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH="99999999"
    )
    assert response.status_code == 413


def test_the_status_is_looked_up_by_code_in_a_post_and_shows_no_report_text(client):
    gongan = BureauPage.objects.get(slug="gongan")
    report = make_report(gongan, text="独一无二的描述文字")
    page = client.post(STATUS_URL, {"code": codes.display(report.tracking_code).lower()})
    html = page.content.decode()
    assert page.status_code == 200 and 'id="current-status"' in html and "已收到" in html
    assert "市公安局" in html
    for private in ("独一无二的描述文字", "南屏街", "25.038100", "/admin/"):
        assert private not in html
    assert page["Referrer-Policy"] == "same-origin" and "no-store" in page["Cache-Control"]
    old_link = client.get(f"{STATUS_URL}?code={report.tracking_code}")
    assert old_link.status_code == 302 and "code" not in old_link["Location"]
    assert client.post(STATUS_URL, {"code": "ABCD-EFGH-JKMN"}).status_code == 404


def test_the_reporter_reads_the_reason_of_a_refusal(client):
    report = make_report(BureauPage.objects.get(slug="gongan"))
    SnapshotReport.objects.filter(pk=report.pk).update(status=Status.REJECTED, reason="照片看不清行为本身。")
    html = client.post(STATUS_URL, {"code": report.tracking_code}).content.decode()
    assert 'id="status-reason"' in html and "照片看不清行为本身。" in html and "未受理" in html


def test_status_look_ups_are_rate_limited(client):
    for _ in range(30):
        client.post(STATUS_URL, {"code": "ABCD-EFGH-JKMN"})
    assert client.post(STATUS_URL, {"code": "ABCD-EFGH-JKMN"}).status_code == 429


def test_the_seen_at_default_is_today(client):
    data = form_data()
    assert data["seen_at"].startswith(timezone.localdate().isoformat())

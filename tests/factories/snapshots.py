"""Shared helpers of the 随手拍 tests."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from bureaus.models.districts import District
from content.exposure.models import BehaviourType
from content.nominations import codes
from content.snapshots.models import SnapshotEvent, SnapshotPhoto, SnapshotReport, Status

FORM_URL = "/suishoupai/"
RECEIPT_URL = "/suishoupai/huizhi/"
STATUS_URL = "/suishoupai/status/"


def jpeg_with_gps(name="photo.jpg", colour=(200, 30, 30)):
    image = Image.new("RGB", (40, 30), colour)
    exif = Image.Exif()
    exif[0x8825] = {2: (25.0, 2.0, 3.0)}  # GPSLatitude
    exif[0x010F] = "CameraMaker"
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


def behaviour(slug):
    return BehaviourType.objects.select_related("responsible_bureau").get(slug=slug)


def form_data(**overrides):
    data = {
        "behaviour_type": str(behaviour("luanting-luanfang").pk),
        "district": str(District.objects.get(slug="wuhua").pk),
        "place": "南屏街与正义路口",
        "latitude": "25.038100",
        "longitude": "102.712200",
        "seen_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "description": "一辆轿车停在盲道上，行人只能走机动车道。",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit(client, photos=None, **overrides):
    data = form_data(**overrides)
    data["photos"] = [jpeg_with_gps()] if photos is None else photos
    return client.post(FORM_URL, data)


def code_from(response):
    """The tracking code on the receipt the answer to a report leads to."""
    assert response.status_code == 302, response.status_code
    assert "code" not in response["Location"]
    receipt = response.client.get(response["Location"])
    shown = re.search(r'id="tracking-code">([A-Z0-9-]+)<', receipt.content.decode())
    return codes.normalise(shown.group(1))


def make_report(bureau, *, status=Status.RECEIVED, slug="luanting-luanfang", text="测试举报内容", photo=True):
    """A stored report routed to `bureau`, with one photo, as the form would leave it."""
    report = SnapshotReport.objects.create(
        tracking_code=codes.new_code(),
        behaviour_type=behaviour(slug),
        district=District.objects.get(slug="wuhua"),
        place="南屏街",
        latitude="25.038100",
        longitude="102.712200",
        seen_at=timezone.now(),
        description=text,
        consent=True,
        bureau=bureau,
        status=status,
    )
    if photo:
        item = SnapshotPhoto(report=report)
        item.file.save("p.jpg", jpeg_with_gps(), save=False)
        item.save()
    SnapshotEvent.objects.create(report=report, status=Status.RECEIVED, bureau=bureau)
    return report

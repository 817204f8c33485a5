"""Shared helpers of the message tests."""

import datetime
import io
import itertools
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from content.nominations import codes
from interaction.models import Message, Status
from interaction.submission import create_message

FORM_URL = "/liuyan/xie/"
STATUS_URL = "/liuyan/chaxun/"
LIST_URL = "/liuyan/"
TEXT = "每天早上八点左右，路口右转车辆很少礼让斑马线上的行人，老人和学生过马路很危险。"
_phones = itertools.count(13900000000)


def jpeg_with_gps(name="photo.jpg"):
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x8825] = {2: (25.0, 2.0, 3.0)}  # GPSLatitude
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


def form_data(**overrides):
    data = {
        "topic": "traffic",
        "subject": "路口不礼让行人",
        "text": TEXT,
        "contact_name": "王明",
        "contact_phone": str(next(_phones)),
        "contact_email": "wang@example.com",
        "publish_consent": "on",
        "data_consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def code_from(response):
    """The tracking code on the receipt the answer to a message leads to."""
    assert response.status_code == 302 and "code" not in response["Location"], response
    receipt = response.client.get(response["Location"])
    shown = re.search(r'id="tracking-code">([A-Z0-9-]+)<', receipt.content.decode())
    return codes.normalise(shown.group(1))


def make_message(topic="traffic", received_at=None, **fields):
    data = {
        "topic": topic,
        "subject": fields.pop("subject", "测试留言"),
        "text": fields.pop("text", TEXT),
        "contact_name": "王明",
        "contact_phone": "13900000000",
        "contact_email": "",
        "publish_consent": fields.pop("publish_consent", True),
        "data_consent": True,
    }
    message = create_message(data, now=received_at or timezone.now())
    if fields:
        Message.objects.filter(pk=message.pk).update(**fields)
        message.refresh_from_db()
    return message


def at(year, month, day, hour=10):
    """An aware datetime in Kunming."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


__all__ = ["Status"]

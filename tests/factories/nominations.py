"""Shared helpers of the nomination tests."""

import io
import itertools

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from bureaus.models.districts import District
from content.nominations.models import (
    Nomination,
    Stage,
)
from content.nominations.submission import create_nomination

FORM_URL = "/tuijian/"
STATUS_URL = "/tuijian/status/"
PUBLICITY_URL = "/tuijian/gongshi/"
DEEDS = "她连续十年每天为社区里的三位孤寡老人送饭、打扫房间，陪他们看病，从不求回报，邻居们都说她是大家的好女儿。"
_numbers = itertools.count(1)
_phones = itertools.count(13800000000)


def jpeg_with_gps(name="photo.jpg"):
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x8825] = {2: (25.0, 2.0, 3.0)}  # GPSLatitude
    exif[0x010F] = "CameraMaker"
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


def form_data(**overrides):
    number = next(_numbers)
    data = {
        "nominee_name": f"李秀英{number}",
        "gender": "f",
        "birth_year": "1970",
        "birth_month": "5",
        "district": str(District.objects.order_by("sort_order", "id").first().pk),
        "category": "helping-others",
        "clue": "十年如一日照顾社区孤寡老人",
        "deeds": DEEDS,
        "evidence_links": "https://example.com/report",
        "nominee_awareness": "agrees",
        "photo_consent": "on",
        "nominator_name": "王明",
        "nominator_phone": str(next(_phones)),
        "nominator_relation": "邻居",
        "nominator_unit": "",
        "declaration": "on",
        "data_consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def cleaned(**overrides):
    """Cleaned data as the form gives it, for creating nominations without HTTP."""
    from content.nominations.forms import NominationForm

    form = NominationForm(form_data(**overrides))
    assert form.is_valid(), form.errors
    return form.cleaned_data


def make_nomination(stage=Stage.RECEIVED, **overrides):
    nomination = create_nomination(cleaned(**overrides))
    if stage != Stage.RECEIVED:
        Nomination.objects.filter(pk=nomination.pk).update(stage=stage)
        nomination.refresh_from_db()
    return nomination


_users = itertools.count(1)


ALL = ("view_nomination", "screen_nomination", "district_review_nomination", "score_nomination", "decide_nomination")


def staff(*codenames, email=True):
    from tests.factories.bureaus import UserFactory

    number = next(_users)
    user = UserFactory(username=f"reviewer{number}", email=f"reviewer{number}@example.org" if email else "")
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="content", codename__in=codenames))
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if "district_review_nomination" in codenames:
        # A district review is done by the nomination's district or by the city-wide coordinators
        # (tests/nominations/test_nominations_districts.py); these reviewers act for every district.
        from django.contrib.auth.models import Group

        from bureaus.district_reviewers import CITY_GROUP

        user.groups.add(Group.objects.get(name=CITY_GROUP))
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


def admin_client(user):
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client

"""A 随手拍 report is never public as sent: no public address shows its text, place, map point or
photos, and its photos are served only by the bureau-checked admin view (docs/suishoupai.md)."""

import re
from urllib.parse import urlsplit

import pytest

from bureaus.models.bureaus import BureauPage
from tests.factories.snapshots import FORM_URL, STATUS_URL, make_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

TEXT = "绝密测试描述甲乙丙"
PLACE = "绝密测试地点丁戊己"


def test_no_public_address_shows_a_report_or_its_photos(client):
    report = make_report(BureauPage.objects.get(slug="gongan"), text=TEXT)
    type(report).objects.filter(pk=report.pk).update(place=PLACE)
    photo = report.photos.get()
    secrets = (TEXT, PLACE, "25.038100", photo.file.name, photo.file.name.rsplit("/", 1)[-1])

    sitemap = client.get("/sitemap.xml").content.decode()
    pages = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    assert len(pages) > 20
    addresses = [
        *pages,
        FORM_URL,
        STATUS_URL,
        "/wangzhanditu/",
        # The search page repeats the query: search for the start, look for the whole.
        f"/search/?q={TEXT[:6]}",
        f"/search/?q={PLACE[:6]}",
        "/api/v1/",
        "/api/v1/exposure/",
        f"/api/v1/search/?q={PLACE[:6]}",
        "/dingyue/baoguang/rss.xml",
        "/dingyue/baoguang/atom.xml",
    ]
    for address in addresses:
        html = client.get(address).content.decode(errors="replace")
        assert not [secret for secret in secrets if secret in html], address
    # The status page shows the status and nothing of the report.
    html = client.post(STATUS_URL, {"code": report.tracking_code}).content.decode()
    assert "已收到" in html and not [secret for secret in secrets if secret in html]
    # The photo is in private storage: not under /media/, and the admin view wants a bureau member.
    assert client.get(f"/media/{photo.file.name}").status_code == 404
    answer = client.get(f"/admin/suishoupai/photo/{photo.pk}/")
    assert answer.status_code == 302 and "/admin/login/" in answer["Location"]

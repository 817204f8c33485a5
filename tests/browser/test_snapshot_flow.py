"""随手拍 from a phone to a notice draft: a citizen on a 390 × 844 touch screen opens the form from
the exposure board, takes the map point from the phone's location (granted to the page), attaches
a photo and sends the report; reads the code on the receipt (in no address); a 市公安局 editor finds
it in the admin, sees the photo, accepts it and turns it into a behaviour-notice draft whose photo
waits for the blur review; the citizen looks the outcome up by the code. docs/suishoupai.md."""

import io
import json
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.admin_steps import sign_in
from tests.browser.axe_helper import assert_no_serious_axe_violations
from tests.browser.support import run_shell

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-9Pw"
PLACE = "浏览器测试青年路人行道"
CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")

SETUP = """
from django.contrib.auth.models import User
from bureaus.models.bureaus import BureauPage

user, _ = User.objects.get_or_create(username="sp-gongan")
user.set_password(PASSWORD)
user.save()
user.groups.set([BureauPage.objects.get(slug="gongan").editors_group])
print("ok")
"""

REPORT = """
import json
from content.snapshots.models import SnapshotReport
from content.photos.models import ProtectedPhoto

r = SnapshotReport.objects.select_related("bureau", "notice").get(tracking_code={code!r})
notice = r.notice
photos = [p.photo_id for p in notice.photos.all()] if notice else []
print(json.dumps({{
    "pk": r.pk, "status": r.status, "bureau": r.bureau.slug, "place": r.place,
    "point": [str(r.latitude), str(r.longitude)], "photos": r.photos.count(),
    "notice_live": notice.live if notice else None,
    "notice_parent": notice.get_parent().slug if notice else None,
    "notice_photos_need_review": [ProtectedPhoto.objects.get(pk=pk).needs_review for pk in photos],
}}))
"""


def _jpeg():
    output = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(output, format="JPEG")
    return output.getvalue()


def test_a_phone_report_is_triaged_into_a_notice_draft_and_the_citizen_sees_the_outcome(new_context):
    run_shell(f"PASSWORD = {PASSWORD!r}\n{SETUP}")
    phone = new_context(
        viewport={"width": 390, "height": 844},
        has_touch=True,
        is_mobile=True,
        permissions=["geolocation"],
        geolocation={"latitude": 25.0406, "longitude": 102.7129},
    )
    citizen = phone.new_page()
    citizen.goto("/baoguang/")
    citizen.locator("#snapshot-link a").click()
    expect(citizen).to_have_url(re.compile(r"/suishoupai/$"))
    assert_no_serious_axe_violations(citizen)

    citizen.locator("#id_photos").set_input_files({"name": "car.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()})
    citizen.locator("#id_behaviour_type").select_option(label="乱停乱放")
    citizen.locator("#id_district").select_option(label="五华区")
    citizen.locator("#id_place").fill(PLACE)
    citizen.locator("#geo-button").click()
    expect(citizen.locator("#id_latitude")).to_have_value("25.040600")
    expect(citizen.locator("#geo-status")).to_contain_text("已填入当前位置")
    expect(citizen.locator("#id_seen_at")).not_to_have_value("")  # the present time, filled in
    citizen.locator("#id_description").fill("白色轿车停在盲道上。")
    citizen.locator("#id_consent").check()
    citizen.locator("form.snapshot-form button[type=submit]").click()

    expect(citizen).to_have_url(re.compile(r"/suishoupai/huizhi/$"))
    code = citizen.locator("#tracking-code").inner_text().strip()
    assert CODE.fullmatch(code) and code not in citizen.url
    assert_no_serious_axe_violations(citizen)

    stored = json.loads(run_shell(REPORT.format(code=code.replace("-", ""))))
    assert (stored["status"], stored["bureau"], stored["place"], stored["photos"]) == ("received", "gongan", PLACE, 1)
    assert stored["point"] == ["25.040600", "102.712900"]

    # The bureau triages it in the admin: sees the photo, accepts it, makes the notice draft.
    editor = sign_in(new_context, "sp-gongan", PASSWORD).page
    editor.goto("/admin/suishoupai/")
    editor.get_by_role("link", name=code).click()
    expect(editor.locator("#snapshot-place")).to_have_text(PLACE)
    photo = editor.locator("main img").first
    expect(photo).to_be_visible()
    assert editor.evaluate("(img) => img.naturalWidth", photo.element_handle()) == 64
    editor.locator("#action-accept button").click()
    expect(editor.locator("#snapshot-status")).to_have_text("已受理")
    editor.locator("#action-notice button").click()
    expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(editor.locator("#id_place")).to_have_value(PLACE)

    stored = json.loads(run_shell(REPORT.format(code=code.replace("-", ""))))
    assert stored["status"] == "notice" and stored["notice_live"] is False
    assert stored["notice_parent"] == "gongan" and stored["notice_photos_need_review"] == [True]

    # The citizen looks the outcome up with the code.
    citizen.goto("/suishoupai/status/")
    citizen.locator("#id_code").fill(code.lower())
    with citizen.expect_navigation():
        citizen.locator("main form.status-form button[type=submit]").click()
    expect(citizen.locator("#current-status")).to_contain_text("已转为曝光")
    expect(citizen.locator("#status-notice")).to_contain_text("审核通过")
    expect(citizen.locator("main")).not_to_contain_text(PLACE)
    assert_no_serious_axe_violations(citizen)

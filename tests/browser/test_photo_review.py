"""An editor reviews the blur regions of an exposure photo, and cannot publish a notice before."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.admin_steps import log_in
from tests.browser.axe_helper import assert_no_serious_axe_violations
from tests.browser.support import run_shell

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-9Pw"

# Runs in `manage.py shell` against the browser-test database: the astronaut photo (a real person)
# as an unreviewed exposure photo, a draft notice showing it, and an editor of the bureau who may
# publish there (bureau groups cannot publish until the workflow exists; a test group grants it).
SETUP = """
import datetime, json
from django.contrib.auth.models import Group, Permission, User
from PIL import Image
from skimage import data
from wagtail.models import GroupPagePermission
from content.exposure.models import BehaviourNoticePage, BehaviourType, ExposurePhoto
from content.photos.models import PhotoPurpose
from content.photos.ingest import store_protected_photo
from bureaus.models.bureaus import BureauPage

bureau = BureauPage.objects.get(slug="chengguan-zhifa")
photo = store_protected_photo(
    Image.fromarray(data.astronaut()), purpose=PhotoPurpose.EXPOSURE, title="浏览器测试照片",
    bureau=bureau, process_now=True,
)
notice = BehaviourNoticePage(
    title="浏览器测试：占道经营", slug=f"browser-photo-notice-{photo.pk}",
    behaviour_type=BehaviourType.objects.first(), place="测试路口", description="商贩占用人行道。",
    deadline=datetime.date.today() + datetime.timedelta(days=30), live=False,
)
notice.photos.add(ExposurePhoto(photo=photo, alt_text="人行道上的摊位"))
bureau.add_child(instance=notice)
notice.save_revision()

publishers, _ = Group.objects.get_or_create(name="browser test publishers")
GroupPagePermission.objects.get_or_create(
    group=publishers, page=bureau, permission=Permission.objects.get(codename="publish_page")
)
user, _ = User.objects.get_or_create(username="photo-editor")
user.set_password(PASSWORD)
user.save()
user.groups.set([bureau.editors_group, publishers])
print(json.dumps({"photo": photo.pk, "title": photo.title, "notice": notice.pk, "editor": user.username}))
"""


@pytest.fixture(scope="module")
def setup(portal_server):
    return json.loads(run_shell(f"PASSWORD = {PASSWORD!r}\n{SETUP}"))


def _publish(page, notice_id):
    page.goto(f"/admin/pages/{notice_id}/edit/")
    # The publish button sits in the footer's action menu; clicking it submits the form with its name.
    page.locator("button[name='action-publish']").first.evaluate("button => button.click()")
    page.wait_for_load_state()


def test_editor_reviews_the_detected_face_before_publishing(page, setup):
    log_in(page, setup["editor"])
    review_url = f"/admin/protected-photos/{setup['photo']}/review/"

    page.goto(review_url)
    face = page.locator(".photo-review__box--face")
    expect(face).to_have_count(1)
    box = face.bounding_box()
    image = page.locator("[data-photo-review-canvas] img").bounding_box()
    # Drawn over the astronaut's face, which is in the upper middle of the photo.
    assert box["width"] > 0.15 * image["width"]
    assert image["x"] + 0.2 * image["width"] < box["x"] < image["x"] + 0.5 * image["width"]
    expect(page.locator("[data-photo-review-state='pending']")).to_be_visible()
    assert_no_serious_axe_violations(page)

    _publish(page, setup["notice"])
    # Refused at the top of the page and next to the photo field, naming the photo and its review page.
    expect(page.locator(".messages")).to_contain_text(setup["title"])
    expect(page.locator(".messages")).to_contain_text(review_url)
    expect(page.get_by_text(review_url)).to_have_count(2)
    expect(page).to_have_url(re.compile(rf"/admin/pages/{setup['notice']}/edit/"))

    page.goto(review_url)
    page.locator("button[name='action'][value='review']").click()
    expect(page.locator("[data-photo-review-state='reviewed']")).to_be_visible()

    _publish(page, setup["notice"])
    expect(page).not_to_have_url(re.compile(rf"/admin/pages/{setup['notice']}/edit/"))
    live = run_shell(f"from wagtail.models import Page; print(Page.objects.get(pk={setup['notice']}).live)")
    assert live == "True"


def test_dragging_on_the_photo_fills_the_region_fields(page, setup):
    log_in(page, setup["editor"])
    page.goto(f"/admin/protected-photos/{setup['photo']}/review/")
    image = page.locator("[data-photo-review-canvas] img").bounding_box()
    page.mouse.move(image["x"] + 10, image["y"] + 10)
    page.mouse.down()
    page.mouse.move(image["x"] + image["width"] / 4, image["y"] + image["height"] / 4, steps=5)
    page.mouse.up()
    width = int(page.locator("#id_region-width").input_value())
    assert 100 < width < 140  # a quarter of 512 pixels, less the start offset
    expect(page.locator("#id_region-x")).to_be_focused()

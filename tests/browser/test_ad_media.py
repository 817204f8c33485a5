"""A citizen on a phone plays a video ad and an audio ad on their work pages, reads the
transcripts, and follows a placement with its QR code: in Debian's chromium, so the files are
proven to decode in a real browser, not only to be served."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe_helper import assert_no_serious_axe_violations
from tests.browser.support import PHONE

pytestmark = pytest.mark.browser

# Resolves once the element has loaded its metadata (preload="metadata"), or with its error code.
METADATA = """element => new Promise(resolve => {
  const done = () => resolve({duration: element.duration, error: element.error && element.error.code});
  if (element.readyState >= 1 || element.error) { done(); return; }
  element.addEventListener("loadedmetadata", done, {once: true});
  element.addEventListener("error", done, {once: true});
  element.querySelector("source").addEventListener("error", done, {once: true});
})"""

# Plays muted (no sound device in CI, and no autoplay rules in the way) and resolves with the
# position once the playhead has moved, proving frames were decoded.
PLAYS = """element => new Promise((resolve, reject) => {
  element.muted = true;
  element.addEventListener("timeupdate", () => { if (element.currentTime > 0.3) resolve(element.currentTime); });
  element.play().catch(reject);
})"""


def test_video_and_audio_ads_play_with_their_transcripts(new_context):
    page = new_context(viewport=PHONE).new_page()

    page.goto("/gongyi/gongan/anquan-toukui/")
    video = page.locator("video.work__player")
    expect(video).to_be_visible()
    loaded = video.evaluate(METADATA)
    assert loaded["error"] is None and 5 <= loaded["duration"] <= 7, loaded
    assert video.evaluate(PLAYS) > 0.3
    transcript = page.locator("#" + video.get_attribute("aria-describedby"))
    expect(transcript).to_contain_text("开车坐车 请系好安全带")
    expect(transcript).to_be_visible()
    # The player fits the phone's width.
    assert video.bounding_box()["width"] <= PHONE["width"]
    assert_no_serious_axe_violations(page)

    # Each placement's QR code is drawn and leads to the placement's own page.
    qr = page.locator(".placement-list__qr").first
    qr.scroll_into_view_if_needed()
    expect(qr).to_have_js_property("complete", True)
    assert qr.evaluate("image => image.naturalWidth") > 0
    page.locator(".placement-list__item a").first.click()
    expect(page.locator(".placement-qr img")).to_be_visible()
    assert page.locator(".placement-qr img").evaluate("image => image.naturalWidth") > 0

    page.goto("/gongyi/wenmingban/zhiyuan-xuefeng/")
    audio = page.locator("audio.work__player")
    loaded = audio.evaluate(METADATA)
    assert loaded["error"] is None and 2 <= loaded["duration"] <= 4, loaded
    assert audio.evaluate(PLAYS) > 0.3
    expect(page.locator(".work__transcript")).to_contain_text("志愿服务在身边")
    assert_no_serious_axe_violations(page)

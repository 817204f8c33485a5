"""The public page of an ad placement, its QR codes and the citizens' "report a problem" form."""

import datetime
import io
import itertools
import logging
import random
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from PIL import Image
from wagtail.images.models import Image as WagtailImage

from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District
from content.ads import views as views
from content.ads.forms import AdProblemReportForm
from content.ads.models.placements import (
    AdInspection,
    AdPlacement,
    AdProblemReport,
    AdUpdateTask,
    PlacementStatus,
    UpdateTaskStatus,
)
from content.ads.models.works import AdArtwork, AdCarrier, AdTheme, PublicServiceAdPage
from core import qr
from core.ratelimit import Limit
from core.visitor import keyed_hash
from tests.helpers import BROKEN_REDIS, observable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

XSS_PAYLOADS = settings.BASE_DIR.parent / "shared" / "security" / "xss-payloads.txt"
PAGE_QUERY_BUDGET = 8  # measured: 4 (placement, first artwork, site, header sections)
# Measured 24: the report, its task, the placement's status, and Wagtail's reference index for each.
REPORT_QUERY_BUDGET = 30
_numbers = itertools.count(1)


def artwork_image():
    output = io.BytesIO()
    Image.new("RGB", (160, 120), (159, 28, 28)).save(output, format="PNG")
    return WagtailImage.objects.create(
        title="测试作品图", file=SimpleUploadedFile("artwork.png", output.getvalue(), content_type="image/png")
    )


def make_placement(bureau=None, status=PlacementStatus.SHOWING, live=True):
    n = next(_numbers)
    bureau = bureau or BureauPage.objects.order_by("path").first()
    theme, _ = AdTheme.objects.get_or_create(slug="test-wenming-jiaotong", defaults={"name": "测试·文明交通"})
    carrier, _ = AdCarrier.objects.get_or_create(slug="test-bus-shelter", defaults={"name": "测试·公交站台"})
    work = PublicServiceAdPage(
        title=f"礼让斑马线 文明伴我行{n}",
        slug=f"test-placement-work-{n}",
        theme=theme,
        live=live,
        artworks=[AdArtwork(image=artwork_image(), alt_text="交警护送老人走过斑马线的插画")],
    )
    bureau.add_child(instance=work)
    return AdPlacement.objects.create(
        work=work,
        carrier=carrier,
        place="北京路与东风东路交叉口东北角站台",
        district=District.objects.order_by("sort_order", "id").first(),
        bureau=bureau,
        status=status,
    )


@pytest.fixture
def placement():
    return make_placement()


def page_url(placement):
    return reverse("ad_placement", kwargs={"code": placement.code})


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"
    exif[0x8825] = {1: "N", 2: (25.0, 2.0, 30.0), 3: "E", 4: (102.0, 42.0, 10.0)}
    output = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 30)).save(output, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("现场.jpg", output.getvalue(), content_type="image/jpeg")


def report(client, placement, ip="198.51.100.7", **data):
    return client.post(page_url(placement), {"problem": "faded", "description": "", **data}, REMOTE_ADDR=ip)


# --- the page -------------------------------------------------------------------------------


def test_page_shows_the_work_the_place_and_the_form(client, placement):
    AdInspection.objects.create(
        placement=placement, inspected_on=datetime.date(2026, 3, 5), inspector="张三", result="intact"
    )
    response = client.get(page_url(placement))
    assert response.status_code == 200
    text = response.content.decode()
    work = placement.work
    assert f'<a href="{work.url}">{work.title}</a>' in text
    assert 'alt="交警护送老人走过斑马线的插画"' in text
    assert "fill-800x600" in text
    assert "测试·文明交通" in text
    assert "测试·公交站台" in text
    assert "北京路与东风东路交叉口东北角站台" in text
    assert placement.district.name in text
    assert f'<a href="{placement.bureau.url}">{placement.bureau.title}</a>' in text
    assert "展示中" in text  # status in Chinese
    assert '<time datetime="2026-03-05">2026-03-05</time>' in text
    assert 'name="csrfmiddlewaretoken"' in text
    assert 'name="problem"' in text and 'value="obscured"' in text and "被遮挡" in text
    assert 'enctype="multipart/form-data"' in text
    assert response["Cache-Control"].startswith("max-age=0")


def test_page_says_when_the_placement_was_never_inspected(client, placement):
    assert "尚未巡查" in client.get(page_url(placement)).content.decode()


def test_a_draft_work_is_not_revealed(client):
    placement = make_placement(live=False)
    text = client.get(page_url(placement)).content.decode()
    assert placement.work.title not in text
    assert "交警护送老人" not in text
    assert placement.place in text
    assert 'name="problem"' in text


def test_lowercase_code_redirects_to_the_capitalised_url(client, placement):
    response = client.get(f"/gongyi/dianwei/{placement.code.lower()}/?from=sticker")
    assert response.status_code == 301
    assert response["Location"] == f"{page_url(placement)}?from=sticker"
    for name in ("ad_placement_qr_png", "ad_placement_qr_svg"):
        url = reverse(name, kwargs={"code": placement.code})
        assert client.get(url.replace(placement.code, placement.code.lower()))["Location"] == url


def test_unknown_code_is_the_sites_404(client):
    for url in ("/gongyi/dianwei/ZZZZZZ/", "/gongyi/dianwei/ZZZZZZ/qr.png", "/gongyi/dianwei/zzzzzz/"):
        response = client.get(url, follow=True)
        assert response.status_code == 404
        assert "<h1>页面不存在</h1>" in response.content.decode()


def test_removed_placement_says_so_without_a_form(client):
    placement = make_placement(status=PlacementStatus.REMOVED)
    response = client.get(page_url(placement))
    assert response.status_code == 410
    text = response.content.decode()
    assert "已撤除" in text
    assert 'name="problem"' not in text
    response = report(client, placement)
    assert response.status_code == 410
    assert not AdProblemReport.objects.filter(placement=placement).exists()


def test_page_query_count_is_bounded(client, placement, django_assert_max_num_queries):
    client.get(page_url(placement))  # the first visit creates the rendition
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
        assert client.get(page_url(placement)).status_code == 200
    # More placements, inspections and reports do not make the page cost more.
    for _ in range(3):
        make_placement(bureau=placement.bureau)
        report(client, placement, ip=f"192.0.2.{next(_numbers)}")
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
        assert client.get(page_url(placement)).status_code == 200
    with django_assert_max_num_queries(REPORT_QUERY_BUDGET):
        assert report(client, placement, ip="192.0.2.250").status_code == 302


# --- QR codes ---------------------------------------------------------------------------------


def test_qr_png_is_a_png(client, placement):
    response = client.get(reverse("ad_placement_qr_png", kwargs={"code": placement.code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age=86400" in response["Cache-Control"]
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.format == "PNG"
        image.verify()
        assert image.size[0] == image.size[1] >= 250


def test_qr_svg_is_an_svg(client, placement):
    response = client.get(reverse("ad_placement_qr_svg", kwargs={"code": placement.code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age=86400" in response["Cache-Control"]
    assert "<svg" in response.content.decode()
    assert b"<script" not in response.content


@pytest.mark.parametrize("host", ["localhost", "evil.example.com", "wenming.km.gov.cn.evil.example"])
def test_qr_encodes_the_configured_public_address_whatever_the_host_header(placement, monkeypatch, settings, host):
    settings.ALLOWED_HOSTS = ["*"]
    settings.PORTAL_PUBLIC_URL = "https://wenming.km.gov.cn"
    seen = []
    original = qr.qrcode.QRCode.add_data
    monkeypatch.setattr(
        qr.qrcode.QRCode, "add_data", lambda self, data, **kw: seen.append(data) or original(self, data, **kw)
    )
    for name in ("ad_placement_qr_png", "ad_placement_qr_svg"):
        Client(HTTP_HOST=host).get(reverse(name, kwargs={"code": placement.code}))
    assert seen == [f"https://wenming.km.gov.cn{page_url(placement)}"] * 2


# --- reports ----------------------------------------------------------------------------------


def test_report_creates_one_report_and_one_open_task_for_the_bureau(client, placement):
    response = report(client, placement, problem="damaged", description="灯箱玻璃碎了，\r\n有玻璃渣。")
    assert response.status_code == 302
    # The outcome is a page of its own, starting with the thank-you: not the form again.
    assert response["Location"] == f"{page_url(placement)}huizhi/#outcome"

    saved = AdProblemReport.objects.get(placement=placement)
    assert saved.problem == "damaged"
    assert saved.description == "灯箱玻璃碎了，\n有玻璃渣。"
    # The sender is kept only as a keyed hash of the address: same sender, same hash; no address.
    assert saved.client_hash == keyed_hash("198.51.100.7", "client")
    assert "198.51.100.7" not in saved.client_hash and len(saved.client_hash) == 64
    assert not saved.photo
    task = AdUpdateTask.objects.get(placement=placement)
    assert task.report == saved
    assert task.bureau_id == placement.bureau_id
    assert task.status == UpdateTaskStatus.OPEN
    assert task.source == "citizen"
    assert task.deadline == timezone.localdate() + datetime.timedelta(days=settings.AD_UPDATE_DEADLINE_DAYS)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.NEEDS_UPDATE

    receipt = client.get(response["Location"])
    text = receipt.content.decode()
    assert "感谢" in text
    assert saved.display_code in text and len(saved.tracking_code) == 12
    assert re.findall(r'id="tracking-code">([^<]*)<', text) == [saved.display_code]  # not the row's id
    assert placement.bureau.title in text
    assert receipt["Cache-Control"].startswith("max-age=0") or "no-cache" in receipt["Cache-Control"]
    # Shown once: a reload of the receipt no longer shows the code.
    assert saved.display_code not in client.get(response["Location"]).content.decode()


def test_invalid_report_keeps_what_was_typed_and_saves_nothing(client, placement):
    typed = '路口的广告被树挡住了 <b>"看不见"</b> & 其他'
    response = client.post(
        page_url(placement), {"description": typed, "photo": jpeg_with_gps()}, REMOTE_ADDR="198.51.100.8"
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert escape(typed) in text
    assert typed not in text
    assert "请选择广告存在的问题。" in text  # the error, in Chinese
    assert 'aria-invalid="true" aria-describedby="problem-error"' in text
    assert 'id="problem-error"' in text
    assert "请重新选择" in text  # the photo must be chosen again
    assert 'aria-describedby="photo-help photo-again"' in text
    assert not AdProblemReport.objects.filter(placement=placement).exists()
    assert not AdUpdateTask.objects.filter(placement=placement).exists()


def test_too_long_description_is_refused_with_the_count(client, placement):
    response = report(client, placement, problem="other", description="字" * 501)
    text = response.content.decode()
    assert "最多500个字，您输入了501个" in text
    assert 'aria-describedby="description-help description-error" aria-invalid="true"' in text
    assert 'value="other" required checked' in text  # the chosen problem is kept
    assert not AdProblemReport.objects.filter(placement=placement).exists()


def test_line_breaks_count_once(client, placement):
    response = report(client, placement, description="\r\n".join(["字" * 99] * 5))  # 495 + 4 breaks
    assert response.status_code == 302


def test_unknown_problem_is_refused(client, placement):
    response = report(client, placement, problem="<script>")
    assert "请从列出的问题中选择一项。" in response.content.decode()
    assert not AdProblemReport.objects.filter(placement=placement).exists()


def test_wrong_photo_type_is_refused_in_chinese(client, placement):
    gif = io.BytesIO()
    Image.new("RGB", (8, 8)).save(gif, format="GIF")
    response = report(client, placement, photo=SimpleUploadedFile("a.jpg", gif.getvalue(), content_type="image/jpeg"))
    text = response.content.decode()
    assert "请选择JPEG、PNG或WebP格式的照片。" in text
    assert 'aria-invalid="true"' in text
    assert not AdProblemReport.objects.filter(placement=placement).exists()


def test_photo_is_stored_privately_without_exif(client, placement):
    response = report(client, placement, problem="obscured", photo=jpeg_with_gps())
    assert response.status_code == 302
    saved = AdProblemReport.objects.get(placement=placement)
    try:
        path = Path(saved.photo.path).resolve()
        assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
        assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
        assert saved.photo.name.startswith(f"ad-reports/{timezone.localtime():%Y/%m}/")
        assert "现场" not in saved.photo.name
        # The storage has no public URL at all, and the path under MEDIA_URL serves nothing.
        with pytest.raises(ValueError):
            saved.photo.url  # noqa: B018
        assert client.get(f"/media/{saved.photo.name}").status_code == 404
        assert Path(settings.PRIVATE_MEDIA_ROOT).name.startswith("test-private-media")
        data = path.read_bytes()
        assert b"SpyCam" not in data
        with Image.open(io.BytesIO(data)) as image:
            assert len(image.getexif()) == 0
    finally:
        saved.photo.delete(save=False)


def test_oversized_body_is_refused_before_it_is_read(client, placement):
    response = client.post(
        page_url(placement),
        {"problem": "faded"},
        CONTENT_LENGTH=str(views.MAX_REPORT_BODY + 1),
        REMOTE_ADDR="198.51.100.9",
    )
    assert response.status_code == 413
    assert "照片太大" in response.content.decode()
    assert not AdProblemReport.objects.filter(placement=placement).exists()


def test_csrf_token_is_required(placement):
    strict = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    response = strict.post(page_url(placement), {"problem": "faded"})
    assert response.status_code == 403
    assert not AdProblemReport.objects.filter(placement=placement).exists()
    page = strict.get(page_url(placement))
    token = page.context["csrf_token"]
    assert strict.post(page_url(placement), {"problem": "faded", "csrfmiddlewaretoken": token}).status_code == 302


REFERENCE = re.compile(r'(?<=id="tracking-code">)[0-9A-Z-]+')
BOT_FILLS = "http://spam.example/"


def kept(placement):
    """What a report leaves behind: rows, the placement's state, photo files."""
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "ad-reports"
    placement = AdPlacement.objects.get(pk=placement.pk)
    return (
        AdProblemReport.objects.count(),
        AdUpdateTask.objects.count(),
        (placement.status, placement.inspection_state),
        sorted(p.name for p in root.rglob("*")) if root.exists() else [],
    )


def test_the_honeypot_is_out_of_sight(client, placement):
    text_of_page = client.get(page_url(placement)).content.decode()
    assert '<div class="visually-hidden-field" aria-hidden="true">' in text_of_page
    assert 'name="website" id="id_website" value="" tabindex="-1" autocomplete="off"' in text_of_page


def test_a_filled_honeypot_gets_the_answer_of_a_report_and_nothing_is_kept(placement, opened_photos):
    citizen, bot = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    # The citizen's report comes first: it sets the placement to "needs updating", which its
    # public page shows (docs/security.md says why that is left as it is).
    real = report(citizen, placement, ip="198.51.100.30", description="灯箱坏了", photo=jpeg_with_gps())
    assert len(opened_photos) == 1
    before = kept(placement)
    pretend = report(
        bot, placement, ip="198.51.100.31", description="灯箱坏了", photo=jpeg_with_gps(), website=BOT_FILLS
    )
    assert kept(placement) == before and len(opened_photos) == 1  # nothing stored, the photo not opened

    assert observable(pretend) == observable(real)
    real_page, pretend_page = citizen.get(real["Location"]), bot.get(pretend["Location"])
    assert observable(pretend_page, REFERENCE) == observable(real_page, REFERENCE)
    (real_reference,) = REFERENCE.findall(real_page.content.decode())
    (pretend_reference,) = REFERENCE.findall(pretend_page.content.decode())
    assert len(pretend_reference) == len(real_reference) == 14  # XXXX-XXXX-XXXX, never stored
    assert not AdProblemReport.objects.filter(tracking_code=pretend_reference.replace("-", "")).exists()
    assert placement.bureau.title in pretend_page.content.decode()


def test_a_filled_honeypot_with_mistakes_gets_the_same_errors(placement, opened_photos):
    pretend = report(Client(HTTP_HOST="localhost"), placement, problem="", photo=jpeg_with_gps(), website=BOT_FILLS)
    real = report(Client(HTTP_HOST="localhost"), placement, problem="", photo=jpeg_with_gps())
    assert pretend.status_code == 200 and opened_photos == []
    assert observable(pretend) == observable(real)


def test_a_filled_honeypot_counts_against_the_rate_limits(client, placement):
    for _ in range(5):
        assert report(client, placement, ip="203.0.113.40", website=BOT_FILLS).status_code == 302
    assert report(client, placement, ip="203.0.113.40").status_code == 429
    for n in range(15):  # with the five above, the placement's twenty for the day
        assert report(client, placement, ip=f"203.0.114.{n}", website=BOT_FILLS).status_code == 302
    assert report(client, placement, ip="203.0.114.99").status_code == 429
    assert not AdProblemReport.objects.filter(placement=placement).exists()


# --- rate limits ------------------------------------------------------------------------------


def test_five_reports_per_ip_per_hour(client, placement):
    other = make_placement(bureau=placement.bureau)
    for n in range(5):
        assert report(client, placement if n % 2 else other, ip="203.0.113.5").status_code == 302
    refused = report(client, placement, ip="203.0.113.5", description="第六次")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    text = refused.content.decode()
    assert "请稍后再试" in text
    assert "第六次" in text  # what was typed is kept
    assert AdProblemReport.objects.filter(placement__in=[placement, other]).count() == 5
    assert report(client, placement, ip="203.0.113.6").status_code == 302


def test_twenty_reports_per_placement_per_day(client, placement):
    for n in range(20):
        assert report(client, placement, ip=f"203.0.113.{n + 10}").status_code == 302
    refused = report(client, placement, ip="203.0.113.99")
    assert refused.status_code == 429
    assert "明天" in refused.content.decode()
    assert AdProblemReport.objects.filter(placement=placement).count() == 20
    assert report(client, make_placement(bureau=placement.bureau), ip="203.0.113.99").status_code == 302


def test_reports_are_not_lost_when_the_cache_is_down(client, placement, caplog):
    with override_settings(CACHES=BROKEN_REDIS), caplog.at_level(logging.WARNING, logger="core.ratelimit"):
        for _ in range(7):  # over the per-IP limit: nothing counts while the cache is down
            assert report(client, placement, ip="203.0.113.200").status_code == 302
    assert AdProblemReport.objects.filter(placement=placement).count() == 7
    assert "could not be checked" in caplog.text


# --- cross-site scripting ------------------------------------------------------------------------


def _payloads():
    if not XSS_PAYLOADS.is_file():
        pytest.skip(f"{XSS_PAYLOADS} is not there")
    return [line for line in XSS_PAYLOADS.read_text(encoding="utf-8").split("\n") if line.strip()]


TEXTAREA = re.compile(r'<textarea name="description"[^>]*>\n(.*?)</textarea>', re.S)


def _assert_inert(text, shown):
    """The text comes back only inside the textarea, escaped: nothing of it is markup."""
    (content,) = TEXTAREA.findall(text)
    assert content == escape(shown)


def test_xss_payloads_are_saved_as_text_and_shown_escaped(client, placement, monkeypatch):
    payloads = _payloads()
    monkeypatch.setattr(views, "REPORTS_PER_IP", Limit("xss-ip", 10_000, 3600))
    monkeypatch.setattr(views, "REPORTS_PER_PLACEMENT", Limit("xss-placement", 10_000, 3600))
    fitting = [p for p in payloads if len(p) <= 500]
    sample = random.Random(20260501).sample(fitting, 100)

    for number, payload in enumerate(sample):
        form = AdProblemReportForm({"problem": "other", "description": payload})
        assert form.is_valid(), form.errors
        cleaned = form.cleaned_data["description"]
        # Saved as the very text that was sent (the form only normalises line breaks and
        # drops control characters).
        assert (
            report(client, placement, ip=f"10.0.{number // 250}.{number % 250}", description=payload).status_code == 302
        )
        assert AdProblemReport.objects.filter(placement=placement).first().description == cleaned
        # Shown escaped when the form comes back with an error.
        response = client.post(page_url(placement), {"description": payload}, REMOTE_ADDR="10.1.0.1")
        _assert_inert(response.content.decode(), payload)

    # All of them: the form's cleaning and the same template, without HTTP.
    for payload in payloads:
        form = AdProblemReportForm({"problem": "other", "description": payload})
        if len(payload) > 500:
            assert not form.is_valid()
            assert list(form.errors) == ["description"]
        else:
            assert form.is_valid(), form.errors
            assert escape(form.cleaned_data["description"]) == escape(payload.strip().replace("\x0c", ""))
        text = render_to_string(
            "content/placement/report_form.html",
            {"form": form, "placement": placement, "description_max_length": 500},
        )
        _assert_inert(text, payload)


# --- the cost of a photo ----------------------------------------------------------------------


def big_png():
    """4800×4800 pixels in 70 KB: cheap to send, costly to decode."""
    output = io.BytesIO()
    Image.new("RGB", (4800, 4800), (250, 250, 250)).save(output, format="PNG")
    return SimpleUploadedFile("big.png", output.getvalue(), content_type="image/png")


@pytest.fixture
def opened_photos(monkeypatch):
    """Counts the photos the report form opens (decodes)."""
    from content.ads import forms as report_forms

    opened, real = [], report_forms.clean_uploaded_photo
    monkeypatch.setattr(report_forms, "clean_uploaded_photo", lambda f, **kw: opened.append(f.name) or real(f, **kw))
    return opened


def test_a_sender_over_the_report_limit_is_refused_before_the_photo_is_opened(client, placement, opened_photos):
    for _ in range(5):
        assert report(client, placement).status_code == 302
    response = report(client, placement, photo=big_png(), description="又坏了")
    assert response.status_code == 429 and opened_photos == []
    assert "又坏了" in response.content.decode()  # what was typed is kept


def test_requests_carrying_photos_count_against_the_sender_valid_or_not(client, placement, opened_photos, monkeypatch):
    from core import uploads

    monkeypatch.setattr(uploads, "PHOTO_REQUESTS_PER_SENDER", Limit("photo-requests-test", limit=3, window=3600))
    for _ in range(3):  # invalid (no problem chosen): nothing saved, and the photo not decoded
        assert report(client, placement, problem="", photo=big_png()).status_code == 200
    refused = report(client, placement, photo=big_png())  # valid, but the sender's photo budget is spent
    assert refused.status_code == 429 and opened_photos == []
    # Another sender is not affected.
    assert report(client, placement, ip="198.51.100.99", photo=jpeg_with_gps()).status_code == 302
    assert len(opened_photos) == 1

"""Video and audio ads play on their work's page, and every work page leads to its placements
with their QR codes.

A bureau uploads the media file to the document library; the work's page plays it with the
browser's own accessible player, its transcript beside it (linked with aria-describedby), its
length and a download link. A media file must really be one: a `.webm` whose bytes are a web
page is refused at upload, with the reason next to the file field."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from content.ads.demo_media import audio_wav, video_webm
from content.ads.models.placements import AdPlacement
from content.ads.models.works import AdMediaFile, PublicServiceAdPage
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

Document = get_document_model()


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, b"".join(response.streaming_content) if response.streaming else response.content


def media_section(html):
    return html[html.index('class="work__media"') : html.index("</section>", html.index('class="work__media"'))]


def test_a_video_ad_plays_its_webm_with_the_transcript_beside_it(client):
    work = PublicServiceAdPage.objects.get(slug="anquan-toukui")
    section = media_section(client.get(work.url).content.decode())
    assert "<video" in section and " controls" in section
    source = re.search(r'<source src="([^"]+)" type="video/webm">', section)
    assert source, section
    response, body = served(client, source.group(1))
    assert response["Content-Type"] == "video/webm"
    assert body[:4] == b"\x1a\x45\xdf\xa3" and len(body) > 10_000
    # The transcript is on the page, not folded away, and the player names it as its description.
    described = re.search(r'aria-describedby="(transcript-\d+)"', section).group(1)
    assert f'id="{described}"' in section
    assert "骑电动自行车 请戴好头盔" in section and "<details" not in section
    assert "时长 0:06" in section
    # The poster is the work's own artwork, not a black box.
    assert re.search(r'poster="/media/images/[^"]+fill-960x540', section)


def test_an_audio_ad_plays_its_sound_with_a_transcript(client):
    work = PublicServiceAdPage.objects.get(slug="zhiyuan-xuefeng")
    section = media_section(client.get(work.url).content.decode())
    assert "<audio" in section and "<video" not in section
    source = re.search(r'<source src="([^"]+)" type="audio/wav">', section).group(1)
    response, body = served(client, source)
    assert response["Content-Type"] in ("audio/wav", "audio/x-wav")
    assert body[:4] == b"RIFF" and body[8:12] == b"WAVE"
    assert "学雷锋，做好事，志愿服务在身边。" in section
    assert re.search(r'<a href="[^"]+\.wav" download>下载</a>', section)


def test_a_print_ad_shows_no_player(client):
    html = client.get(PublicServiceAdPage.objects.get(slug="lixing-banmaxian").url).content.decode()
    assert "<video" not in html and "<audio" not in html


def test_the_work_page_links_each_placement_with_its_qr_code(client):
    work = PublicServiceAdPage.objects.get(slug="lixing-banmaxian")
    html = client.get(work.url).content.decode()
    placements = list(AdPlacement.objects.filter(work=work).exclude(status="removed"))
    assert placements
    for placement in placements:
        assert f'<a href="/gongyi/dianwei/{placement.code}/">' in html
        qr = f'src="/gongyi/dianwei/{placement.code}/qr.svg"'
        assert qr in html
        assert f'alt="点位 {placement.code} 的二维码"' in html
    response, body = served(client, f"/gongyi/dianwei/{placements[0].code}/qr.svg")
    assert response["Content-Type"] == "image/svg+xml" and b"<svg" in body


def test_the_placement_page_shows_its_own_qr_code_to_scan_or_download(client):
    placement = AdPlacement.objects.exclude(status="removed").filter(work__live=True).first()
    html = client.get(f"/gongyi/dianwei/{placement.code}/").content.decode()
    assert f'<img src="/gongyi/dianwei/{placement.code}/qr.svg" width="160" height="160"' in html
    assert f'href="/gongyi/dianwei/{placement.code}/qr.png" download' in html


@pytest.fixture
def editor_client(client, make_user):
    client.force_login(make_user("media-editor", [bureau("gongan").editors_group]))
    return client


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("宣传片.webm", b"<html><script>alert(1)</script></html>"),
        ("广播.mp3", b"%PDF-1.4 not a sound"),
        ("广播.wav", b"RIFF\x00\x00\x00\x00AVI LIST"),
        ("短片.mp4", b"\x00\x00\x00\x18notftypisom"),
    ],
    ids=["html-as-webm", "pdf-as-mp3", "avi-as-wav", "junk-as-mp4"],
)
def test_a_file_that_is_not_the_media_its_name_says_is_refused(editor_client, name, data):
    before = Document.objects.count()
    response = editor_client.post(
        "/admin/documents/add/",
        {"title": "宣传片", "file": SimpleUploadedFile(name, data), "collection": bureau("gongan").collection.pk},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert "不是" in errors[0] and "视频或音频文件本身" in errors[0]
    assert Document.objects.count() == before


@pytest.mark.parametrize(
    ("name", "data"),
    [("xuanchuanpian.webm", lambda: video_webm("测试", ["一行字幕"], "#123456")), ("guangbo.wav", audio_wav)],
    ids=["webm", "wav"],
)
def test_a_real_video_or_audio_file_uploads(editor_client, name, data):
    response = editor_client.post(
        "/admin/documents/add/",
        {"title": "宣传片", "file": SimpleUploadedFile(name, data()), "collection": bureau("gongan").collection.pk},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Document.objects.filter(title="宣传片", file__endswith=name.rsplit(".")[-1]).exists()


def test_a_work_cannot_play_a_pdf():
    work = PublicServiceAdPage.objects.get(slug="anquan-toukui")
    pdf = work.downloads.first().document
    media = AdMediaFile(page=work, document=pdf, title="不是视频")
    with pytest.raises(ValidationError) as refused:
        media.clean()
    assert "请选择视频或音频文件" in refused.value.message_dict["document"][0]

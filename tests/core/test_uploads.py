"""clean_uploaded_photo: allowlisted decoders, size and pixel caps, metadata stripped."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from core.uploads import clean_uploaded_photo

GPS_IFD = 0x8825
MAKE = 0x010F
ORIENTATION = 0x0112


def image_bytes(format_, size=(64, 48), mode="RGB", color=(200, 30, 30), **save_options):
    output = io.BytesIO()
    Image.new(mode, size, color).save(output, format=format_, **save_options)
    return output.getvalue()


def jpeg_with_exif(size=(64, 48), orientation=None):
    exif = Image.Exif()
    exif[MAKE] = "SpyCam"
    exif[GPS_IFD] = {1: "N", 2: (25.0, 2.0, 30.0), 3: "E", 4: (102.0, 42.0, 10.0)}
    if orientation:
        exif[ORIENTATION] = orientation
    return image_bytes("JPEG", size=size, exif=exif.tobytes(), icc_profile=b"\0" * 128)


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def refusal_code(data, **kwargs):
    with pytest.raises(ValidationError) as caught:
        clean_uploaded_photo(upload(data), **kwargs)
    return caught.value


def test_jpeg_with_gps_exif_comes_out_without_any_metadata():
    original = jpeg_with_exif()
    with Image.open(io.BytesIO(original)) as check:  # the probe really carries what we strip
        assert check.getexif()[MAKE] == "SpyCam"
        assert GPS_IFD in check.getexif()
        assert check.info.get("icc_profile")

    cleaned = clean_uploaded_photo(upload(original, name="我家门口 GPS.jpg"))

    data = cleaned.read()
    assert b"SpyCam" not in data
    with Image.open(io.BytesIO(data)) as result:
        assert result.format == "JPEG"
        assert result.size == (64, 48)
        assert len(result.getexif()) == 0
        assert "exif" not in result.info
        assert "icc_profile" not in result.info
    assert cleaned.name.endswith(".jpg")
    assert "GPS" not in cleaned.name and "我家" not in cleaned.name
    assert len(cleaned.name) == 32 + len(".jpg")


def test_exif_orientation_is_applied_before_it_is_dropped():
    cleaned = clean_uploaded_photo(upload(jpeg_with_exif(size=(80, 40), orientation=6)))
    with Image.open(cleaned) as result:
        assert result.size == (40, 80)
        assert ORIENTATION not in result.getexif()


def test_png_with_transparency_stays_png_and_loses_text_chunks():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret location")
    cleaned = clean_uploaded_photo(upload(image_bytes("PNG", mode="RGBA", color=(0, 0, 0, 0), pnginfo=info)))
    data = cleaned.read()
    assert b"secret location" not in data
    with Image.open(io.BytesIO(data)) as result:
        assert result.format == "PNG"
        assert result.mode == "RGBA"
    assert cleaned.name.endswith(".png")


def test_opaque_png_and_webp_become_jpeg():
    for data in (image_bytes("PNG"), image_bytes("WEBP")):
        cleaned = clean_uploaded_photo(upload(data))
        with Image.open(cleaned) as result:
            assert result.format == "JPEG"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(image_bytes("GIF"), id="gif"),
        pytest.param(image_bytes("TIFF"), id="tiff"),
        pytest.param(image_bytes("BMP"), id="bmp"),
        pytest.param(
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
            b'<rect width="10" height="10"/></svg>',
            id="svg",
        ),
        pytest.param(b"%PDF-1.7\n", id="pdf"),
        pytest.param(b"", id="empty"),
    ],
)
def test_other_formats_are_refused_as_wrong_type(data):
    assert refusal_code(data).code == "wrong_type"


def test_truncated_jpeg_is_refused_as_corrupt():
    data = image_bytes("JPEG", size=(400, 300))
    assert refusal_code(data[: len(data) // 2]).code == "corrupt"


def test_too_many_pixels_is_refused_before_decoding():
    # 5000 x 5000 = 25 million pixels, over the 24 million cap; a flat PNG of that size is small.
    data = image_bytes("PNG", size=(5000, 5000), mode="L", color=0)
    assert len(data) < 1024 * 1024
    assert refusal_code(data).code == "too_many_pixels"


def test_pillow_decompression_bomb_limit_is_refused_too(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # warning above 1000, error above 2000
    assert refusal_code(image_bytes("PNG", size=(40, 40)), max_pixels=10_000).code == "too_many_pixels"
    assert refusal_code(image_bytes("PNG", size=(60, 60)), max_pixels=10_000).code == "too_many_pixels"


def test_byte_size_is_checked_before_anything_is_decoded():
    error = refusal_code(image_bytes("JPEG"), max_bytes=100)
    assert error.code == "too_big"


def test_messages_are_chinese():
    with translation.override("zh-hans"):
        messages = {
            "wrong_type": refusal_code(image_bytes("GIF")).messages[0],
            "too_big": refusal_code(b"\xff" * (600 * 1024), max_bytes=512 * 1024).messages[0],
            "too_many_pixels": refusal_code(image_bytes("PNG", size=(2000, 1000)), max_pixels=1_000_000).messages[0],
            "corrupt": refusal_code(image_bytes("JPEG", size=(400, 300))[:300]).messages[0],
        }
    assert messages == {
        "wrong_type": "请选择JPEG、PNG或WebP格式的照片。",
        "too_big": "照片太大：不能超过0.5 MB。",
        "too_many_pixels": "照片像素过多：不能超过1百万像素。",
        "corrupt": "无法读取照片：文件已损坏或不完整。",
    }

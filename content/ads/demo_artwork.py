"""Artwork and print files for the demo works, drawn with Pillow so the repository ships no
binary files. Text is drawn when a CJK font is installed (Debian's fonts-noto-cjk); otherwise
the posters carry only their colours and shapes."""

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

CJK_FONT_CANDIDATES = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
]


@cache
def _font_path():
    for path, index in CJK_FONT_CANDIDATES:
        if Path(path).exists():
            return path, index
    return None


def _font(size):
    found = _font_path()
    if found is None:
        return None
    return ImageFont.truetype(found[0], size=size, index=found[1])


def poster_png(title, subtitle, colour, size, accent="#ffd54f"):
    """A flat poster: a coloured field, a band, the title and subtitle. Returns PNG bytes."""
    out = io.BytesIO()
    _poster(title, subtitle, colour, size, accent).save(out, format="PNG", optimize=True)
    return out.getvalue()


def poster_pdf(title, subtitle, colour, size, dpi, accent="#ffd54f"):
    """The same poster as a one-page PDF at `dpi` (72 for a screen file): what a bureau downloads."""
    out = io.BytesIO()
    _poster(title, subtitle, colour, size, accent).save(out, format="PDF", resolution=dpi or 72)
    return out.getvalue()


def _poster(title, subtitle, colour, size, accent):
    width, height = size
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    band_top = int(height * 0.62)
    draw.rectangle([0, band_top, width, band_top + int(height * 0.06)], fill=accent)
    draw.ellipse(
        [int(width * 0.35), int(height * 0.12), int(width * 0.65), int(height * 0.12) + int(width * 0.3)],
        outline=accent,
        width=max(4, width // 120),
    )
    title_font = _font(max(24, width // max(6, len(title) + 2)))
    if title_font is not None:
        box = draw.textbbox((0, 0), title, font=title_font)
        draw.text(((width - (box[2] - box[0])) / 2, height * 0.45), title, font=title_font, fill="#ffffff")
        sub_font = _font(max(16, width // 28))
        box = draw.textbbox((0, 0), subtitle, font=sub_font)
        draw.text(((width - (box[2] - box[0])) / 2, height * 0.74), subtitle, font=sub_font, fill="#ffffff")
    return image

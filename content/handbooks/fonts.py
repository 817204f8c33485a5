"""Which CJK font the print edition embeds.

Looked up in this order (docs/handbooks.md):

1. ``HANDBOOK_PDF_FONT`` (Django setting, else environment variable): a path to a .ttf, .otf or
   .ttc file. For a collection, ``path#N`` picks the N-th font (default 0); a bare
   NotoSansCJK .ttc gets the Simplified Chinese face, number 2.
2. Debian's ``fonts-noto-cjk`` (Noto Sans CJK SC).

There is no PyPI fallback: the one wheel that ships Noto Sans CJK (manimgx-fonts-cjk) has only
the variable font, which fpdf2 embeds as a font poppler reports as invalid.
"""

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

SETTING = "HANDBOOK_PDF_FONT"
DEBIAN_NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
# Fonts of a NotoSansCJK collection: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK (then the mono faces).
NOTO_CJK_SC = 2


@dataclass(frozen=True)
class CJKFont:
    path: Path
    collection_font_number: int = 0

    @property
    def family(self):
        return "handbook-cjk"


class FontUnavailable(RuntimeError):
    pass


def _parse(value):
    path, _sep, number = str(value).partition("#")
    path = Path(path).expanduser()
    if number:
        return path, int(number)
    if path.suffix.lower() in (".ttc", ".otc") and path.name.startswith("NotoSansCJK"):
        return path, NOTO_CJK_SC
    return path, 0


def configured_font():
    return getattr(settings, SETTING, None) or os.environ.get(SETTING) or None


def find_cjk_font():
    """The font to embed, or raise FontUnavailable saying what was tried."""
    tried = []
    configured = configured_font()
    if configured:
        path, number = _parse(configured)
        if path.is_file():
            return CJKFont(path, number)
        tried.append(f"{SETTING}={configured} (no such file)")
    if DEBIAN_NOTO_CJK.is_file():
        return CJKFont(DEBIAN_NOTO_CJK, NOTO_CJK_SC)
    tried.append(f"{DEBIAN_NOTO_CJK} (install Debian's fonts-noto-cjk)")
    raise FontUnavailable("No CJK font for the handbook PDF; tried: " + "; ".join(tried))


def font_available():
    try:
        find_cjk_font()
    except FontUnavailable:
        return False
    return True

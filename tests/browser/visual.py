"""Screenshots compared against committed references (tests/browser/references/).

A visual change must be deliberate: when a page's look changes on purpose, run the visual tests
with UPDATE_VISUAL_REFERENCES=1, look at the new PNGs and commit them with the change
(docs/public-polish.md). A small tolerance absorbs font anti-aliasing: a pixel counts as changed
when a colour channel moves by more than CHANNEL_TOLERANCE, and a screenshot passes while at
most CHANGED_PIXELS_ALLOWED of its pixels changed. On a failure the new screenshot and a diff
image are written to var/visual/ for a look."""

import io
import os

import pytest
from PIL import Image, ImageChops

from tests.browser.support import BASE_DIR, VAR_DIR

REFERENCES = BASE_DIR / "tests" / "browser" / "references"
CHANNEL_TOLERANCE = 48
CHANGED_PIXELS_ALLOWED = 0.004  # 0.4 %


def changed_share(reference, actual):
    difference = ImageChops.difference(reference.convert("RGB"), actual.convert("RGB"))
    mask = difference.convert("L").point(lambda value: 255 if value > CHANNEL_TOLERANCE else 0)
    changed = mask.histogram()[255]
    return changed / (actual.width * actual.height), mask


def assert_matches_reference(png_bytes, name):
    path = REFERENCES / f"{name}.png"
    actual = Image.open(io.BytesIO(png_bytes))
    if os.environ.get("UPDATE_VISUAL_REFERENCES") == "1":
        REFERENCES.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png_bytes)
        return
    if not path.is_file():
        pytest.fail(f"no reference {path.relative_to(BASE_DIR)}: run with UPDATE_VISUAL_REFERENCES=1", pytrace=False)
    reference = Image.open(path)
    out = VAR_DIR / "visual"
    if reference.size != actual.size:
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.png").write_bytes(png_bytes)
        pytest.fail(f"{name}: {actual.size} px, the reference is {reference.size} px", pytrace=False)
    share, mask = changed_share(reference, actual)
    if share > CHANGED_PIXELS_ALLOWED:
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.png").write_bytes(png_bytes)
        mask.save(out / f"{name}-diff.png")
        pytest.fail(
            f"{name}: {share:.2%} of the pixels changed (allowed {CHANGED_PIXELS_ALLOWED:.2%}); "
            f"see var/visual/{name}.png and {name}-diff.png. If the change is meant, refresh the "
            "references (UPDATE_VISUAL_REFERENCES=1) and commit them.",
            pytrace=False,
        )

"""Demo etiquette handbooks (文明礼仪手册): the 2026 school and community editions of 市文明办.

The streams are given as raw data with block ids derived from the slug, so a second run compares
equal and publishes nothing. The cover images are drawn with Pillow (no binary files in the
repository). The print PDFs are built at the end when a CJK font is installed."""

import io
import json
import uuid
from pathlib import Path

from django.core.files.images import ImageFile
from wagtail.blocks import StreamValue
from wagtail.images import get_image_model

from content.handbooks.fonts import font_available
from content.handbooks.models import EtiquetteHandbookPage
from content.handbooks.tasks import build_print_edition
from core.sanitise import clean_rich_text

DATA_FILE = Path(__file__).resolve().parent / "demo_data.json"
ID_NAMESPACE = uuid.UUID("6f0b4a52-3c1e-4d7a-9a8e-2b5c1d0e7f31")


def _id(*parts):
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(str(p) for p in parts)))


def _items(slug, path, values):
    return [{"type": "item", "value": v, "id": _id(slug, path, i)} for i, v in enumerate(values)]


def _load_editions():
    """The editions' texts live in content/handbooks/demo_data.json; their HTML is cleaned like any
    HTML that reaches a rich-text field other than through the admin editor."""
    with open(DATA_FILE, encoding="utf-8") as fh:
        data = json.load(fh)
    editions = data["editions"]
    for edition in editions:
        edition["cover"] = tuple(tuple(colour) for colour in edition["cover"])
        for _heading, blocks in edition["chapters"]:
            for block in blocks:
                if block[0] == "text":
                    block[1] = clean_rich_text(block[1])
    return data["bureau"], editions


BUREAU, EDITIONS = _load_editions()


def body_data(slug, chapters):
    data = []
    for c, (heading, blocks) in enumerate(chapters):
        data.append({"type": "chapter", "value": heading, "id": _id(slug, "chapter", c)})
        for b, block in enumerate(blocks):
            block_id = _id(slug, "block", c, b)
            if block[0] == "text":
                data.append({"type": "text", "value": block[1], "id": block_id})
            elif block[0] == "dos":
                _kind, title, dos, donts = block
                value = {
                    "title": title,
                    "dos": _items(slug, f"dos-{c}-{b}", dos),
                    "donts": _items(slug, f"donts-{c}-{b}", donts),
                }
                data.append({"type": "dos_and_donts", "value": value, "id": block_id})
            elif block[0] == "qa":
                data.append({"type": "qa", "value": {"question": block[1], "answer": block[2]}, "id": block_id})
    return data


def quiz_data(slug, questions):
    return [
        {
            "type": "question",
            "value": {
                "question": question,
                "choices": _items(slug, f"quiz-{n}", choices),
                "correct_choice": correct,
                "explanation": explanation,
            },
            "id": _id(slug, "quiz", n),
        }
        for n, (question, choices, correct, explanation) in enumerate(questions)
    ]


def _stream(field_name, data):
    block = EtiquetteHandbookPage._meta.get_field(field_name).stream_block
    return StreamValue(block, data, is_lazy=True)


def cover_png(background, accent, size=(1200, 800)):
    """A plain cover: a coloured field, a band and a sun. Returns PNG bytes."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    width, height = size
    image = PILImage.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, int(height * 0.7), width, int(height * 0.76)], fill=accent)
    draw.ellipse(
        [int(width * 0.38), int(height * 0.15), int(width * 0.62), int(height * 0.15) + int(width * 0.24)], fill=accent
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def cover_image(builder, bureau, edition):
    """The edition's cover in the bureau's collection, created once (found by title after)."""
    Image = get_image_model()
    title = f"{edition['title']} 封面"
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    background, accent = edition["cover"]
    png = cover_png(background, accent)
    collection = bureau.collection if bureau.collection_id else None
    extra = {"collection": collection} if collection is not None else {}
    image = Image(title=title, file=ImageFile(io.BytesIO(png), name=f"{edition['slug']}-cover.png"), **extra)
    image.save()
    builder.created += 1
    return image


def build_handbooks(builder, bureaus, build_pdfs=True):
    """Create or update the demo editions under 市文明办; returns them. Idempotent."""
    bureau = bureaus[BUREAU]
    pages = []
    for edition in EDITIONS:
        slug = edition["slug"]
        values = {
            "title": edition["title"],
            "year": 2026,
            "audience": edition["audience"],
            "edition_number": 1,
            "summary": edition["summary"],
            "cover_image": cover_image(builder, bureau, edition),
            "body": _stream("body", body_data(slug, edition["chapters"])),
            "quiz": _stream("quiz", quiz_data(slug, edition["quiz"])),
        }
        pages.append(builder.ensure_page(bureau, EtiquetteHandbookPage, slug, values))
    if build_pdfs:
        if font_available():
            for page in pages:
                build_print_edition(page.pk)
        else:
            builder.log("Handbook PDFs not built: no CJK font (see docs/handbooks.md).")
    return pages

"""Demo exemplars (好人榜) and the 2026 9·20 campaign page, from content/exemplars/demo_data.json.

Every level and category is covered; 昆明好人 are spread over quarters of 2025 and 2026. Photos
are drawn with Pillow (portrait-like figures, no real person) and stored as protected photos
once (found again by title, purpose and bureau). One photo has a recorded consent and is shown,
one shows a minor and one has no consent yet: neither of those is ever shown. Like tallies are
seeded only where none exists, so a rebuild never resets real likes. Idempotent."""

import datetime
import io
import json
from pathlib import Path

from django.utils.html import escape

from bureaus.models.districts import District
from content.exemplars.models import (
    CampaignEvent,
    CampaignExemplar,
    ExemplarHonour,
    ExemplarLikeTally,
    ExemplarPage,
    ExemplarPhoto,
    MoralDayCampaignPage,
)
from content.photos.ingest import store_protected_photo
from content.photos.models import PhotoPurpose, ProtectedPhoto
from core.sanitise import clean_rich_text

DATA_FILE = Path(__file__).resolve().parent / "demo_data.json"


def _load():
    with open(DATA_FILE, encoding="utf-8") as fh:
        return json.load(fh)


def _paragraphs(paragraphs):
    # Cleaned like any HTML that reaches a rich-text field other than through the editor.
    return clean_rich_text("".join(f"<p>{escape(text)}</p>" for text in paragraphs))


def portrait_png(colour, size=(800, 1000)):
    """A flat, portrait-like illustration: a coloured background, shoulders and a head."""
    from PIL import Image, ImageDraw

    width, height = size
    image = Image.new("RGB", size, tuple(colour))
    draw = ImageDraw.Draw(image)
    light = tuple(min(255, c + 90) for c in colour)
    draw.ellipse([width * 0.15, height * 0.62, width * 0.85, height * 1.25], fill=light)
    draw.ellipse([width * 0.33, height * 0.2, width * 0.67, height * 0.58], fill=(236, 200, 170))
    draw.chord([width * 0.31, height * 0.16, width * 0.69, height * 0.48], 180, 360, fill=(50, 40, 35))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _photo(builder, bureau, title, spec):
    photo = ProtectedPhoto.objects.filter(title=title, purpose=PhotoPurpose.EXEMPLAR, bureau=bureau).first()
    if photo is None:
        photo = store_protected_photo(
            portrait_png(spec["colour"]), purpose=PhotoPurpose.EXEMPLAR, title=title, bureau=bureau, process_now=True
        )
        builder.created += 1
    publication = {
        "shows_minor": spec["kind"] == "minor",
        "consent_recorded_on": datetime.date.fromisoformat(spec["date"]) if spec["date"] else None,
        "consent_record": spec["record"],
    }
    if any(getattr(photo, field) != value for field, value in publication.items()):
        ProtectedPhoto.objects.filter(pk=photo.pk).update(**publication)
        builder.updated += 1
    return photo


def _photo_inline(builder, bureau, row):
    spec = row.get("photo")
    if not spec:
        return ExemplarPhoto, "photo", []
    photo = _photo(builder, bureau, f"{row['name']} 事迹照片", spec)
    extras = {"alt_text": spec["alt"], "caption": spec["caption"]}
    return ExemplarPhoto, "photo", [photo], extras


def _seed_likes(page, total):
    if total and not ExemplarLikeTally.objects.filter(exemplar=page).exists():
        ExemplarLikeTally.objects.create(exemplar=page, total=total)


def build_exemplars(builder, bureaus):
    data = _load()
    districts = {d.slug: d for d in District.objects.all()}
    exemplars = {}
    for row in data["exemplars"]:
        bureau = bureaus[row["bureau"]]
        honours = [(title, year, by) for title, year, by in row["honours"]]
        page = builder.ensure_page(
            bureau,
            ExemplarPage,
            row["slug"],
            {
                "title": row["name"],
                "person_name": row["name"],
                "honour_level": row["level"],
                "category": row["category"],
                "year": row["year"],
                "quarter": row["quarter"],
                "district": districts.get(row["district"]),
                "deed": row["deed"],
                "story": _paragraphs(row["story"]),
            },
            inline={
                "honours": (
                    ExemplarHonour,
                    "title",
                    [title for title, _y, _b in honours],
                    [{"year": year, "awarded_by": by} for _t, year, by in honours],
                ),
                "photos": _photo_inline(builder, bureau, row),
            },
        )
        page = builder.ensure_tags(page, row["tags"])
        _seed_likes(page, row.get("likes", 0))
        exemplars[row["slug"]] = page

    campaign = data["campaign"]
    events = [(datetime.date.fromisoformat(d), title, place, text) for d, title, place, text in campaign["events"]]
    page = builder.ensure_page(
        bureaus[campaign["bureau"]],
        MoralDayCampaignPage,
        campaign["slug"],
        {
            "title": campaign["title"],
            "year": campaign["year"],
            "intro": campaign["intro"],
            "body": _paragraphs(campaign["body"]),
        },
        inline={
            "featured_exemplars": (CampaignExemplar, "exemplar", [exemplars[s] for s in campaign["featured"]]),
            "events": (
                CampaignEvent,
                "title",
                [title for _d, title, _p, _t in events],
                [{"date": d, "place": place, "description": text} for d, _title, place, text in events],
            ),
        },
    )
    return [*exemplars.values(), page]

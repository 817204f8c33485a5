"""Demo exposure notices (曝光台): 14 notices of both kinds in every rectification status, with
follow-up timelines and drawn street-scene photos (content/exposure/demo_data.json).

Dates are fixed. The wanted status goes through `status_on` for today before it is compared,
exactly as `save()` would store it, so a second run the same day writes nothing; on a later day
a notice whose deadline has passed meanwhile legitimately becomes 逾期."""

import datetime
import json
import random
from pathlib import Path

from django.utils import timezone
from PIL import Image, ImageDraw

from bureaus.models.districts import District
from content.exposure.models import (
    BehaviourNoticePage,
    BehaviourType,
    ExposurePhoto,
    RectificationUpdate,
    UnitNoticePage,
    status_on,
)
from content.photos.ingest import store_protected_photo
from content.photos.models import PhotoPurpose, ProtectedPhoto
from content.photos.review import mark_reviewed

PHOTO_SIZE = (960, 640)


DATA_FILE = Path(__file__).resolve().parent / "demo_data.json"


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def street_scene(scene, seed):
    """A flat drawing of a street: sky, buildings, pavement, road, and what the notice is about.
    No people, so there is nothing to blur."""
    rng = random.Random(seed)  # noqa: S311 - a drawing, not a secret; same picture every run
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, "#bcd7ea")
    draw = ImageDraw.Draw(image)
    x = 0
    while x < width:
        w = rng.randint(110, 200)
        top = rng.randint(80, 260)
        draw.rectangle([x, top, x + w - 8, 400], fill=rng.choice(["#c9b79c", "#a9a9a9", "#d8cfc4", "#b58d6e"]))
        for wy in range(top + 20, 380, 45):
            for wx in range(x + 14, x + w - 30, 36):
                draw.rectangle([wx, wy, wx + 18, wy + 24], fill="#5b7083")
        x += w
    draw.rectangle([0, 400, width, 480], fill="#d9d4cc")  # pavement
    for tx in range(0, width, 40):
        draw.line([tx, 400, tx, 480], fill="#c2bcb2", width=2)
    draw.rectangle([0, 480, width, height], fill="#4d4d4d")  # road
    for lx in range(20, width, 120):
        draw.rectangle([lx, 555, lx + 60, 565], fill="#f2f2f2")
    if scene == "stall":
        for sx in (140, 420, 700):
            draw.rectangle([sx, 420, sx + 140, 470], fill="#8a5a2b")
            draw.polygon([(sx - 20, 360), (sx + 160, 360), (sx + 70, 320)], fill=rng.choice(["#d9412b", "#2b7bd9"]))
            draw.line([sx + 70, 360, sx + 70, 420], fill="#333333", width=4)
            for bx in range(sx + 10, sx + 130, 30):
                draw.ellipse([bx, 405, bx + 20, 420], fill=rng.choice(["#e6b422", "#3e8e41", "#c0392b"]))
    elif scene in ("parking", "parking-tidy"):
        for i in range(9):
            bx = 60 + i * 95 + (0 if scene == "parking-tidy" else rng.randint(-30, 30))
            by = 440 if scene == "parking-tidy" else rng.randint(415, 470)
            colour = rng.choice(["#f5a623", "#2ecc71", "#3498db"])
            draw.ellipse([bx, by, bx + 30, by + 30], outline="#222222", width=4)
            draw.ellipse([bx + 50, by, bx + 80, by + 30], outline="#222222", width=4)
            draw.line([bx + 15, by + 15, bx + 40, by - 10, bx + 65, by + 15], fill=colour, width=5)
        if scene == "parking-tidy":
            draw.rectangle([40, 425, 920, 478], outline="#ffffff", width=3)
    elif scene == "cars":
        for cx in (80, 360, 640):
            draw.rounded_rectangle(
                [cx, 420, cx + 220, 480], radius=14, fill=rng.choice(["#9b1c1c", "#1c4e9b", "#6b6b6b"])
            )
            draw.rectangle([cx + 40, 395, cx + 170, 425], fill="#30394a")
            draw.ellipse([cx + 20, 465, cx + 60, 505], fill="#111111")
            draw.ellipse([cx + 160, 465, cx + 200, 505], fill="#111111")
    elif scene == "litter":
        draw.rectangle([0, 380, width, 420], fill="#5f8f3a")  # green belt
        for _ in range(40):
            lx, ly = rng.randint(0, width - 20), rng.randint(385, 475)
            draw.rectangle(
                [lx, ly, lx + rng.randint(8, 22), ly + rng.randint(5, 12)],
                fill=rng.choice(["#ffffff", "#e74c3c", "#f1c40f"]),
            )
        draw.rectangle([820, 380, 870, 470], fill="#2e6b30")
    return image


def demo_photo(builder, spec, bureau):
    """The reviewed protected photo drawn for `spec`; found again by title and bureau."""

    photo = ProtectedPhoto.objects.filter(title=spec["title"], bureau=bureau, purpose=PhotoPurpose.EXPOSURE).first()
    if photo is None:
        photo = store_protected_photo(
            street_scene(spec["scene"], spec["title"]),
            purpose=PhotoPurpose.EXPOSURE,
            title=spec["title"],
            bureau=bureau,
            process_now=True,
        )
        builder.created += 1
    if photo.regions_reviewed_at is None:
        mark_reviewed(photo)
    return photo


def _common(row, districts, today):
    deadline = _date(row["deadline"])
    return {
        "title": row["title"],
        "district": districts[row["district"]],
        "found_on": _date(row["found_on"]),
        "description": row.get("description", ""),
        "status": status_on(row["status"], deadline, today),
        "deadline": deadline,
        "closed_on": _date(row.get("closed_on")),
    }


def _inlines(builder, row, publisher):
    photos = row.get("photos", [])
    updates = row.get("updates", [])
    return {
        "photos": (
            ExposurePhoto,
            "photo",
            [demo_photo(builder, spec, publisher) for spec in photos],
            [{"alt_text": spec["alt_text"], "caption": spec.get("caption", "")} for spec in photos],
        ),
        "rectification_updates": (
            RectificationUpdate,
            "photo",
            [demo_photo(builder, u["photo"], publisher) if u.get("photo") else None for u in updates],
            [
                {"date": _date(u["date"]), "text": u["text"], "photo_alt_text": u.get("photo", {}).get("alt_text", "")}
                for u in updates
            ],
        ),
    }


def build_exposure(builder, bureaus):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    today = timezone.localdate()
    districts = {d.slug: d for d in District.objects.all()}
    types = {t.slug: t for t in BehaviourType.objects.all()}
    notices = []
    for row in data["behaviour"]:
        publisher = bureaus[row["publisher"]]
        values = {
            **_common(row, districts, today),
            "behaviour_type": types[row["behaviour_type"]],
            "place": row["place"],
        }
        inline = _inlines(builder, row, publisher)
        notices.append(builder.ensure_page(publisher, BehaviourNoticePage, row["slug"], values, inline=inline))
    for row in data["unit"]:
        publisher = bureaus[row["publisher"]]
        values = {
            **_common(row, districts, today),
            "unit_bureau": bureaus[row["unit_bureau"]] if row.get("unit_bureau") else None,
            "unit_name": row.get("unit_name", ""),
            "problem": row["problem"],
            "requirement": row["requirement"],
        }
        inline = _inlines(builder, row, publisher)
        notices.append(builder.ensure_page(publisher, UnitNoticePage, row["slug"], values, inline=inline))
    return notices

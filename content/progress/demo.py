"""Demo progress reports: 30 reports on 25 directive tasks, each from one of the task's real lead
bureaus (content/progress/demo_data.json), in every status and over five quarters, so /renwu/
shows statuses and the dashboard shows which tasks still lack a report this quarter. Two reports
carry a drawn photo. Dates are fixed; a second run writes nothing."""

import datetime
import hashlib
import io
import json
from decimal import Decimal
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from content.progress.models import ProgressFigure, ProgressPhoto, TaskProgressReportPage

DATA_FILE = Path(__file__).resolve().parent / "demo_data.json"
PHOTOS = {
    "laojiu-xiaoqu-2026q2": ("老旧小区微改造施工现场", "#c98b5a", "改造中的老旧小区楼栋和新加装的电梯井"),
    "zhiyuan-zhandian-2026q1": ("车站志愿服务站点", "#d9534f", "火车站出站口的红色志愿服务站亭"),
}


def _photo(title, colour, collection):
    """A flat drawing (buildings and a coloured structure), made once and found by title after."""
    Image = get_image_model()
    image = Image.objects.filter(title=title, collection=collection).first()
    if image is None:
        picture = PillowImage.new("RGB", (960, 640), "#bcd7ea")
        draw = ImageDraw.Draw(picture)
        for n, x in enumerate(range(0, 960, 160)):
            draw.rectangle([x + 10, 180 + (n % 3) * 40, x + 150, 520], fill="#d8cfc4")
        draw.rectangle([380, 260, 580, 520], fill=colour)
        draw.rectangle([0, 520, 960, 640], fill="#8a8a8a")
        out = io.BytesIO()
        picture.save(out, format="PNG")
        name = f"progress-{hashlib.sha256(title.encode()).hexdigest()[:12]}.png"
        image = Image(title=title, collection=collection, file=ImageFile(io.BytesIO(out.getvalue()), name=name))
        image.save()
    return image


def build_progress(builder, bureaus, tasks):
    by_slug = {bureau.slug: bureau for bureau in bureaus.values()}
    for row in json.loads(DATA_FILE.read_text(encoding="utf-8")):
        bureau = by_slug[row["bureau"]]
        task = tasks[tuple(row["task"])]
        figures = row["figures"]
        inline = {
            "figures": (
                ProgressFigure,
                "label",
                [label for label, _value, _unit in figures],
                [{"value": Decimal(str(value)).quantize(Decimal("0.01")), "unit": unit} for _l, value, unit in figures],
            )
        }
        if row["slug"] in PHOTOS:
            title, colour, alt = PHOTOS[row["slug"]]
            inline["photos"] = (ProgressPhoto, "image", [_photo(title, colour, bureau.collection)], {"alt_text": alt})
        builder.ensure_page(
            bureau,
            TaskProgressReportPage,
            row["slug"],
            {
                "title": row["title"],
                "task": task,
                "reported_on": datetime.date.fromisoformat(row["date"]),
                "year": row["year"],
                "quarter": row["quarter"],
                "status": row["status"],
                "summary": row["summary"],
            },
            inline=inline,
        )

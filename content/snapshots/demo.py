"""Demo 随手拍 reports, one in each state, routed by the rule (routing.py). Found again by their
fixed tracking codes, so a second build writes nothing. The photos are drawn (no people)."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from bureaus.models.districts import District
from content.exposure.models import BehaviourNoticePage, BehaviourType
from content.snapshots.models import SnapshotEvent, SnapshotPhoto, SnapshotReport, Status
from content.snapshots.routing import apply_default_bureaus, route

REPORTS = [
    # code, behaviour slug, district slug, place, days ago, status, reason, description
    (
        "SSPA2345DEMA",
        "luanting-luanfang",
        "wuhua",
        "南屏街与正义路口人行道",
        1,
        Status.RECEIVED,
        "",
        "一辆白色轿车长时间停在人行道上，行人只能绕到机动车道。",
    ),
    (
        "SSPA2345DEMB",
        "zhandao-jingying",
        "panlong",
        "白塔路菜市场东门",
        3,
        Status.ACCEPTED,
        "",
        "早高峰时段多个流动摊位占用人行道经营。",
    ),
    (
        "SSPA2345DEMC",
        "suidi-tutan",
        "wuhua",
        "翠湖公园北门",
        6,
        Status.REJECTED,
        "照片中看不出所反映的行为，请在现场拍下行为本身后再次提交。",
        "有人在公园门口随地吐痰。",
    ),
    (
        "SSPA2345DEMD",
        "luanreng-laji",
        "xishan",
        "海埂大坝观景台",
        12,
        Status.CLOSED,
        "城管执法队员已到现场清理并加密巡查频次。",
        "观景台护栏边堆放大量饮料瓶和食品袋。",
    ),
    (
        "SSPA2345DEME",
        "zhandao-jingying",
        "guandu",
        "官渡古镇牌坊",
        20,
        Status.NOTICE,
        "",
        "节假日大量商贩占道经营，游客通行困难。",
    ),
]
PATHS = {
    Status.RECEIVED: [Status.RECEIVED],
    Status.ACCEPTED: [Status.RECEIVED, Status.ACCEPTED],
    Status.REJECTED: [Status.RECEIVED, Status.REJECTED],
    Status.CLOSED: [Status.RECEIVED, Status.ACCEPTED, Status.CLOSED],
    Status.NOTICE: [Status.RECEIVED, Status.ACCEPTED, Status.NOTICE],
}


def street_photo(seed):
    """A drawn street: road, pavement, a parked box of a car, no people."""
    image = Image.new("RGB", (640, 480), (176, 196, 222))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 300, 640, 480), fill=(90, 90, 96))
    draw.rectangle((0, 270, 640, 300), fill=(190, 180, 160))
    draw.rectangle((60 + seed * 40, 220, 260 + seed * 40, 290), fill=(230, 230, 230))
    draw.rectangle((380, 80, 600, 270), fill=(200, 170, 140))
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=80)
    return ContentFile(output.getvalue(), name="demo.jpg")


def build_snapshots(builder):
    apply_default_bureaus()
    types = {t.slug: t for t in BehaviourType.objects.select_related("responsible_bureau")}
    districts = {d.slug: d for d in District.objects.all()}
    now = timezone.now()
    for number, (code, type_slug, district_slug, place, days, status, reason, text) in enumerate(REPORTS):
        if SnapshotReport.objects.filter(tracking_code=code).exists():
            continue
        behaviour = types[type_slug]
        bureau = route(behaviour)
        notice = None
        if status == Status.NOTICE:
            # A notice on the board already tells this story: the report points at it.
            notice = BehaviourNoticePage.objects.live().filter(behaviour_type=behaviour).order_by("path").first()
            bureau = notice.get_parent().specific if notice else bureau
        report = SnapshotReport.objects.create(
            tracking_code=code,
            behaviour_type=behaviour,
            district=districts.get(district_slug) or District.objects.order_by("sort_order").first(),
            place=place,
            seen_at=now - datetime.timedelta(days=days, hours=2),
            description=text,
            consent=True,
            bureau=bureau,
            status=status if status != Status.NOTICE or notice else Status.ACCEPTED,
            reason=reason,
            notice=notice,
        )
        photo = SnapshotPhoto(report=report)
        photo.file.save("demo.jpg", street_photo(number), save=False)
        photo.save()
        for step in PATHS[Status(report.status)]:
            SnapshotEvent.objects.create(
                report=report, status=step, bureau=bureau, note=reason if step == status else ""
            )
        builder.created += 1

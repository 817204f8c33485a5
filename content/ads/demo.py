"""Demo public-service ads: themes, carriers, works of several bureaus, placements over every
carrier, inspections with every result, open and overdue update tasks, and this year's plan.

Dates are relative to the day the demo is built, so "overdue" stays overdue on any machine."""

import datetime
import hashlib
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from bureaus.models.districts import District
from content.ads.demo_artwork import poster_pdf, poster_png
from content.ads.demo_media import audio_seconds, audio_wav, video_seconds, video_webm
from content.ads.models.placements import (
    CODE_ALPHABET,
    AdInspection,
    AdPlacement,
    AdProblemReport,
    AdUpdateTask,
    UpdateTaskStatus,
)
from content.ads.models.plans import AdPlanMonth, AdPlanPage
from content.ads.models.works import (
    AdArtwork,
    AdCarrier,
    AdDownload,
    AdMediaFile,
    AdTheme,
    PublicServiceAdPage,
)
from content.ads.tasks import check_ad_placements

THEMES = [
    ("社会主义核心价值观", "hexin-jiazhiguan"),
    ("文明交通", "wenming-jiaotong"),
    ("垃圾分类", "laji-fenlei"),
    ("志愿服务", "zhiyuan-fuwu"),
    ("诚信建设", "chengxin-jianshe"),
    ("未成年人", "weichengnianren"),
    ("文明旅游", "wenming-lvyou"),
    ("节约粮食", "jieyue-liangshi"),
]

# name, slug, inspection interval in days
CARRIERS = [
    ("工地围挡", "gongdi-weidang", 30),
    ("社区宣传栏", "shequ-xuanchuanlan", 30),
    ("道路护栏", "daolu-hulan", 30),
    ("公交站台", "gongjiao-zhantai", 14),
    ("LED电子屏", "led-dianzipin", 7),
    ("楼体墙面", "louti-qiangmian", 60),
    ("车身", "cheshen", 30),
]

# slug, title, theme slug, bureau, medium, colour, description, sponsor
WORKS = [
    (
        "jiazhiguan-24zi",
        "践行社会主义核心价值观",
        "hexin-jiazhiguan",
        "市委宣传部",
        "print",
        "#9f1c1c",
        "以“富强、民主、文明、和谐”等二十四字为主题的系列平面公益广告，适用于围挡、宣传栏和楼体墙面。",
        "",
    ),
    (
        "lixing-banmaxian",
        "礼让斑马线 文明你我他",
        "wenming-jiaotong",
        "市公安局",
        "print",
        "#0b4f9c",
        "提醒机动车在人行横道前减速礼让行人，行人按信号灯通行。",
        "",
    ),
    (
        "anquan-toukui",
        "一盔一带 安全常在",
        "wenming-jiaotong",
        "市公安局",
        "video",
        "#1d5e3a",
        "电动自行车骑行人佩戴安全头盔、汽车驾乘人员使用安全带的宣传短片。",
        "",
    ),
    (
        "laji-fenlei-xinshishang",
        "垃圾分类 新时尚",
        "laji-fenlei",
        "市城管综合执法局",
        "print",
        "#2e6b30",
        "介绍可回收物、有害垃圾、厨余垃圾和其他垃圾的分类投放方法。",
        "",
    ),
    (
        "laji-fenlei-jiating",
        "垃圾分类从家庭做起",
        "laji-fenlei",
        "市城管综合执法局",
        "online",
        "#5b4a16",
        "面向社区居民的网络公益广告，配合社区宣传栏张贴。",
        "",
    ),
    (
        "zhiyuan-dianliang",
        "志愿服务 点亮春城",
        "zhiyuan-fuwu",
        "市文明办",
        "print",
        "#8a3b00",
        "号召市民注册成为志愿者，参与社区、交通、文明旅游等志愿服务。",
        "",
    ),
    (
        "zhiyuan-xuefeng",
        "学雷锋 做好事",
        "zhiyuan-fuwu",
        "市文明办",
        "audio",
        "#6b1f6b",
        "在公交车和广播中播放的学雷锋志愿服务音频公益广告。",
        "",
    ),
    (
        "chengxin-kunming",
        "诚信昆明 你我共建",
        "chengxin-jianshe",
        "市文明办",
        "print",
        "#3d3d8f",
        "倡导诚实守信，宣传社会信用体系建设。",
        "昆明市个体劳动者协会",
    ),
    (
        "guangpan-xingdong",
        "光盘行动 节约粮食",
        "jieyue-liangshi",
        "市委宣传部",
        "print",
        "#7a4b00",
        "倡导餐饮节约，拒绝舌尖上的浪费。",
        "",
    ),
]

PLACES = [
    "东风东路与白塔路交叉口",
    "翠湖公园南门",
    "南屏街步行街入口",
    "北京路昆明火车站站前广场",
    "呈贡大学城雨花路",
    "滇池路海埂公园站",
    "金碧路与正义路口",
    "人民西路公交枢纽",
    "世纪城小区东门宣传栏",
    "环城南路护栏",
]

# Demo placements: (work slug, carrier slug, place index, district slug, bureau, inspection
# results oldest first as (days ago, result)), chosen so every carrier and result occurs.
PLACEMENTS = [
    ("jiazhiguan-24zi", "gongdi-weidang", 0, "wuhua", "市委宣传部", [(20, "intact")]),
    ("jiazhiguan-24zi", "louti-qiangmian", 3, "guandu", "市委宣传部", [(50, "intact")]),
    ("jiazhiguan-24zi", "shequ-xuanchuanlan", 8, "guandu", "各县(市)区、开发(度假)园区", [(40, "faded")]),
    ("lixing-banmaxian", "daolu-hulan", 9, "xishan", "市公安局", [(10, "intact")]),
    ("lixing-banmaxian", "gongjiao-zhantai", 7, "xishan", "市公安局", [(16, "intact")]),
    ("lixing-banmaxian", "led-dianzipin", 2, "wuhua", "市公安局", [(3, "intact")]),
    ("anquan-toukui", "led-dianzipin", 3, "guandu", "市公安局", [(12, "obscured")]),
    ("anquan-toukui", "cheshen", 7, "panlong", "市交通运输局", [(5, "intact")]),
    ("laji-fenlei-xinshishang", "shequ-xuanchuanlan", 8, "guandu", "市城管综合执法局", [(35, "intact")]),
    ("laji-fenlei-xinshishang", "gongdi-weidang", 4, "chenggong", "市城管综合执法局", [(25, "damaged")]),
    ("laji-fenlei-xinshishang", "daolu-hulan", 6, "wuhua", "市城管综合执法局", [(28, "intact")]),
    ("laji-fenlei-jiating", "shequ-xuanchuanlan", 1, "wuhua", "市城管综合执法局", []),
    ("zhiyuan-dianliang", "gongjiao-zhantai", 5, "xishan", "市文明办", [(9, "missing")]),
    ("zhiyuan-dianliang", "louti-qiangmian", 2, "wuhua", "市文明办", [(70, "intact")]),
    ("zhiyuan-dianliang", "led-dianzipin", 0, "wuhua", "市文明办", [(2, "intact")]),
    ("zhiyuan-xuefeng", "cheshen", 7, "panlong", "市交通运输局", [(31, "intact")]),
    ("chengxin-kunming", "gongjiao-zhantai", 3, "guandu", "市文明办", [(8, "intact")]),
    ("chengxin-kunming", "gongdi-weidang", 4, "chenggong", "市住房城乡建设局", [(45, "expired")]),
    ("guangpan-xingdong", "shequ-xuanchuanlan", 1, "anning", "各县(市)区、开发(度假)园区", [(15, "intact")]),
    ("guangpan-xingdong", "daolu-hulan", 9, "xishan", "市委宣传部", [(60, "intact")]),
    ("guangpan-xingdong", "gongjiao-zhantai", 5, "chenggong", "市委宣传部", [(4, "intact")]),
]

PLAN_MONTHS = {
    1: ("hexin-jiazhiguan", "新春走基层、文明过大年"),
    2: ("wenming-lvyou", "春节假期文明旅游"),
    3: ("zhiyuan-fuwu", "学雷锋志愿服务月"),
    4: ("wenming-jiaotong", "清明文明祭扫与文明出行"),
    5: ("laji-fenlei", "垃圾分类宣传周"),
    6: ("weichengnianren", "关爱未成年人健康成长"),
    7: ("wenming-lvyou", "暑期文明旅游"),
    8: ("jieyue-liangshi", "光盘行动"),
    9: ("chengxin-jianshe", "9·20公民道德宣传日与诚信建设"),
    10: ("hexin-jiazhiguan", "国庆与民族团结进步"),
    11: ("wenming-jiaotong", "全国交通安全日"),
    12: ("zhiyuan-fuwu", "国际志愿者日"),
}


def demo_placement_code(n):
    """Stable, readable codes for the demo placements (the alphabet has no 0/O or 1/I)."""
    return f"KM{CODE_ALPHABET[n % 32]}{CODE_ALPHABET[(n * 5 + 3) % 32]}GY"


def _ensure_reference(model, rows, **fields_for):
    result = {}
    for order, row in enumerate(rows, 1):
        name, slug, *_rest = row
        wanted = {"name": name, "sort_order": order, **fields_for.get("extra", lambda r: {})(row)}
        obj = model.objects.filter(slug=slug).first()
        if obj is None:
            obj = model.objects.create(slug=slug, **wanted)
        elif any(getattr(obj, k) != v for k, v in wanted.items()):
            for k, v in wanted.items():
                setattr(obj, k, v)
            obj.save()
        result[slug] = obj
    return result


def _file_name(title, extension="png"):
    return f"demo-{hashlib.sha256(title.encode()).hexdigest()[:12]}.{extension}"


def _image(title, colour, collection, size=(1200, 1600)):
    Image = get_image_model()
    image = Image.objects.filter(title=title, collection=collection).first()
    if image is None:
        data = poster_png(title, "昆明文明城市创建", colour, size)
        image = Image(title=title, collection=collection, file=ImageFile(io.BytesIO(data), name=_file_name(title)))
        image.save()
    return image


def _document(title, colour, collection, size, dpi):
    # A print file, as a bureau would upload it: a PDF (documents accept no image formats).
    Document = get_document_model()
    document = Document.objects.filter(title=title, collection=collection).first()
    if document is None:
        data = poster_pdf(title.split(" · ")[0], title.split(" · ")[-1], colour, size, dpi)
        document = Document(title=title, collection=collection)
        document.file.save(_file_name(title, "pdf"), ContentFile(data), save=False)
        document.save()
    return document


# What the demo's video and audio works play (content/ads/demo_media.py), with their transcripts.
MEDIA = {
    "anquan-toukui": (
        "宣传短片《一盔一带 安全常在》",
        ["骑电动自行车 请戴好头盔", "开车坐车 请系好安全带", "一盔一带 安全常在"],
    ),
    "zhiyuan-xuefeng": (
        "广播公益广告《学雷锋 做好事》",
        ["（提示音）", "学雷锋，做好事，志愿服务在身边。", "注册志愿者，请登录“志愿云南”或到所在社区报名。"],
    ),
}


def _media_file(slug, medium, title, colour, collection):
    """(document, AdMediaFile values) of a work's demo video or audio, the file made once; or None."""
    Document = get_document_model()
    name, lines = MEDIA[slug]
    seconds = video_seconds(lines) if medium == "video" else audio_seconds()
    document = Document.objects.filter(title=name, collection=collection).first()
    if document is None:
        data, extension = (video_webm(title, lines, colour), "webm") if medium == "video" else (audio_wav(), "wav")
        if data is None:  # pragma: no cover - an OpenCV build that cannot write WebM
            return None
        document = Document(title=name, collection=collection, file_size=len(data))
        document.file.save(_file_name(name, extension), ContentFile(data), save=False)
        document.save()
    return document, {"title": name, "duration_seconds": seconds, "transcript": "\n".join(lines)}


PLAN_BUREAU = "市文明办"


def build_ads(builder, home, bureaus):
    themes = _ensure_reference(AdTheme, THEMES)
    carriers = _ensure_reference(AdCarrier, CARRIERS, extra=lambda row: {"inspection_interval_days": row[2]})
    today = timezone.localdate()

    works = {}
    for slug, title, theme, bureau_name, medium, colour, description, sponsor in WORKS:
        bureau = bureaus[bureau_name]
        artwork = _image(title, colour, bureau.collection)
        downloads = [
            ("A3 海报 150dpi", carriers["shequ-xuanchuanlan"], 297, 420, 1754, 2480, 150),
            ("LED 16:9", carriers["led-dianzipin"], None, None, 1920, 1080, None),
        ]
        media = {}
        if slug in MEDIA:
            made = _media_file(slug, medium, title, colour, bureau.collection)
            if made is not None:
                media["media_files"] = (AdMediaFile, "document", [made[0]], [made[1]])
        page = builder.ensure_page(
            bureau,
            PublicServiceAdPage,
            slug,
            {
                "title": title,
                "theme": themes[theme],
                "medium": medium,
                "description": f"<p>{description}</p>",
                "valid_from": datetime.date(today.year, 1, 1),
                "valid_to": datetime.date(today.year, 12, 31),
                "sponsor": sponsor,
                "licence": "public-welfare",
                "attribution": f"{bureau_name} · 昆明文明城市创建网",
            },
            inline={
                "artworks": (AdArtwork, "image", [artwork], {"alt_text": f"公益广告《{title}》海报"}),
                "downloads": (
                    AdDownload,
                    "document",
                    [
                        _document(f"{title} · {label}", colour, bureau.collection, (w, h), dpi)
                        for label, *_r, w, h, dpi in downloads
                    ],
                    [
                        {
                            "label": label,
                            "carrier": carrier,
                            "width_mm": wmm,
                            "height_mm": hmm,
                            "width_px": w,
                            "height_px": h,
                            "dpi": dpi,
                        }
                        for label, carrier, wmm, hmm, w, h, dpi in downloads
                    ],
                ),
                **media,
            },
        )
        works[slug] = page

    districts = {d.slug: d for d in District.objects.all()}
    if not AdPlacement.objects.exists():
        for n, (work, carrier, place, district, bureau_name, inspections) in enumerate(PLACEMENTS):
            placement = AdPlacement.objects.create(
                code=demo_placement_code(n),
                work=works[work],
                carrier=carriers[carrier],
                place=PLACES[place],
                district=districts[district],
                bureau=bureaus[bureau_name],
                starts_on=today - datetime.timedelta(days=90),
                status="showing",
            )
            for days_ago, result in inspections:
                AdInspection.objects.create(
                    placement=placement,
                    inspected_on=today - datetime.timedelta(days=days_ago),
                    inspector="市文明办巡查组",
                    result=result,
                    notes="" if result == "intact" else "现场拍照留存，已通知责任单位。",
                )
        # Make the demo show the whole loop: one task long past its deadline, one closed, one
        # citizen report.
        tasks = list(AdUpdateTask.objects.order_by("id"))
        if tasks:
            AdUpdateTask.objects.filter(pk=tasks[0].pk).update(
                deadline=today - datetime.timedelta(days=12), overdue=True
            )
        if len(tasks) > 1:
            tasks[1].close(user=None, resolution="已更换新画面并重新张贴。")
        AdProblemReport.objects.create(
            placement=AdPlacement.objects.get(code=demo_placement_code(4)),
            problem="damaged",
            description="公交站台广告画面右下角破损，被风吹起。",
        )
        builder.created += 1

    # The daily job's view of the demo (due and overdue placements, overdue tasks), as it would
    # be after the first night; it only writes what changed, so a second build writes nothing.

    check_ad_placements(today)

    # The plan is the civilization office's: it leads the directive task the 公益广告 section serves.
    # (A database built before plans belonged to a bureau has it under the section: move it.)
    for plan in AdPlanPage.objects.not_descendant_of(bureaus[PLAN_BUREAU]):
        plan.move(bureaus[PLAN_BUREAU], pos="last-child")
    builder.ensure_page(
        bureaus[PLAN_BUREAU],
        AdPlanPage,
        f"jihua-{today.year}",
        {
            "title": f"{today.year}年度公益广告宣传计划",
            "year": today.year,
            "intro": "按月确定公益广告宣传主题，各牵头单位按主题制作、发布、检查和更新公益广告。",
        },
        inline={
            "months": (
                AdPlanMonth,
                "theme",
                [themes[PLAN_MONTHS[m][0]] for m in range(1, 13)],
                [{"month": m, "focus": PLAN_MONTHS[m][1]} for m in range(1, 13)],
            )
        },
    )
    return works


def open_update_task_count():
    return AdUpdateTask.objects.filter(status=UpdateTaskStatus.OPEN).count()

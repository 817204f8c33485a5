"""Demo news (创建动态): articles of several bureaus on their directive tasks, dated over the last
three months (relative to the day the demo is built, so the month filter always has choices).
Lead images are drawn with Pillow (street scenes, no real person or place); they are stored
once in the bureau's collection and found again by title. Idempotent."""

import datetime
import hashlib
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

from content.news.models import NewsPage
from core.sanitise import clean_rich_text

TRAFFIC_MONTH = "文明交通月"
MORAL_DAY = "9·20公民道德宣传日"

# slug, bureau, days before today, title, source, summary, paragraphs, tasks, tags, scene
NEWS = [
    (
        "lirang-banmaxian-zhengzhi",
        "市公安局",
        2,
        "全市开展“礼让斑马线”专项整治行动",
        "昆明日报",
        "市公安局交警支队在主城区42个重点路口开展礼让斑马线专项整治，首周查处不礼让行人交通违法行为1300余起。",
        [
            "文明交通月期间，市公安局交警支队在主城区42个重点路口设置执勤点，民警和交通志愿者一起劝导行人按信号灯通行，"
            "对机动车不礼让行人行为依法查处。",
            "交警支队负责人介绍，整治将持续到月底，并通过路口电子屏公布每周查处情况，引导市民养成文明出行习惯。",
        ],
        [(2, 3), (2, 1)],
        [TRAFFIC_MONTH],
        ("#7fb2e5", "zebra"),
    ),
    (
        "gongjiao-zhuanyong-daotisu",
        "市交通运输局",
        9,
        "主城区新增公交专用道120公里 高峰时段公交提速两成",
        "昆明市交通运输局",
        "今年新增的公交专用道已全部启用，早晚高峰公交平均运行速度提高约20%，公交出行分担率稳步上升。",
        [
            "市交通运输局会同交警部门在北京路、人民路等主干道施划公交专用道，并同步优化信号配时。",
            "下一步将在呈贡新区和空港片区继续加密公交线网，方便市民绿色出行。",
        ],
        [(2, 5), (2, 1)],
        [TRAFFIC_MONTH],
        ("#9cc7a4", "street"),
    ),
    (
        "beijie-xiaoxiang-zhengzhi",
        "市城管综合执法局",
        16,
        "背街小巷环境整治完成首批186条",
        "春城晚报",
        "市城管综合执法局联合各区对背街小巷的乱堆乱放、占道经营和破损路面集中整治，首批186条已通过验收。",
        [
            "整治按照“一巷一策”推进，清理乱堆乱放杂物2100余处，规范占道经营摊点300余个，修复破损路面1.6万平方米。",
            "验收结果纳入市容环境常态化综合评价，每月向社会公布。",
        ],
        [(1, 5), (1, 4)],
        [],
        ("#c9b38a", "street"),
    ),
    (
        "kunming-haoren-disan-jidu",
        "市文明办",
        23,
        "本季度“昆明好人”评选揭晓 25人上榜",
        "昆明文明网",
        "经群众推荐、属地初审、评议公示和专家评审，25名助人为乐、见义勇为、诚实守信、敬业奉献、孝老爱亲的身边好人上榜。",
        [
            "本季度共收到群众推荐线索316条。上榜的25人中，有坚守乡村三十年的医生，也有勇救落水儿童的快递员。",
            "市文明办将组织好人事迹进社区、进学校、进机关宣讲，让身边好人的故事传遍春城。",
        ],
        [(7, 4)],
        [MORAL_DAY],
        ("#e7b96f", "people"),
    ),
    (
        "daode-mofan-jin-jiguan",
        "市文明办",
        30,
        "道德模范走进机关 面对面讲述身边故事",
        "昆明文明网",
        "公民道德宣传日前后，全国和省级道德模范走进市级机关，与干部职工面对面分享自己的故事。",
        [
            "宣讲会上，道德模范讲述了多年照顾孤寡老人、义务为山区孩子上课的经历，现场干部职工深受感动。",
            "活动是“我们的节日”和公民道德宣传日系列活动的一部分，全市共组织宣讲120余场。",
        ],
        [(8, 2), (7, 4)],
        [MORAL_DAY],
        ("#d98e73", "people"),
    ),
    (
        "zhiyuan-fuwu-zhandian",
        "团市委",
        41,
        "全市新建志愿服务站点80个 注册志愿者突破200万",
        "昆明日报",
        "团市委和市文明办在地铁站、公园、政务服务中心等人流密集处新建80个志愿服务站点，提供问询、应急和助老服务。",
        [
            "新站点统一标识、统一服务时间，志愿者通过志愿服务平台报名上岗、记录时长。",
            "截至目前，全市注册志愿者已突破200万人，志愿服务组织5600余个。",
        ],
        [(9, 3), (9, 1)],
        [],
        ("#a8d0c6", "people"),
    ),
    (
        "wenming-xiaoyuan-fucha",
        "市教育局",
        52,
        "文明校园创建推进会召开 42所学校通过复查",
        "昆明市教育局",
        "市教育局召开文明校园创建推进会，通报复查结果：42所文明校园全部通过复查，6所学校被提醒限期整改。",
        [
            "复查从思想道德建设、校园文化、师德师风、优美环境等方面进行，采取明查与暗访相结合的方式。",
            "对被提醒的学校，市教育局将跟踪整改，整改不到位的取消文明校园称号。",
        ],
        [(5, 6)],
        [],
        ("#b9c4e8", "school"),
    ),
    (
        "laojiu-xiaoqu-weigaizao",
        "各县(市)区、开发(度假)园区",
        66,
        "老旧小区“微改造”惠及1.2万户居民",
        "五华区融媒体中心",
        "五华区、盘龙区等地今年完成38个老旧小区“微改造”，加装电梯、改造管网、增设停车位和充电设施。",
        [
            "改造前，各社区召开居民议事会征求意见，按照“居民点单、政府配菜”的方式确定改造内容。",
            "改造完成后，小区引入物业服务，建立长效管理机制，防止问题反弹。",
        ],
        [(4, 3), (3, 4)],
        [],
        ("#d6c7b0", "street"),
    ),
]


def scene_png(sky, motif, size=(1200, 675)):
    """A flat street illustration: sky, buildings, a road and the motif (a zebra crossing,
    lanes, figures or a school gate). Returns PNG bytes."""
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.55)
    for n, left in enumerate(range(0, width, width // 8)):
        top = horizon - int(height * (0.18 + 0.07 * ((n * 5) % 4)))
        draw.rectangle([left + 10, top, left + width // 8 - 10, horizon], fill=(120 + n * 9, 126, 140))
        for row in range(top + 14, horizon - 10, 28):
            draw.rectangle([left + 24, row, left + 40, row + 12], fill=(245, 232, 170))
    draw.rectangle([0, horizon, width, height], fill=(88, 92, 98))
    if motif == "zebra":
        for left in range(int(width * 0.2), int(width * 0.8), 60):
            draw.rectangle([left, int(height * 0.72), left + 34, int(height * 0.92)], fill=(245, 245, 245))
    elif motif == "street":
        draw.rectangle([0, int(height * 0.78), width, int(height * 0.8)], fill=(240, 200, 60))
    else:
        colours = [(200, 60, 60), (60, 110, 190), (60, 150, 90), (230, 150, 40)]
        for n, left in enumerate(range(int(width * 0.15), int(width * 0.85), 110)):
            colour = colours[n % len(colours)]
            draw.ellipse([left, int(height * 0.6), left + 40, int(height * 0.6) + 40], fill=(236, 200, 170))
            draw.rectangle([left - 5, int(height * 0.6) + 44, left + 45, int(height * 0.9)], fill=colour)
        if motif == "school":
            draw.rectangle(
                [int(width * 0.05), int(height * 0.3), int(width * 0.95), int(height * 0.36)], fill=(160, 30, 30)
            )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def demo_image(title, collection, draw):
    """The demo image of this title in the collection, drawn (`draw()` gives PNG bytes) only once."""
    model = get_image_model()
    image = model.objects.filter(title=title, collection=collection).first()
    if image is None:
        name = f"demo-{hashlib.sha256(title.encode()).hexdigest()[:12]}.png"
        image = model(title=title, collection=collection, file=ImageFile(io.BytesIO(draw()), name=name))
        image.save()
    return image


def build_news(builder, bureaus, tasks, today=None):
    today = today or timezone.localdate()
    pages = {}
    for slug, bureau_name, days, title, source, summary, paragraphs, task_keys, tags, scene in NEWS:
        bureau = bureaus[bureau_name]
        image = demo_image(f"{title}（配图）", bureau.collection, lambda scene=scene: scene_png(*scene))
        page = builder.ensure_page(
            bureau,
            NewsPage,
            slug,
            {
                "title": title,
                "published_on": today - datetime.timedelta(days=days),
                "source": source,
                "summary": summary,
                "lead_image": image,
                "lead_image_alt": f"示意图：{title}",
                "body": clean_rich_text("".join(f"<p>{escape(text)}</p>" for text in paragraphs)),
            },
            # In the order the relation reads them back, so a rebuild finds nothing changed.
            m2m={"related_tasks": sorted((tasks[key] for key in task_keys if key in tasks), key=lambda t: t.pk)},
        )
        pages[slug] = builder.ensure_tags(page, tags)
    return pages

"""Demo etiquette handbooks (文明礼仪手册): the 2026 school and community editions of 市文明办.

The streams are given as raw data with block ids derived from the slug, so a second run compares
equal and publishes nothing. The cover images are drawn with Pillow (no binary files in the
repository). The print PDFs are built at the end when a CJK font is installed."""

import io
import uuid

from django.core.files.images import ImageFile
from wagtail.blocks import StreamValue
from wagtail.images import get_image_model

from content.models import EtiquetteHandbookPage
from content.sanitise import clean_rich_text

BUREAU = "市文明办"
ID_NAMESPACE = uuid.UUID("6f0b4a52-3c1e-4d7a-9a8e-2b5c1d0e7f31")


def _id(*parts):
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(str(p) for p in parts)))


def _items(slug, path, values):
    return [{"type": "item", "value": v, "id": _id(slug, path, i)} for i, v in enumerate(values)]


def _html(*paragraphs, bullets=()):
    out = "".join(f"<p>{p}</p>" for p in paragraphs)
    if bullets:
        out += "<ul>" + "".join(f"<li>{b}</li>" for b in bullets) + "</ul>"
    return clean_rich_text(out)


# -- content ---------------------------------------------------------------------------
# A chapter: (heading, [blocks]); a block: ("text", html) | ("dos", title, dos, donts) | ("qa", q, a)

SCHOOL_CHAPTERS = [
    (
        "第一章 校园礼仪",
        [
            (
                "text",
                _html(
                    "校园是学习和成长的地方。尊敬师长、团结同学、爱护公物，是每一名学生应有的文明素养。",
                    bullets=[
                        "进出校门主动向老师和值勤人员问好。",
                        "课堂上认真听讲，发言先举手，不随意打断别人。",
                        "上下楼梯靠右行，不推挤、不追跑打闹。",
                        "爱护课桌椅、图书和实验器材，损坏及时报告。",
                    ],
                ),
            ),
            (
                "dos",
                "校园文明十要十不要",
                [
                    "要尊敬师长，主动问好",
                    "要按时到校，不迟到早退",
                    "要穿戴整洁，佩戴校徽",
                    "要认真听讲，积极发言",
                    "要团结同学，互相帮助",
                    "要爱护公物，节约水电",
                    "要垃圾分类，保持整洁",
                    "要排队就餐，光盘行动",
                    "要诚实守信，借物归还",
                    "要注意安全，遵守纪律",
                ],
                [
                    "不说脏话粗话",
                    "不欺负弱小同学",
                    "不在走廊追跑打闹",
                    "不乱扔纸屑果皮",
                    "不在课桌和墙上涂画",
                    "不浪费粮食",
                    "不抄袭作业、考试不作弊",
                    "不带手机进课堂",
                    "不随意翻动他人物品",
                    "不进入网吧等未成年人不宜场所",
                ],
            ),
            (
                "qa",
                "在校园里遇到老师，但老师正在和别人谈话，应该怎么办？",
                "可以微笑点头致意，不必打断谈话；如有急事，先说“对不起，打扰一下”，得到允许后再说明来意。",
            ),
        ],
    ),
    (
        "第二章 公共场所礼仪",
        [
            (
                "text",
                _html(
                    "在图书馆、博物馆、电影院、商场等公共场所，要顾及他人的感受，做到安静、有序、整洁。",
                    bullets=[
                        "排队时自觉站在队尾，保持一米距离。",
                        "在图书馆、阅览室轻声交谈，手机调为静音。",
                        "观看演出准时入场，演出中不拍照、不喧哗。",
                        "爱护公共设施，不在景物上刻画。",
                    ],
                ),
            ),
            (
                "qa",
                "在公共场所看到有人插队，应该怎么做？",
                "可以礼貌地提醒：“您好，请到后面排队。”不要争吵；如对方不听劝阻，可以请工作人员协助。",
            ),
        ],
    ),
    (
        "第三章 交通出行礼仪",
        [
            (
                "text",
                _html(
                    "文明出行，安全第一。学生上下学途中要遵守交通规则，做文明交通的小宣传员。",
                    bullets=[
                        "过马路走人行横道，红灯停、绿灯行。",
                        "不满12周岁不骑自行车上路，不满16周岁不骑电动自行车。",
                        "乘坐公交车、地铁先下后上，主动给老人、孕妇和抱小孩的乘客让座。",
                        "乘坐校车系好安全带，不把头手伸出窗外。",
                    ],
                ),
            ),
            (
                "qa",
                "绿灯在闪烁时还能过马路吗？",
                "绿灯闪烁表示即将变为红灯。还没有进入人行横道的，应当在路边等待下一个绿灯；已经走到中间的，要加快脚步安全通过。",
            ),
        ],
    ),
    (
        "第四章 网络文明礼仪",
        [
            (
                "text",
                _html(
                    "网络不是法外之地。做文明网民，要做到健康上网、理性表达、保护隐私。",
                    bullets=[
                        "不浏览、不传播不良信息和网络谣言。",
                        "发言文明，不辱骂、不嘲讽他人，不参与网络欺凌。",
                        "不随意透露自己和家人的姓名、住址、电话和照片。",
                        "合理安排上网时间，每天不沉迷网络游戏。",
                    ],
                ),
            ),
            (
                "qa",
                "同学把别人的丑照发到班级群里起哄，你该怎么做？",
                "不转发、不评论，私下提醒他删除；如果情况严重，及时告诉老师或家长。尊重他人是网络礼仪的底线。",
            ),
        ],
    ),
    (
        "第五章 餐桌礼仪与节约粮食",
        [
            (
                "text",
                _html(
                    "“谁知盘中餐，粒粒皆辛苦。”在食堂和家里用餐都要讲文明、懂礼貌、不浪费。",
                    bullets=[
                        "食堂排队取餐，按需取用，吃多少打多少。",
                        "用餐时细嚼慢咽，不大声喧哗，不敲打餐具。",
                        "家庭聚餐等长辈先动筷，不在菜盘里挑拣。",
                        "餐后把餐具送到回收处，垃圾分类投放。",
                    ],
                ),
            ),
        ],
    ),
]

COMMUNITY_CHAPTERS = [
    (
        "第一章 社区邻里礼仪",
        [
            (
                "text",
                _html(
                    "远亲不如近邻。邻里之间互相尊重、互相帮助，社区才会和谐温暖。",
                    bullets=[
                        "见面主动打招呼，邻居有困难时搭把手。",
                        "装修施工遵守作息时间，提前告知邻居。",
                        "晚上十点后降低电视、音响音量，不在楼道大声喧哗。",
                        "楼道不堆放杂物，不占用消防通道。",
                    ],
                ),
            ),
            (
                "dos",
                "社区文明十要十不要",
                [
                    "要邻里和睦，互帮互助",
                    "要垃圾分类，定时定点投放",
                    "要文明养犬，出门牵绳",
                    "要规范停车，不堵通道",
                    "要爱护绿地，保护花草",
                    "要节约用水用电",
                    "要尊老爱幼，关心孤寡老人",
                    "要参加志愿服务",
                    "要遵守社区公约",
                    "要移风易俗，婚事新办丧事简办",
                ],
                [
                    "不高空抛物",
                    "不乱贴乱画小广告",
                    "不在楼道堆放杂物",
                    "不占用消防通道",
                    "不在公共区域私搭乱建",
                    "不在绿地种菜毁绿",
                    "不深夜噪音扰民",
                    "不让宠物随地便溺",
                    "不乱扔垃圾",
                    "不搞封建迷信活动",
                ],
            ),
            (
                "qa",
                "楼上邻居深夜噪音很大，怎么处理比较好？",
                "先当面或留便条礼貌沟通；沟通无果可以请物业或社区调解，必要时向公安机关反映。不要以噪音还噪音。",
            ),
        ],
    ),
    (
        "第二章 公共场所礼仪",
        [
            (
                "text",
                _html(
                    "公共场所是大家共享的空间。遵守秩序、爱护环境，是城市文明程度的直接体现。",
                    bullets=[
                        "广场舞控制音量和时间，不影响周边居民休息。",
                        "在公园、景区不摘花折枝，不踩踏草坪。",
                        "排队办事自觉守序，不插队、不代人占位。",
                        "公共场所不吸烟，吸烟到指定区域。",
                    ],
                ),
            ),
            (
                "qa",
                "在室内公共场所可以吸电子烟吗？",
                "不可以。按照控烟规定，室内公共场所、公共交通工具内禁止吸烟，电子烟同样适用。",
            ),
        ],
    ),
    (
        "第三章 交通出行礼仪",
        [
            (
                "text",
                _html(
                    "礼让斑马线、文明过马路、规范停放非机动车，让出行更安全、更顺畅。",
                    bullets=[
                        "机动车行经人行横道减速慢行，遇行人正在通过时停车让行。",
                        "骑电动自行车佩戴安全头盔，不闯红灯、不逆行。",
                        "共享单车停放在规定区域，不占用盲道。",
                        "开车不向窗外抛物，不乱按喇叭。",
                    ],
                ),
            ),
            (
                "qa",
                "为什么不能占用盲道停车？",
                "盲道是视障人士出行的“生命线”。占用盲道会让他们失去方向甚至发生危险，停车时应让出盲道。",
            ),
        ],
    ),
    (
        "第四章 文明旅游",
        [
            (
                "text",
                _html(
                    "昆明是著名的旅游城市。做文明游客，也做热情好客的东道主。",
                    bullets=[
                        "游览滇池、翠湖时不投喂海鸥以外的野生动物，喂海鸥使用专用鸥粮。",
                        "尊重少数民族风俗习惯，拍照前先征得同意。",
                        "不在文物古迹上刻画涂写，不攀爬雕塑。",
                        "遇到外地游客问路，热情耐心指引。",
                    ],
                ),
            ),
            (
                "qa",
                "可以用面包、薯片喂红嘴鸥吗？",
                "不可以。面包和零食不利于红嘴鸥健康，还会污染水体。请使用现场售卖的专用鸥粮，不抓捕、不惊扰鸥鸟。",
            ),
        ],
    ),
    (
        "第五章 餐桌礼仪与节约粮食",
        [
            (
                "text",
                _html(
                    "厉行节约、反对浪费。无论在家用餐还是外出聚餐，都要践行“光盘行动”。",
                    bullets=[
                        "点餐适量，提倡“N-1”点餐，吃不完打包带走。",
                        "使用公筷公勺，分餐更卫生。",
                        "婚丧喜庆简办，不攀比、不铺张。",
                        "餐厨垃圾投入厨余垃圾桶。",
                    ],
                ),
            ),
        ],
    ),
]

SCHOOL_QUIZ = [
    (
        "过马路时，下列做法正确的是：",
        ["闯红灯快速通过", "走人行横道，红灯停、绿灯行", "翻越护栏", "边走边看手机"],
        2,
        "行人应走人行横道，遵守信号灯，这是最基本的交通礼仪。",
    ),
    (
        "不满多少周岁不得骑电动自行车上路？",
        ["12周岁", "14周岁", "16周岁", "18周岁"],
        3,
        "按照道路交通安全法规，驾驶电动自行车必须年满16周岁。",
    ),
    (
        "在图书馆里，下列做法正确的是：",
        ["大声讨论作业", "手机调为静音，轻声交谈", "边看书边吃零食", "在书上做记号"],
        2,
        "图书馆是公共学习场所，保持安静是对他人的尊重。",
    ),
    (
        "食堂用餐，下列做法体现“光盘行动”的是：",
        ["多打饭菜吃不完倒掉", "吃多少打多少", "只吃喜欢的菜", "把剩饭留在桌上"],
        2,
        "按需取餐、不剩饭菜，是节约粮食的具体行动。",
    ),
    (
        "同学在群里发布他人的丑照起哄，你应该：",
        ["转发给更多人", "跟着评论取笑", "不转发，提醒删除，必要时告诉老师", "截图保存"],
        3,
        "不参与网络欺凌，及时制止并求助，是网络文明的底线。",
    ),
    (
        "上下楼梯时应当：",
        ["靠右行，不推挤", "从中间快速跑过", "在楼梯上追逐打闹", "坐在扶手上滑下"],
        1,
        "靠右通行、有序上下，可以避免拥挤踩踏。",
    ),
    (
        "在网上遇到陌生人索要家庭住址，应该：",
        ["告诉对方", "不透露，并告诉家长", "发一张家门口的照片", "约对方见面"],
        2,
        "保护个人隐私，不向陌生人透露个人和家庭信息。",
    ),
    (
        "乘坐公交车遇到老人上车，应该：",
        ["假装睡觉", "主动让座", "把包放在旁边座位上", "抢先占座"],
        2,
        "主动为老、弱、病、残、孕让座是传统美德。",
    ),
    (
        "借了同学的文具，应当：",
        ["用完随手放着", "用完及时归还并道谢", "不还了", "转借给别人"],
        2,
        "诚实守信、借物归还是同学相处的基本礼仪。",
    ),
]

COMMUNITY_QUIZ = [
    (
        "下列哪种行为属于社区里的不文明行为？",
        ["定时定点投放垃圾", "高空抛物", "出门牵绳遛狗", "楼道保持整洁"],
        2,
        "高空抛物危害极大，情节严重的构成犯罪。",
    ),
    (
        "遛狗时，下列做法正确的是：",
        ["不牵绳让狗自由奔跑", "出门牵绳，及时清理粪便", "让狗在绿地随地便溺", "带狗进入儿童游乐区"],
        2,
        "文明养犬要做到出门牵绳、清理粪便、不扰邻。",
    ),
    (
        "机动车行经人行横道遇行人正在通过时，应当：",
        ["鸣喇叭催促", "停车让行", "加速通过", "绕行"],
        2,
        "礼让斑马线是法定义务，也是城市文明的标志。",
    ),
    (
        "在室内公共场所吸电子烟：",
        ["可以，电子烟不算吸烟", "不可以，同样禁止", "开窗就可以", "人少时可以"],
        2,
        "控烟规定同样适用于电子烟。",
    ),
    (
        "喂红嘴鸥应当使用：",
        ["面包", "薯片", "专用鸥粮", "馒头"],
        3,
        "专用鸥粮有利于鸥鸟健康，也不会污染滇池和翠湖水体。",
    ),
    (
        "外出聚餐提倡的点餐方式是：",
        ["越多越有面子", "“N-1”适量点餐，吃不完打包", "点满一桌再说", "只点贵的菜"],
        2,
        "适量点餐、剩菜打包，践行“光盘行动”。",
    ),
    (
        "共享单车应当停放在：",
        ["盲道上", "小区出入口中间", "规定的停放区域", "消防通道"],
        3,
        "规范停放不挡路，不占用盲道和消防通道。",
    ),
    (
        "装修房屋时，文明的做法是：",
        ["随时施工", "遵守作息时间并提前告知邻居", "把建筑垃圾堆在楼道", "夜间赶工"],
        2,
        "遵守作息时间、提前沟通，是对邻居的尊重。",
    ),
    (
        "在景区给少数民族同胞拍照，应当：",
        ["直接拍", "先征得对方同意", "偷偷拍", "拍完索要联系方式"],
        2,
        "尊重民族风俗和个人意愿，拍照前先征得同意。",
    ),
]

EDITIONS = [
    {
        "slug": "liyi-2026-xuexiao",
        "title": "文明礼仪手册（学校版）",
        "audience": "school",
        "summary": "面向全市中小学生的文明礼仪读本：校园、公共场所、交通出行、网络和餐桌礼仪，附知识测试。",
        "cover": ((159, 28, 28), (255, 213, 79)),
        "chapters": SCHOOL_CHAPTERS,
        "quiz": SCHOOL_QUIZ,
    },
    {
        "slug": "liyi-2026-shequ",
        "title": "文明礼仪手册（社区版）",
        "audience": "community",
        "summary": "面向社区居民的文明礼仪读本：邻里相处、公共场所、交通出行、文明旅游和节约粮食，附知识测试。",
        "cover": ((21, 101, 72), (255, 236, 179)),
        "chapters": COMMUNITY_CHAPTERS,
        "quiz": COMMUNITY_QUIZ,
    },
]


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
        from content.handbooks.fonts import font_available
        from content.handbooks.pdf import build_print_edition

        if font_available():
            for page in pages:
                build_print_edition(page.pk)
        else:
            builder.log("Handbook PDFs not built: no CJK font (see docs/handbooks.md).")
    return pages
